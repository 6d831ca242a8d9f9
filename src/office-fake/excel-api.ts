/**
 * A fake of the Excel JavaScript API subset the add-in uses, over a FakeWorkbookModel, behaving like Office:
 * proxy objects queue operations; `load` + `context.sync()` fill properties; reading a property that was not
 * loaded throws PropertyNotLoaded; `*OrNullObject` yields null objects; setters check array sizes at sync.
 * It counts syncs and estimates each request's payload. Browser-safe: no Node built-ins.
 */
import { MAX_COL, MAX_ROW, columnIndex, formatRange, parseRange, type RangeAddress } from '../engine/address';
import { BLANK, primitiveOf } from '../engine/cell';
import { utf8Length } from '../engine/utf8';
import { isValidFormula } from './formula';
import { typedInput, type TypedInput } from './typed-input';
import { colsOf, overlaps, rangeGrid, rowsOf, type FakeConditionalFormat, type FakeConditionalFormatType, type FakeSheet, type FakeWorkbookModel } from './model';

// ---------------------------------------------------------------- errors

export const ErrorCodes = {
  propertyNotLoaded: 'PropertyNotLoaded',
  itemNotFound: 'ItemNotFound',
  itemAlreadyExists: 'ItemAlreadyExists',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidSelection: 'InvalidSelection',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  notImplemented: 'NotImplemented',
  accessDenied: 'AccessDenied',
  generalException: 'GeneralException',
} as const;

/** Shaped like OfficeExtension.Error: `code`, `message`, `debugInfo`. */
export class FakeOfficeError extends Error {
  readonly debugInfo: { readonly code: string; readonly message: string; readonly errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

const notLoaded = (prop: string): FakeOfficeError =>
  new FakeOfficeError(
    ErrorCodes.propertyNotLoaded,
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
const notFound = (what: string): FakeOfficeError =>
  new FakeOfficeError(ErrorCodes.itemNotFound, `The requested resource doesn't exist.`, what);

/** ItemNotFound raised by a method on a null object (nullChaining 'throw'): not turned into a null object. */
class NullParentError extends FakeOfficeError {
  constructor(what: string) {
    super(ErrorCodes.itemNotFound, `The requested resource doesn't exist.`, what);
  }
}
/** A write to a protected sheet. */
function writable(sheet: FakeSheet): FakeSheet {
  if (sheet.protected) {
    throw new FakeOfficeError(ErrorCodes.accessDenied, 'The cell or chart you are trying to change is on a protected sheet.', sheet.name);
  }
  return sheet;
}

/** An action that needs the window's focus (select, activate, add a sheet) while another workbook has it. */
function focused(model: FakeWorkbookModel, what: string): void {
  if (model.focusLost) throw new FakeOfficeError(ErrorCodes.generalException, 'An internal error has occurred.', what);
}

const badArgument = (where: string, why = 'The argument is invalid or missing or has an incorrect format.'): FakeOfficeError =>
  new FakeOfficeError(ErrorCodes.invalidArgument, why, where);

// ---------------------------------------------------------------- runtime and stats

export interface LoadRecord {
  /** The proxy's class, e.g. 'Range'. */
  readonly object: string;
  /** Property paths as requested, e.g. ['values', 'formulas']. */
  readonly properties: readonly string[];
}

export interface FakeExcelStats {
  syncCount: number;
  /** Estimated request payload of each sync, bytes (UTF-8 of a JSON batch, like Office's wire format). */
  readonly payloads: number[];
  /** Estimated response payload of each sync that was answered (the loaded properties as JSON), bytes. */
  readonly responses: number[];
  readonly loads: LoadRecord[];
  /** Activations and selections in order ('activate 创业就业', 'select 创业就业!B7'). */
  readonly actions: string[];
  reset(): void;
}

export interface FakeExcelOptions {
  /** Request and response payload limit; Excel on the web refuses either over 5 MB. */
  readonly payloadLimit?: number;
  /**
   * What a method called on a null object does at sync: 'throw' (default) fails the request with ItemNotFound, as
   * a host must assume (the reference documents no chaining on a null object); 'propagate' makes its
   * *OrNullObject result null too.
   */
  readonly nullChaining?: 'propagate' | 'throw';
  /**
   * How `numberFormat` names the General format. Excel on the web answers in the user's locale (office-js issues
   * #1553 and #2824): 'G/通用格式' in a zh-CN Excel on the web. Default 'General'.
   */
  readonly generalFormat?: string;
}

/** Past this many cells, Excel answers `Range.values` (and formulas, number formats) with null instead of throwing. */
export const NULL_VALUES_CELLS = 5_000_000;

export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export function createStats(): FakeExcelStats {
  const s: FakeExcelStats = {
    syncCount: 0,
    payloads: [],
    responses: [],
    loads: [],
    actions: [],
    reset() {
      s.syncCount = 0;
      s.payloads.length = 0;
      s.responses.length = 0;
      s.loads.length = 0;
      s.actions.length = 0;
    },
  };
  return s;
}

interface Runtime {
  readonly model: FakeWorkbookModel;
  readonly stats: FakeExcelStats;
  readonly payloadLimit: number;
  readonly nullChaining: 'propagate' | 'throw';
  readonly generalFormat: string;
}

/** Fixed overhead of one action in a request batch (ids, action type, object path id), bytes. */
const ACTION_OVERHEAD = 96;
/** An object path (method, parent, arguments) and its instantiate action, bytes. */
const INSTANTIATE_OVERHEAD = 150;

interface Op {
  readonly size: number;
  /** 'values' when cells' values or formulas (or sheets) changed: recalculate; 'format' only redraws. */
  readonly writes: 'values' | 'format' | false;
  run(): void;
}

export class RequestContext {
  readonly workbook: Workbook;
  private queue: Op[] = [];
  /** @internal Bytes of loaded properties in the sync being processed. */
  _responseBytes = 0;
  /** Office's tracked-object API; a no-op here. */
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };

  constructor(readonly runtime: Runtime) {
    this.workbook = new Workbook(this, () => ({ model: runtime.model }), false);
  }

  /** @internal */
  enqueue(op: Op): void {
    this.queue.push(op);
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const { stats, model, payloadLimit } = this.runtime;
    stats.syncCount++;
    const size = 64 + ops.reduce((n, o) => n + o.size, 0);
    stats.payloads.push(size);
    await Promise.resolve();
    if (size > payloadLimit) {
      throw new FakeOfficeError(
        ErrorCodes.requestPayloadSizeLimitExceeded,
        'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
      );
    }
    let wrote: 'values' | 'format' | false = false;
    this._responseBytes = 0;
    try {
      for (const op of ops) {
        op.run();
        if (op.writes === 'values' || (op.writes === 'format' && wrote === false)) wrote = op.writes;
      }
      if (this._responseBytes > payloadLimit) {
        throw new FakeOfficeError(
          ErrorCodes.responsePayloadSizeLimitExceeded,
          'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
        );
      }
      stats.responses.push(this._responseBytes);
    } finally {
      if (wrote === 'values' && model.calculationMode !== 'Manual') model.recalc();
      if (wrote) model.notify();
    }
  }
}

// ---------------------------------------------------------------- load specs

type LoadSpec = string | string[] | { select?: string; expand?: string } | Record<string, unknown> | undefined;

function loadPaths(spec: LoadSpec): string[] {
  if (spec === undefined) return [];
  if (typeof spec === 'string') return spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s));
  if ('select' in spec || 'expand' in spec) {
    const o = spec as { select?: string; expand?: string };
    return [...loadPaths(o.select), ...loadPaths(o.expand)];
  }
  const out: string[] = [];
  for (const [k, v] of Object.entries(spec)) {
    if (k === '$all' || v === false) continue;
    if (v === true) out.push(k);
    else if (typeof v === 'object' && v !== null) for (const p of loadPaths(v as LoadSpec)) out.push(`${k}/${p}`);
  }
  return out;
}

// ---------------------------------------------------------------- proxies

type Resolver<T> = () => T | null;

export abstract class ClientObject<T = unknown> {
  /** @internal */ readonly _loaded = new Map<string, unknown>();
  private _isNull: boolean | undefined;
  private _bound = false;
  private _memo: T | null = null;

  constructor(
    readonly context: RequestContext,
    /** Returns the target, null for a null object; throws ItemNotFound when a required object is missing. */
    protected readonly resolver: Resolver<T>,
    protected readonly nullable: boolean,
    /**
     * Like Office, an object got by a method (getItem, getRange, *OrNullObject, …) is instantiated where it was
     * created in the batch: it fails there when missing, and stays bound to what it found (a renamed sheet is the
     * same sheet). Navigation properties (format, font, …) resolve through their parent.
     */
    instantiate = false,
  ) {
    if (nullable || instantiate) {
      context.enqueue({ size: INSTANTIATE_OVERHEAD, writes: false, run: () => this._instantiate() });
    }
  }

  /** The Office class it stands for, e.g. 'Range'. */
  protected abstract readonly typeName: string;
  /** Scalar properties that `load` can fill, read from the target. */
  protected readers(): Record<string, (t: T) => unknown> {
    return {};
  }
  /** Navigation properties (format, font, …: getters of this class) for paths like 'format/fill/color'. */
  protected readonly navigable: readonly string[] = [];

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this._isNull === undefined) throw notLoaded('isNullObject');
    return this._isNull;
  }

  /** @internal */
  _instantiate(): void {
    const t = this.nullable ? this.safeResolve() : this.resolver();
    if (t === null && !this.nullable) throw notFound(this.typeName);
    this._memo = t;
    this._bound = true;
    if (this.nullable) this._isNull = t === null;
  }

  private safeResolve(): T | null {
    try {
      return this.resolver();
    } catch (e) {
      if (e instanceof FakeOfficeError && e.code === ErrorCodes.itemNotFound && this.nullable && !(e instanceof NullParentError)) {
        return null;
      }
      throw e;
    }
  }

  /** The target now (as bound at instantiation, if it was); null for a null object. */
  protected target(): T | null {
    if (this._bound) return this._memo;
    const t = this.safeResolve();
    if (this.nullable) this._isNull = t === null;
    return t;
  }

  /** A method called on a null object: fails the request, or (nullChaining 'propagate') yields another null object. */
  protected nullParent(what: string): null {
    if (this.context.runtime.nullChaining === 'throw') throw new NullParentError(what);
    return null;
  }

  /** The target for an action; a null object cannot act. */
  protected required(): T {
    const t = this.target();
    if (t === null) throw notFound(this.typeName);
    return t;
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this.context.runtime.stats.loads.push({ object: this.typeName, properties: paths });
    this.context.enqueue({
      size: ACTION_OVERHEAD + utf8Length(JSON.stringify(paths)),
      writes: false,
      run: () => this._applyLoad(paths),
    });
    return this;
  }

  /** @internal */
  _applyLoad(paths: readonly string[]): void {
    const t = this.target();
    if (t === null) return;
    const readers = this.readers();
    const nav = this.navigable;
    const own = paths.length === 0 ? Object.keys(readers) : [];
    const deeper = new Map<string, string[]>();
    for (const p of paths) {
      const [head, ...rest] = p.split('/');
      if (!head) continue;
      if (head in readers && rest.length === 0) own.push(head);
      else if (nav.includes(head)) {
        const list = deeper.get(head) ?? [];
        if (rest.length) list.push(rest.join('/'));
        deeper.set(head, list);
      } else throw badArgument(`${this.typeName}.load`, `Cannot find the property '${p}' on ${this.typeName}.`);
    }
    for (const p of own) {
      const v = readers[p]!(t);
      this._loaded.set(p, v);
      this.context._responseBytes += 16 + utf8Length(JSON.stringify(v ?? null));
    }
    for (const [head, rest] of deeper) (this as unknown as Record<string, ClientObject<unknown>>)[head]?._applyLoad(rest);
  }

  private readonly _children = new Map<string, unknown>();

  /** Navigation properties return the same proxy each time, as Office's do (so loads through them stick). */
  protected child<C>(name: string, make: () => C): C {
    if (!this._children.has(name)) this._children.set(name, make());
    return this._children.get(name) as C;
  }

  /**
   * A navigation property over the same target (format, font, rule, …): a null parent makes it a null object too;
   * a required parent, a required child.
   */
  protected facet<C>(name: string, Make: new (context: RequestContext, resolver: Resolver<T>, nullable: boolean) => C): C {
    return this.child(name, () => new Make(this.context, this.nullable ? () => this.target() : () => this.required(), this.nullable));
  }

  protected get<V>(prop: string): V {
    if (!this._loaded.has(prop)) throw notLoaded(prop);
    return this._loaded.get(prop) as V;
  }

  /** Queues an action; `size` is its payload (its arguments as JSON). */
  protected act(args: unknown, writes: boolean | 'format', run: () => void): void {
    this.context.enqueue({
      size: ACTION_OVERHEAD + utf8Length(JSON.stringify(args ?? null)),
      writes: writes === true ? 'values' : writes,
      run,
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

export class ClientResult<V> {
  private _value: V | undefined;
  private _set = false;
  get value(): V {
    if (!this._set) throw notLoaded('value');
    return this._value as V;
  }
  /** @internal */
  _resolve(v: V): void {
    this._value = v;
    this._set = true;
  }
}

// ---------------------------------------------------------------- workbook and worksheets

interface WorkbookTarget {
  readonly model: FakeWorkbookModel;
}

export class Workbook extends ClientObject<WorkbookTarget> {
  protected readonly typeName = 'Workbook';
  get worksheets(): WorksheetCollection {
    return this.child('worksheets', () => new WorksheetCollection(this.context, () => this.required().model, false));
  }
  get application(): Application {
    return this.child('application', () => new Application(this.context, () => this.required().model, false));
  }
  getSelectedRange(): Range {
    return new Range(
      this.context,
      () => {
        const m = this.required().model;
        const sel = m.selection;
        const sheet = sel ? m.sheet(sel.sheet) : undefined;
        if (!sel || !sheet) throw notFound('selection');
        return { sheet, range: parseAddress(sel.address) };
      },
      false,
      true,
    );
  }
}

export class Application extends ClientObject<FakeWorkbookModel> {
  protected readonly typeName = 'Application';
  protected override readers(): Record<string, (t: FakeWorkbookModel) => unknown> {
    return { calculationMode: (t) => t.calculationMode };
  }
  get calculationMode(): string {
    return this.get('calculationMode');
  }
  /** Recalculates every formula, whatever the calculation mode. */
  calculate(calculationType: string): void {
    this.act({ calculationType }, 'format', () => {
      if (!['Recalculate', 'Full', 'FullRebuild'].includes(calculationType)) throw badArgument('Application.calculate');
      this.required().recalc();
    });
  }
}

/** Excel compares sheet names case-insensitively. */
function findSheet(model: FakeWorkbookModel, name: string): FakeSheet | undefined {
  const lower = name.toLowerCase();
  return model.sheets.find((s) => s.name.toLowerCase() === lower);
}

const INVALID_SHEET_NAME = /[\\/?*[\]:]/;

export class WorksheetCollection extends ClientObject<FakeWorkbookModel> {
  private _items: Worksheet[] | undefined;

  protected readonly typeName = 'WorksheetCollection';

  get items(): Worksheet[] {
    if (!this._items) throw notLoaded('items');
    return this._items;
  }

  override _applyLoad(paths: readonly string[]): void {
    const model = this.required();
    const itemPaths = paths.map((p) => p.replace(/^items\/?/, '')).filter(Boolean);
    this._items = model.sheets.map((s) => {
      const ws = new Worksheet(this.context, () => sheetById(model, s.id), false);
      ws._applyLoad(itemPaths);
      return ws;
    });
  }

  getItem(key: string): Worksheet {
    return new Worksheet(this.context, () => findSheet(this.required(), key) ?? throwNotFound(`Worksheet '${key}'`), false, true);
  }

  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(this.context, () => findSheet(this.required(), key) ?? null, true);
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(
      this.context,
      () => {
        const m = this.required();
        return (m.activeSheet !== null ? m.sheet(m.activeSheet) : undefined) ?? throwNotFound('active worksheet');
      },
      false,
      true,
    );
  }

  getCount(): ClientResult<number> {
    const r = new ClientResult<number>();
    this.act(null, false, () => r._resolve(this.required().sheets.length));
    return r;
  }

  add(name?: string): Worksheet {
    let created: FakeSheet | undefined;
    const ws = new Worksheet(this.context, () => created ?? throwNotFound('added worksheet'), false);
    this.act({ name }, true, () => {
      const m = this.required();
      focused(m, 'WorksheetCollection.add');
      let n = name;
      if (n === undefined) {
        let i = m.sheets.length + 1;
        while (findSheet(m, `Sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      if (n.trim() === '' || n.length > 31 || INVALID_SHEET_NAME.test(n)) throw badArgument('WorksheetCollection.add');
      if (findSheet(m, n)) {
        throw new FakeOfficeError(ErrorCodes.itemAlreadyExists, 'The resource already exists.', 'WorksheetCollection.add');
      }
      created = m.addSheet(n);
    });
    return ws;
  }
}

function throwNotFound(what: string): never {
  throw notFound(what);
}

function sheetById(model: FakeWorkbookModel, id: string): FakeSheet {
  return model.sheets.find((s) => s.id === id) ?? throwNotFound('Worksheet');
}

interface SheetTarget extends FakeSheet {}

export class Worksheet extends ClientObject<SheetTarget> {
  protected readonly typeName = 'Worksheet';

  private model(): FakeWorkbookModel {
    return this.context.runtime.model;
  }

  protected override readers(): Record<string, (t: FakeSheet) => unknown> {
    return {
      name: (t) => t.name,
      id: (t) => t.id,
      position: (t) => this.model().sheets.indexOf(t),
      visibility: () => 'Visible',
    };
  }

  protected override readonly navigable = ['protection'];

  get protection(): WorksheetProtection {
    return this.facet('protection', WorksheetProtection);
  }

  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.act({ name: v }, true, () => {
      const t = writable(this.required());
      const clash = findSheet(this.model(), v);
      if (clash && clash !== t) throw new FakeOfficeError(ErrorCodes.itemAlreadyExists, 'The resource already exists.');
      if (this.model().activeSheet === t.name) this.model().activeSheet = v;
      t.name = v;
    });
  }
  get id(): string {
    return this.get('id');
  }
  get position(): number {
    return this.get('position');
  }
  set position(v: number) {
    this.act({ position: v }, true, () => {
      const t = this.required();
      const list = this.model().sheets;
      if (!Number.isInteger(v) || v < 0 || v >= list.length) throw badArgument('Worksheet.position');
      list.splice(list.indexOf(t), 1);
      list.splice(v, 0, t);
    });
  }
  get visibility(): string {
    return this.get('visibility');
  }

  activate(): void {
    this.act(null, false, () => {
      const t = this.required();
      focused(this.model(), 'Worksheet.activate');
      this.model().activeSheet = t.name;
      this.context.runtime.stats.actions.push(`activate ${t.name}`);
      this.model().notify();
    });
  }

  delete(): void {
    this.act(null, true, () => {
      const t = writable(this.required());
      if (this.model().sheets.length <= 1) {
        throw new FakeOfficeError(ErrorCodes.invalidOperation, 'A workbook must contain at least one visible worksheet.');
      }
      this.model().removeSheet(t.name);
    });
  }

  /** The whole sheet when no address is given. */
  getRange(address?: string): Range {
    return new Range(
      this.context,
      () => {
        const sheet = this.target();
        if (sheet === null) return this.nullParent('Worksheet.getRange');
        return { sheet, range: address === undefined ? WHOLE_SHEET : parseAddress(address) };
      },
      this.nullable,
      true,
    );
  }

  /** 0-based, like Office. */
  getCell(row: number, column: number): Range {
    return new Range(
      this.context,
      () => {
        const sheet = this.target();
        if (sheet === null) return this.nullParent('Worksheet.getRange');
        const a = { row: row + 1, col: column + 1 };
        return { sheet, range: { start: a, end: a } };
      },
      this.nullable,
      true,
    );
  }

  getUsedRange(valuesOnly = false): Range {
    return new Range(
      this.context,
      () => {
        const sheet = this.target();
        if (sheet === null) return this.nullParent('Worksheet.getRange');
        return { sheet, range: sheet.usedRange(valuesOnly) ?? { start: { row: 1, col: 1 }, end: { row: 1, col: 1 } } };
      },
      this.nullable,
      true,
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return new Range(
      this.context,
      () => {
        const sheet = this.target();
        if (sheet === null) {
          if (this.context.runtime.nullChaining === 'throw') throw new NullParentError('Worksheet.getUsedRangeOrNullObject');
          return null;
        }
        const range = sheet.usedRange(valuesOnly);
        return range ? { sheet, range } : null;
      },
      true,
    );
  }
}

export class WorksheetProtection extends ClientObject<FakeSheet> {
  protected readonly typeName = 'WorksheetProtection';
  protected override readers(): Record<string, (t: FakeSheet) => unknown> {
    return { protected: (t) => t.protected };
  }
  get protected(): boolean {
    return this.get('protected');
  }
}

// ---------------------------------------------------------------- ranges

const WHOLE_SHEET: RangeAddress = { start: { row: 1, col: 1 }, end: { row: MAX_ROW, col: MAX_COL } };

/** 'A1', 'A1:B2', 'A:C', '3:5', optionally prefixed by a sheet name (ignored). */
export function parseAddress(address: string): RangeAddress {
  const a = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const cols = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(a.trim());
  if (cols) {
    const c1 = columnIndex(cols[1]!);
    const c2 = columnIndex(cols[2]!);
    return { start: { row: 1, col: Math.min(c1, c2) }, end: { row: MAX_ROW, col: Math.max(c1, c2) } };
  }
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(a.trim());
  if (rows) {
    const r1 = Number(rows[1]);
    const r2 = Number(rows[2]);
    return { start: { row: Math.min(r1, r2), col: 1 }, end: { row: Math.max(r1, r2), col: MAX_COL } };
  }
  try {
    return parseRange(a);
  } catch {
    throw badArgument('Worksheet.getRange', `The address '${address}' is not valid.`);
  }
}

/** Excel quotes a sheet name in an address when it holds anything but letters, digits, _ and . */
export function quoteSheetName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

interface RangeTarget {
  readonly sheet: FakeSheet;
  readonly range: RangeAddress;
}

const MAX_MATERIALIZED_CELLS = 2_000_000;

const huge = (t: RangeTarget): boolean => rowsOf(t.range) * colsOf(t.range) > NULL_VALUES_CELLS;

function grid<V>(t: RangeTarget, f: (row: number, col: number) => V): V[][] {
  if (rowsOf(t.range) * colsOf(t.range) > MAX_MATERIALIZED_CELLS) {
    throw new FakeOfficeError(ErrorCodes.responsePayloadSizeLimitExceeded, 'The response payload size has exceeded the limit.');
  }
  return rangeGrid(t.range, f);
}

/** A cell value as Office returns it in `values`. */
export const officeValue = primitiveOf;

export class Range extends ClientObject<RangeTarget> {
  protected readonly typeName = 'Range';

  protected override readers(): Record<string, (t: RangeTarget) => unknown> {
    return {
      address: (t) => `${quoteSheetName(t.sheet.name)}!${formatRange(t.range)}`,
      addressLocal: (t) => `${quoteSheetName(t.sheet.name)}!${formatRange(t.range)}`,
      rowCount: (t) => rowsOf(t.range),
      columnCount: (t) => colsOf(t.range),
      cellCount: (t) => rowsOf(t.range) * colsOf(t.range),
      rowIndex: (t) => t.range.start.row - 1,
      columnIndex: (t) => t.range.start.col - 1,
      values: (t) => (huge(t) ? null : grid(t, (r, c) => officeValue(t.sheet.cell(r, c).value))),
      formulas: (t) =>
        huge(t)
          ? null
          : grid(t, (r, c) => {
              const cell = t.sheet.cell(r, c);
              return cell.formula ?? officeValue(cell.value);
            }),
      numberFormat: (t) => {
        if (huge(t)) return null;
        const general = this.context.runtime.generalFormat;
        return grid(t, (r, c) => {
          const f = t.sheet.cell(r, c).numberFormat;
          return f === 'General' ? general : f;
        });
      },
      valueTypes: (t) =>
        grid(t, (r, c) => {
          const v = t.sheet.cell(r, c).value;
          return { blank: 'Empty', number: 'Double', date: 'Double', text: 'String', boolean: 'Boolean', error: 'Error' }[v.kind];
        }),
      text: (t) => grid(t, (r, c) => String(officeValue(t.sheet.cell(r, c).value))),
    };
  }

  protected override readonly navigable = ['format'];

  get address(): string {
    return this.get('address');
  }
  get addressLocal(): string {
    return this.get('addressLocal');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get cellCount(): number {
    return this.get('cellCount');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get values(): unknown[][] {
    return this.get('values');
  }
  set values(v: unknown[][]) {
    this.write('values', v);
  }
  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  set formulas(v: unknown[][]) {
    this.write('formulas', v);
  }
  get numberFormat(): unknown[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.act({ numberFormat: v }, 'format', () => {
      const t = this.required();
      writable(t.sheet);
      this.forEachInput('numberFormat', t, v, (r, c, x) => {
        if (x === null) return;
        if (typeof x !== 'string') throw badArgument('Range.numberFormat');
        t.sheet.setCell(r, c, { numberFormat: x === '' ? 'General' : x });
      });
    });
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get text(): string[][] {
    return this.get('text');
  }

  get format(): RangeFormat {
    return this.facet('format', RangeFormat);
  }

  get conditionalFormats(): ConditionalFormatCollection {
    return this.facet('conditionalFormats', ConditionalFormatCollection);
  }

  get worksheet(): Worksheet {
    return this.child('worksheet', () => new Worksheet(this.context, () => this.target()?.sheet ?? null, this.nullable));
  }

  /** 0-based, relative to the range. */
  getCell(row: number, column: number): Range {
    return new Range(
      this.context,
      () => {
        const t = this.target();
        if (t === null) return this.nullParent('Range.getCell');
        const a = { row: t.range.start.row + row, col: t.range.start.col + column };
        return { sheet: t.sheet, range: { start: a, end: a } };
      },
      this.nullable,
      true,
    );
  }

  /**
   * The used range within this range (ExcelApi 1.4): the bounding box of its cells holding anything (valuesOnly: a
   * value or formula), or a null object when it holds none. Costs the sheet's stored cells, never the area.
   */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return new Range(
      this.context,
      () => {
        const t = this.target();
        if (t === null) {
          if (this.context.runtime.nullChaining === 'throw') throw new NullParentError('Range.getUsedRangeOrNullObject');
          return null;
        }
        const { start, end } = t.range;
        let r1 = Infinity;
        let c1 = Infinity;
        let r2 = 0;
        let c2 = 0;
        for (const [row, col, c] of t.sheet.entries()) {
          if (row < start.row || row > end.row || col < start.col || col > end.col) continue;
          if (valuesOnly && c.value.kind === 'blank' && !c.formula) continue;
          r1 = Math.min(r1, row);
          c1 = Math.min(c1, col);
          r2 = Math.max(r2, row);
          c2 = Math.max(c2, col);
        }
        return r2 === 0 ? null : { sheet: t.sheet, range: { start: { row: r1, col: c1 }, end: { row: r2, col: c2 } } };
      },
      true,
    );
  }

  select(): void {
    this.act(null, false, () => {
      const t = this.required();
      const model = this.context.runtime.model;
      focused(model, 'Range.select');
      // Like Excel on the web, selecting on a sheet that is not active is unreliable: the fake refuses it.
      if (model.activeSheet !== t.sheet.name) {
        throw new FakeOfficeError(
          ErrorCodes.invalidSelection,
          'The current selection is invalid for this operation (the range is not on the active worksheet).',
        );
      }
      model.selection = { sheet: t.sheet.name, address: formatRange(t.range) };
      this.context.runtime.stats.actions.push(`select ${t.sheet.name}!${formatRange(t.range)}`);
      model.notify();
    });
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.act({ applyTo }, true, () => {
      const t = this.required();
      writable(t.sheet);
      const inside = (r: number, c: number): boolean =>
        r >= t.range.start.row && r <= t.range.end.row && c >= t.range.start.col && c <= t.range.end.col;
      for (const [r, c] of [...t.sheet.entries()]) {
        if (!inside(r, c)) continue;
        if (applyTo !== 'Formats') t.sheet.setCell(r, c, { value: BLANK, formula: undefined });
        if (applyTo !== 'Contents') t.sheet.setCell(r, c, { numberFormat: 'General', format: {} });
      }
      if (applyTo !== 'Contents') {
        t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter(
          (cf) => !(inside(cf.range.start.row, cf.range.start.col) && inside(cf.range.end.row, cf.range.end.col)),
        );
      }
    });
  }

  private write(kind: 'values' | 'formulas', v: unknown[][]): void {
    this.act({ [kind]: v }, true, () => {
      const t = this.required();
      writable(t.sheet);
      if (this.context.runtime.model.refuseWrites?.(t.sheet.name)) {
        throw new FakeOfficeError(ErrorCodes.invalidOperation, 'This operation is not permitted for the current object.', t.sheet.name);
      }
      if (v === null || v === undefined) throw badArgument(`Range.${kind}`, `null is not a valid input for Range.${kind}.`);
      this.forEachInput(kind, t, v, (r, c, x) => {
        const cur = t.sheet.cell(r, c);
        const got = typedInput(x as TypedInput, cur.numberFormat);
        if (got === 'skip') return;
        if (got === 'invalid') throw badArgument(`Range.${kind}`, `The formula or value '${String(x)}' is not valid.`);
        t.sheet.setCell(r, c, { value: got.value, formula: got.formula, ...(got.numberFormat ? { numberFormat: got.numberFormat } : {}) });
      });
    });
  }

  /** Office accepts one scalar for the whole range, or a 2-D array of exactly the range's size. */
  private forEachInput(kind: string, t: RangeTarget, v: unknown, f: (row: number, col: number, x: unknown) => void): void {
    const rows = rowsOf(t.range);
    const cols = colsOf(t.range);
    if (!Array.isArray(v)) {
      if (rows * cols > MAX_MATERIALIZED_CELLS) throw new FakeOfficeError(ErrorCodes.notImplemented, 'range too large for the fake');
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f(t.range.start.row + r, t.range.start.col + c, v);
      return;
    }
    if (v.length !== rows || v.some((line) => !Array.isArray(line) || line.length !== cols)) {
      throw badArgument(
        `Range.${kind}`,
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
      );
    }
    for (let r = 0; r < rows; r++) {
      const line = v[r] as unknown[];
      for (let c = 0; c < cols; c++) f(t.range.start.row + r, t.range.start.col + c, line[c]);
    }
  }
}

// ---------------------------------------------------------------- range formats

function cellsOf(t: RangeTarget, what: string): [number, number][] {
  const rows = rowsOf(t.range);
  const cols = colsOf(t.range);
  if (rows * cols > 200_000) throw new FakeOfficeError(ErrorCodes.notImplemented, `${what} on a range this large is not in the fake`);
  const out: [number, number][] = [];
  for (let r = t.range.start.row; r <= t.range.end.row; r++) for (let c = t.range.start.col; c <= t.range.end.col; c++) out.push([r, c]);
  return out;
}

/** One value when every cell agrees, else null (Office's convention for mixed formats). */
function uniform<V>(t: RangeTarget, f: (row: number, col: number) => V): V | null {
  let first: V | undefined;
  let seen = false;
  for (const [r, c] of cellsOf(t, 'reading a format')) {
    const v = f(r, c);
    if (!seen) {
      first = v;
      seen = true;
    } else if (v !== first) return null;
  }
  return first ?? null;
}

export class RangeFormat extends ClientObject<RangeTarget> {
  protected readonly typeName = 'RangeFormat';
  protected override readers(): Record<string, (t: RangeTarget) => unknown> {
    return {
      columnWidth: (t) => t.sheet.columnWidth(t.range.start.col),
      rowHeight: () => 15,
    };
  }
  protected override readonly navigable = ['font', 'fill'];
  get columnWidth(): number {
    return this.get('columnWidth');
  }
  /** Points, like Office. */
  set columnWidth(points: number) {
    this.act({ columnWidth: points }, 'format', () => {
      const t = this.required();
      writable(t.sheet);
      if (!(points >= 0)) throw badArgument('RangeFormat.columnWidth');
      for (let c = t.range.start.col; c <= t.range.end.col; c++) t.sheet.columnWidths.set(c, points);
    });
  }
  get rowHeight(): number {
    return this.get('rowHeight');
  }
  get font(): RangeFont {
    return this.facet('font', RangeFont);
  }
  get fill(): RangeFill {
    return this.facet('fill', RangeFill);
  }
  autofitColumns(): void {
    this.act(null, false, () => void this.required());
  }
}

export class RangeFont extends ClientObject<RangeTarget> {
  protected readonly typeName = 'RangeFont';
  protected override readers(): Record<string, (t: RangeTarget) => unknown> {
    return {
      bold: (t) => uniform(t, (r, c) => t.sheet.cell(r, c).format.bold ?? false),
      italic: (t) => uniform(t, (r, c) => t.sheet.cell(r, c).format.italic ?? false),
      color: (t) => uniform(t, (r, c) => t.sheet.cell(r, c).format.fontColor ?? '#000000'),
    };
  }
  private setAll(prop: 'bold' | 'italic' | 'fontColor', v: unknown): void {
    this.act({ [prop]: v }, 'format', () => {
      const t = this.required();
      writable(t.sheet);
      for (const [r, c] of cellsOf(t, 'setting a font')) {
        const format = { ...t.sheet.cell(r, c).format, [prop]: v };
        t.sheet.setCell(r, c, { format });
      }
    });
  }
  get bold(): boolean | null {
    return this.get('bold');
  }
  set bold(v: boolean | null) {
    this.setAll('bold', Boolean(v));
  }
  get italic(): boolean | null {
    return this.get('italic');
  }
  set italic(v: boolean | null) {
    this.setAll('italic', Boolean(v));
  }
  get color(): string | null {
    return this.get('color');
  }
  set color(v: string | null) {
    this.setAll('fontColor', normalizeColor(v));
  }
}

export class RangeFill extends ClientObject<RangeTarget> {
  protected readonly typeName = 'RangeFill';
  protected override readers(): Record<string, (t: RangeTarget) => unknown> {
    return { color: (t) => uniform(t, (r, c) => t.sheet.cell(r, c).format.fill ?? '#FFFFFF') };
  }
  get color(): string | null {
    return this.get('color');
  }
  set color(v: string | null) {
    this.act({ color: v }, 'format', () => {
      const t = this.required();
      writable(t.sheet);
      if (v === null || v === undefined) throw badArgument('RangeFill.color', 'null is not a valid input for RangeFill.color.');
      const fill = normalizeColor(v);
      for (const [r, c] of cellsOf(t, 'setting a fill')) {
        t.sheet.setCell(r, c, { format: { ...t.sheet.cell(r, c).format, fill } });
      }
    });
  }
  clear(): void {
    this.act(null, 'format', () => {
      const t = this.required();
      writable(t.sheet);
      for (const [r, c] of cellsOf(t, 'clearing a fill')) {
        const { fill: _drop, ...format } = t.sheet.cell(r, c).format;
        void _drop;
        t.sheet.setCell(r, c, { format });
      }
    });
  }
}

const NAMED_COLORS: Record<string, string> = { red: '#FF0000', yellow: '#FFFF00', blue: '#0000FF', white: '#FFFFFF', black: '#000000', orange: '#FFA500', green: '#008000' };

function normalizeColor(v: string | null | undefined): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const named = NAMED_COLORS[v.toLowerCase()];
  if (named) return named;
  if (!/^#[0-9a-f]{6}$/i.test(v)) throw badArgument('color', `The color '${v}' is not valid.`);
  return v.toUpperCase();
}

// ---------------------------------------------------------------- conditional formats

interface CfTarget {
  readonly sheet: FakeSheet;
  readonly cf: FakeConditionalFormat;
}

export class ConditionalFormatCollection extends ClientObject<RangeTarget> {
  private _items: ConditionalFormat[] | undefined;

  protected readonly typeName = 'ConditionalFormatCollection';

  private inRange(t: RangeTarget): FakeConditionalFormat[] {
    return t.sheet.conditionalFormats.filter((cf) => overlaps(cf.range, t.range));
  }

  get items(): ConditionalFormat[] {
    if (!this._items) throw notLoaded('items');
    return this._items;
  }

  /**
   * Loaded items stand for positions, not rules: an item acts on whatever is at its index when the action runs,
   * as an id that is a priority does. Deleting several in one batch must go from the last to the first.
   */
  override _applyLoad(paths: readonly string[]): void {
    const t = this.required();
    const itemPaths = paths.map((p) => p.replace(/^items\/?/, '')).filter(Boolean);
    this._items = this.inRange(t).map((_, index) => {
      const item = new ConditionalFormat(this.context, () => atIndex(this.inRange(this.required()), t.sheet, index), false);
      item._applyLoad(itemPaths);
      return item;
    });
  }

  add(type: FakeConditionalFormatType): ConditionalFormat {
    let created: CfTarget | undefined;
    const item = new ConditionalFormat(this.context, () => created ?? throwNotFound('conditional format'), false);
    this.act({ type }, 'format', () => {
      const t = this.required();
      writable(t.sheet);
      const cf: FakeConditionalFormat = { type, range: t.range, formula: '', fill: null, fontColor: null, bold: null };
      t.sheet.conditionalFormats.unshift(cf); // first / top priority: every other rule's id moves up by one
      created = { sheet: t.sheet, cf };
    });
    return item;
  }

  /** By id, that is by priority: the rule at that position when the batch gets there. */
  getItem(id: string): ConditionalFormat {
    return new ConditionalFormat(this.context, () => atIndex(this.inRange(this.required()), this.required().sheet, Number(id)), false, true);
  }

  getItemAt(index: number): ConditionalFormat {
    return new ConditionalFormat(this.context, () => atIndex(this.inRange(this.required()), this.required().sheet, index), false, true);
  }

  getCount(): ClientResult<number> {
    const r = new ClientResult<number>();
    this.act(null, false, () => r._resolve(this.inRange(this.required()).length));
    return r;
  }

  clearAll(): void {
    this.act(null, 'format', () => {
      const t = this.required();
      writable(t.sheet);
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => !overlaps(cf.range, t.range));
    });
  }
}

function atIndex(list: readonly FakeConditionalFormat[], sheet: FakeSheet, index: number): CfTarget {
  const cf = Number.isInteger(index) ? list[index] : undefined;
  return cf ? { sheet, cf } : throwNotFound(`conditional format #${index}`);
}

export class ConditionalFormat extends ClientObject<CfTarget> {
  protected readonly typeName = 'ConditionalFormat';
  protected override readers(): Record<string, (t: CfTarget) => unknown> {
    return {
      id: (t) => String(t.sheet.conditionalFormats.indexOf(t.cf)),
      type: (t) => t.cf.type,
      priority: (t) => t.sheet.conditionalFormats.indexOf(t.cf),
      stopIfTrue: () => false,
    };
  }
  protected override readonly navigable = ['custom', 'customOrNullObject'];
  get id(): string {
    return this.get('id');
  }
  get type(): string {
    return this.get('type');
  }
  get priority(): number {
    return this.get('priority');
  }
  get custom(): CustomConditionalFormat {
    return this.child(
      'custom',
      () =>
        new CustomConditionalFormat(
          this.context,
          () => {
            const t = this.required();
            if (t.cf.type !== 'Custom') throw badArgument('ConditionalFormat.custom', 'This conditional format is not of the custom type.');
            return t;
          },
          false,
        ),
    );
  }
  /** ExcelApi 1.6: a null object for a rule of another type. */
  get customOrNullObject(): CustomConditionalFormat {
    return this.child('customOrNullObject', () => new CustomConditionalFormat(this.context, () => {
      const t = this.required();
      return t.cf.type === 'Custom' ? t : null;
    }, true));
  }
  getRange(): Range {
    return new Range(this.context, () => ({ sheet: this.required().sheet, range: this.required().cf.range }), false, true);
  }
  delete(): void {
    this.act(null, 'format', () => {
      const t = this.required();
      writable(t.sheet);
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((c) => c !== t.cf);
    });
  }
}

export class CustomConditionalFormat extends ClientObject<CfTarget> {
  protected readonly typeName = 'CustomConditionalFormat';
  protected override readonly navigable = ['rule', 'format'];
  get rule(): ConditionalFormatRule {
    return this.facet('rule', ConditionalFormatRule);
  }
  get format(): ConditionalRangeFormat {
    return this.facet('format', ConditionalRangeFormat);
  }
}

export class ConditionalFormatRule extends ClientObject<CfTarget> {
  protected readonly typeName = 'ConditionalFormatRule';
  protected override readers(): Record<string, (t: CfTarget) => unknown> {
    return { formula: (t) => t.cf.formula, formulaLocal: (t) => t.cf.formula };
  }
  get formula(): string {
    return this.get('formula');
  }
  set formula(v: string) {
    this.act({ formula: v }, 'format', () => {
      const t = this.required();
      writable(t.sheet);
      if (!isValidFormula(v)) throw badArgument('ConditionalFormatRule.formula');
      t.cf.formula = v.startsWith('=') ? v : `=${v}`;
    });
  }
}

export class ConditionalRangeFormat extends ClientObject<CfTarget> {
  protected readonly typeName = 'ConditionalRangeFormat';
  protected override readonly navigable = ['fill', 'font'];
  get fill(): ConditionalRangeFill {
    return this.facet('fill', ConditionalRangeFill);
  }
  get font(): ConditionalRangeFont {
    return this.facet('font', ConditionalRangeFont);
  }
}

export class ConditionalRangeFill extends ClientObject<CfTarget> {
  protected readonly typeName = 'ConditionalRangeFill';
  protected override readers(): Record<string, (t: CfTarget) => unknown> {
    return { color: (t) => t.cf.fill };
  }
  get color(): string | null {
    return this.get('color');
  }
  set color(v: string | null) {
    this.act({ color: v }, 'format', () => {
      this.required().cf.fill = normalizeColor(v) ?? null;
    });
  }
  clear(): void {
    this.act(null, 'format', () => {
      this.required().cf.fill = null;
    });
  }
}

export class ConditionalRangeFont extends ClientObject<CfTarget> {
  protected readonly typeName = 'ConditionalRangeFont';
  protected override readers(): Record<string, (t: CfTarget) => unknown> {
    return { color: (t) => t.cf.fontColor, bold: (t) => t.cf.bold };
  }
  get color(): string | null {
    return this.get('color');
  }
  set color(v: string | null) {
    this.act({ color: v }, 'format', () => {
      this.required().cf.fontColor = normalizeColor(v) ?? null;
    });
  }
  get bold(): boolean | null {
    return this.get('bold');
  }
  set bold(v: boolean | null) {
    this.act({ bold: v }, 'format', () => {
      this.required().cf.bold = v;
    });
  }
}

// ---------------------------------------------------------------- the Excel namespace

export interface FakeExcel {
  run<R>(batch: (context: RequestContext) => Promise<R>): Promise<R>;
  run<R>(objectOrOptions: unknown, batch: (context: RequestContext) => Promise<R>): Promise<R>;
  readonly RequestContext: new () => RequestContext;
  readonly ConditionalFormatType: Readonly<Record<string, FakeConditionalFormatType>>;
  readonly ClearApplyTo: Readonly<Record<'all' | 'formats' | 'contents', 'All' | 'Formats' | 'Contents'>>;
  readonly ErrorCodes: typeof ErrorCodes;
  readonly stats: FakeExcelStats;
}

export function createFakeExcel(model: FakeWorkbookModel, options: FakeExcelOptions = {}, stats = createStats()): FakeExcel {
  const runtime: Runtime = {
    model,
    stats,
    payloadLimit: options.payloadLimit ?? WEB_PAYLOAD_LIMIT,
    nullChaining: options.nullChaining ?? 'throw',
    generalFormat: options.generalFormat ?? 'General',
  };
  return {
    async run<R>(first: unknown, second?: (context: RequestContext) => Promise<R>): Promise<R> {
      // Excel.run(batch), or Excel.run(objectOrOptions, batch) as Office also accepts.
      const batch = (typeof first === 'function' ? first : second) as (context: RequestContext) => Promise<R>;
      if (typeof batch !== 'function') throw badArgument('Excel.run', 'Excel.run needs a batch function.');
      const context = new RequestContext(runtime);
      const result = await batch(context);
      // Like Office, Excel.run flushes what the batch left queued (one more sync).
      if (context.pending > 0) await context.sync();
      return result;
    },
    RequestContext: class extends RequestContext {
      constructor() {
        super(runtime);
      }
    },
    ConditionalFormatType: {
      custom: 'Custom',
      dataBar: 'DataBar',
      colorScale: 'ColorScale',
      iconSet: 'IconSet',
      topBottom: 'TopBottom',
      presetCriteria: 'PresetCriteria',
      containsText: 'ContainsText',
      cellValue: 'CellValue',
    },
    ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents' },
    ErrorCodes,
    stats,
  };
}
