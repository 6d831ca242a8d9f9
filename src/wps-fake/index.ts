/**
 * A fake of the WPS 表格 JavaScript API subset the WPS host uses (src/wps/api.ts), over the same in-memory workbook
 * as the fake Office.js (src/office-fake/model.ts), for jest tests.
 *
 * As strict as the material it is built from (WPS's ET object model, which mirrors Excel VBA): synchronous; every
 * property read and method call is one call across the boundary and is counted; collections are 1-based and `Item`
 * of a missing name or index throws; a multi-cell range's Value2 / Formula is rows of cells and a single cell's is
 * the bare value; NumberFormat of cells that differ is null (VBA) unless `numberFormatGrid`; `Range.Select` throws
 * unless its sheet is the active one (VBA: "Select method of Range class failed"); errors are thrown as `WpsFakeError`
 * with VBA's error number (9 subscript out of range, 1004 application-defined).
 * Behaviour public material leaves open is an option, so tests can run the host over each reading: error cells'
 * Value2 as COM codes or as text, and whether Formula takes a 2-D array.
 */
import { MAX_COL, MAX_ROW, formatRange, parseRange, type RangeAddress } from '../engine/address';
import { BLANK, primitiveOf, type CellValue } from '../engine/cell';
import { colsOf, overlaps, rangeGrid, rowsOf, type FakeConditionalFormat, type FakeConditionalFormatType, type FakeSheet, type FakeWorkbookModel } from '../office-fake/model';
import { isValidFormula } from '../office-fake/formula';
import { typedInput } from '../office-fake/typed-input';
import { comErrorCode, hexOfBgr, bgrOf } from '../wps/values';
import type { WpsScalar } from '../wps/api';

export class WpsFakeError extends Error {
  constructor(
    readonly number: number,
    message: string,
  ) {
    super(message);
    this.name = 'WpsFakeError';
  }
}

export interface WpsFakeOptions {
  /** Application.Version (default '12.1.0.16910'). */
  readonly version?: string;
  /** How Value2 gives an error cell: its COM error code (default, as a COM bridge gives CVErr) or its text. */
  readonly errorValues?: 'code' | 'text';
  /** NumberFormat of a multi-cell range as a grid instead of VBA's null for cells that differ. */
  readonly numberFormatGrid?: boolean;
  /** Whether Formula accepts a 2-D array (default true, as VBA does). */
  readonly formulaArrays?: boolean;
  /** Conditional formats a cell may carry (WPS's FormatCondition 对象 page says three, after Excel 2003); default none. */
  readonly formatConditionLimit?: number;
}

export interface WpsFakeStats {
  /** Calls into the API: property reads and writes and method calls. */
  calls: number;
  readonly byName: Map<string, number>;
}

type Io = {
  hit(name: string): void;
  readonly model: FakeWorkbookModel;
  readonly options: Required<WpsFakeOptions>;
  dirty: boolean;
  /** Application.DisplayAlerts: while true, Worksheet.Delete would ask the user, which the fake refuses to do. */
  alerts: boolean;
};

const WHOLE: RangeAddress = { start: { row: 1, col: 1 }, end: { row: MAX_ROW, col: MAX_COL } };
const within = (inner: RangeAddress, outer: RangeAddress): boolean =>
  inner.start.row >= outer.start.row && inner.end.row <= outer.end.row && inner.start.col >= outer.start.col && inner.end.col <= outer.end.col;

const subscriptOutOfRange = (): WpsFakeError => new WpsFakeError(9, '下标越界 (Subscript out of range)');
const appError = (what: string): WpsFakeError => new WpsFakeError(1004, `${what} (Application-defined or object-defined error)`);

/** `A1`, `$A$1:$B$2`, `A:C` or `1:3` as a range. */
function parseAddress(address: string): RangeAddress {
  const a = address.replace(/\$/g, '').trim().toUpperCase();
  const cols = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(a);
  if (cols) {
    const r = parseRange(`${cols[1]}1:${cols[2]}1`);
    return { start: { row: 1, col: r.start.col }, end: { row: MAX_ROW, col: r.end.col } };
  }
  const rowsM = /^(\d+):(\d+)$/.exec(a);
  if (rowsM) return { start: { row: Number(rowsM[1]), col: 1 }, end: { row: Number(rowsM[2]), col: MAX_COL } };
  try {
    return parseRange(a);
  } catch {
    throw appError(`Range("${address}")`);
  }
}

const CF_TYPES: Readonly<Record<FakeConditionalFormatType, number>> = {
  CellValue: 1,
  Custom: 2,
  ColorScale: 3,
  DataBar: 4,
  TopBottom: 5,
  IconSet: 6,
  ContainsText: 9,
  PresetCriteria: 8,
};

/** What a typed input becomes (Excel's and WPS's reading of text entered into a cell). */
/** Value2 and Formula read what they are given as Excel does, but Empty clears the cell (VBA), where Office's null leaves it. */
function interpret(input: WpsScalar, numberFormat: string): { value: CellValue; formula?: string; numberFormat?: string } {
  const got = typedInput(input ?? '', numberFormat);
  if (got === 'skip' || got === 'invalid') throw appError(`Formula "${String(input)}"`);
  return got;
}

class Base {
  constructor(protected readonly io: Io) {}
  protected hit(name: string): void {
    this.io.hit(name);
  }
}

class FakeSheetRef extends Base {
  constructor(
    io: Io,
    private readonly sheetObj: FakeSheet,
  ) {
    super(io);
  }
  /** The live sheet; a deleted one is an error, as a stale COM reference is. */
  protected sheet(): FakeSheet {
    if (!this.io.model.sheets.includes(this.sheetObj)) throw appError('the sheet was deleted');
    return this.sheetObj;
  }
}

export class FakeInterior extends Base {
  constructor(
    io: Io,
    private readonly cf: FakeConditionalFormat,
  ) {
    super(io);
  }
  get Color(): number {
    this.hit('Interior.Color');
    return this.cf.fill === null ? 16777215 : bgrOf(this.cf.fill);
  }
  set Color(v: number) {
    this.hit('Interior.Color=');
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffff) throw appError('Interior.Color');
    this.cf.fill = hexOfBgr(v);
  }
}

export class FakeFormatCondition extends FakeSheetRef {
  constructor(
    io: Io,
    sheet: FakeSheet,
    private readonly cf: FakeConditionalFormat,
  ) {
    super(io, sheet);
  }
  private live(): FakeConditionalFormat {
    if (!this.sheet().conditionalFormats.includes(this.cf)) throw appError('the format condition was deleted');
    return this.cf;
  }
  get Type(): number {
    this.hit('FormatCondition.Type');
    return CF_TYPES[this.live().type];
  }
  get Formula1(): string {
    this.hit('FormatCondition.Formula1');
    return this.live().formula;
  }
  get Interior(): FakeInterior {
    this.hit('FormatCondition.Interior');
    return new FakeInterior(this.io, this.live());
  }
  Delete(): void {
    this.hit('FormatCondition.Delete');
    const s = this.sheet();
    s.conditionalFormats = s.conditionalFormats.filter((c) => c !== this.live());
  }
}

export class FakeFormatConditions extends FakeSheetRef {
  constructor(
    io: Io,
    sheet: FakeSheet,
    private readonly range: RangeAddress,
  ) {
    super(io, sheet);
  }
  private list(): FakeConditionalFormat[] {
    return this.sheet().conditionalFormats.filter((cf) => overlaps(cf.range, this.range));
  }
  get Count(): number {
    this.hit('FormatConditions.Count');
    return this.list().length;
  }
  Item(index: number): FakeFormatCondition {
    this.hit('FormatConditions.Item');
    const cf = this.list()[index - 1];
    if (!Number.isInteger(index) || !cf) throw subscriptOutOfRange();
    return new FakeFormatCondition(this.io, this.sheet(), cf);
  }
  Add(type: number, _operator?: number | null, formula1?: string): FakeFormatCondition {
    this.hit('FormatConditions.Add');
    if (type !== 2) throw appError(`FormatConditions.Add type ${type} is not part of the fake`);
    const f = String(formula1 ?? '');
    const formula = f.startsWith('=') ? f : `=${f}`;
    if (!isValidFormula(formula)) throw appError(`FormatConditions.Add formula ${f}`);
    const limit = this.io.options.formatConditionLimit;
    for (let r = this.range.start.row; r <= this.range.end.row && limit !== Infinity; r++) {
      for (let c = this.range.start.col; c <= this.range.end.col; c++) {
        const cell: RangeAddress = { start: { row: r, col: c }, end: { row: r, col: c } };
        if (this.sheet().conditionalFormats.filter((cf) => overlaps(cf.range, cell)).length >= limit) throw appError('too many conditional formats');
      }
    }
    const cf: FakeConditionalFormat = {
      type: 'Custom',
      range: this.range,
      formula,
      fill: null,
      fontColor: null,
      bold: null,
    };
    this.sheet().conditionalFormats.push(cf);
    return new FakeFormatCondition(this.io, this.sheet(), cf);
  }
}

export class FakeFont extends FakeSheetRef {
  constructor(
    io: Io,
    sheet: FakeSheet,
    private readonly range: RangeAddress,
  ) {
    super(io, sheet);
  }
  get Bold(): boolean | null {
    this.hit('Font.Bold');
    const s = this.sheet();
    let seen: boolean | undefined;
    for (let r = this.range.start.row; r <= this.range.end.row; r++) {
      for (let c = this.range.start.col; c <= this.range.end.col; c++) {
        const b = Boolean(s.cell(r, c).format.bold);
        if (seen === undefined) seen = b;
        else if (seen !== b) return null;
      }
    }
    return seen ?? false;
  }
  set Bold(v: boolean) {
    this.hit('Font.Bold=');
    const s = this.sheet();
    for (let r = this.range.start.row; r <= this.range.end.row; r++) {
      for (let c = this.range.start.col; c <= this.range.end.col; c++) {
        s.setCell(r, c, { format: { ...s.cell(r, c).format, bold: Boolean(v) } });
      }
    }
  }
}

/** Characters → points as the fake Office.js model stores widths (7 px a character + 5 px, at 96 dpi). */
const charsToPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

export class FakeRange extends FakeSheetRef {
  constructor(
    io: Io,
    sheet: FakeSheet,
    readonly range: RangeAddress,
  ) {
    super(io, sheet);
  }

  private cells<V>(f: (row: number, col: number) => V): V | V[][] {
    if (rowsOf(this.range) * colsOf(this.range) > 5_000_000) throw appError('range too large');
    if (rowsOf(this.range) === 1 && colsOf(this.range) === 1) return f(this.range.start.row, this.range.start.col);
    return rangeGrid(this.range, f);
  }

  /** Value2 as VBA gives it: Office's values (primitiveOf) but for a blank, Empty (null), and an error, its CVErr code. */
  private scalarOf(v: CellValue): WpsScalar {
    if (v.kind === 'blank') return null;
    if (v.kind === 'error' && this.io.options.errorValues !== 'text') return comErrorCode(v.code) ?? v.code;
    return primitiveOf(v);
  }

  private fresh(): FakeSheet {
    const s = this.sheet();
    if (this.io.dirty) {
      this.io.model.recalc();
      this.io.dirty = false;
    }
    return s;
  }

  /** Inputs for every cell of the range: a bare value fills it, a 2-D array must have its dimensions. */
  private inputs(v: unknown, what: string, arrays: boolean): (row: number, col: number) => WpsScalar {
    if (!Array.isArray(v)) return () => v as WpsScalar;
    if (!arrays) throw appError(`${what} = array`);
    const rows = v as unknown[];
    if (rows.length !== rowsOf(this.range) || rows.some((line) => !Array.isArray(line) || line.length !== colsOf(this.range))) {
      throw appError(`${what}: the array's size is not the range's`);
    }
    return (row, col) => (rows[row - this.range.start.row] as WpsScalar[])[col - this.range.start.col];
  }

  Address(rowAbsolute = true, columnAbsolute = true): string {
    this.hit('Range.Address');
    const a = formatRange(this.range);
    if (!rowAbsolute && !columnAbsolute) return a;
    return a.replace(/([A-Z]+)(\d+)/g, (_m, c: string, r: string) => `${columnAbsolute ? '$' : ''}${c}${rowAbsolute ? '$' : ''}${r}`);
  }

  get Value2(): WpsScalar | WpsScalar[][] {
    this.hit('Range.Value2');
    const s = this.fresh();
    return this.cells((r, c) => this.scalarOf(s.cell(r, c).value));
  }
  set Value2(v: WpsScalar | WpsScalar[][]) {
    this.hit('Range.Value2=');
    this.write(v, 'Value2', true);
  }

  get Formula(): WpsScalar | WpsScalar[][] {
    this.hit('Range.Formula');
    const s = this.fresh();
    return this.cells((r, c) => {
      const cell = s.cell(r, c);
      // A constant's Formula is its text as typed (VBA): TRUE, #N/A, 45292.
      if (cell.formula) return cell.formula;
      const p = primitiveOf(cell.value);
      return typeof p === 'boolean' ? (p ? 'TRUE' : 'FALSE') : String(p);
    });
  }
  set Formula(v: WpsScalar | WpsScalar[][]) {
    this.hit('Range.Formula=');
    this.write(v, 'Formula', this.io.options.formulaArrays);
  }

  private write(v: unknown, what: string, arrays: boolean): void {
    const s = this.sheet();
    const at = this.inputs(v, what, arrays);
    const planned: [number, number, ReturnType<typeof interpret>][] = [];
    for (let r = this.range.start.row; r <= this.range.end.row; r++) {
      for (let c = this.range.start.col; c <= this.range.end.col; c++) planned.push([r, c, interpret(at(r, c), s.cell(r, c).numberFormat)]);
    }
    for (const [r, c, x] of planned) s.setCell(r, c, { value: x.value, formula: x.formula, ...(x.numberFormat ? { numberFormat: x.numberFormat } : {}) });
    this.io.dirty = true;
  }

  get NumberFormat(): string | null | string[][] {
    this.hit('Range.NumberFormat');
    const s = this.sheet();
    const grid = this.cells((r, c) => s.cell(r, c).numberFormat);
    if (!Array.isArray(grid)) return grid;
    if (this.io.options.numberFormatGrid) return grid;
    const first = grid[0]![0]!;
    return grid.every((line) => line.every((f) => f === first)) ? first : null;
  }
  set NumberFormat(v: string) {
    this.hit('Range.NumberFormat=');
    if (typeof v !== 'string') throw appError('NumberFormat must be a string');
    const s = this.sheet();
    for (let r = this.range.start.row; r <= this.range.end.row; r++) {
      for (let c = this.range.start.col; c <= this.range.end.col; c++) s.setCell(r, c, { numberFormat: v === '' ? 'General' : v });
    }
  }

  get Font(): FakeFont {
    this.hit('Range.Font');
    return new FakeFont(this.io, this.sheet(), this.range);
  }

  get ColumnWidth(): number {
    this.hit('Range.ColumnWidth');
    return (this.sheet().columnWidth(this.range.start.col) / 0.75 - 5) / 7;
  }
  set ColumnWidth(chars: number) {
    this.hit('Range.ColumnWidth=');
    if (typeof chars !== 'number' || !(chars >= 0 && chars <= 255)) throw appError('ColumnWidth');
    const s = this.sheet();
    for (let c = this.range.start.col; c <= this.range.end.col; c++) s.columnWidths.set(c, charsToPoints(chars));
  }

  get FormatConditions(): FakeFormatConditions {
    this.hit('Range.FormatConditions');
    return new FakeFormatConditions(this.io, this.sheet(), this.range);
  }

  Select(): void {
    this.hit('Range.Select');
    const s = this.sheet();
    if (this.io.model.activeSheet !== s.name) throw appError('Range 类的 Select 方法无效 (Select method of Range class failed)');
    this.io.model.selection = { sheet: s.name, address: formatRange(this.range) };
  }

  Clear(): void {
    this.hit('Range.Clear');
    const s = this.sheet();
    for (const [r, c] of [...s.entries()]) {
      if (r >= this.range.start.row && r <= this.range.end.row && c >= this.range.start.col && c <= this.range.end.col) {
        s.setCell(r, c, { value: BLANK, formula: undefined, numberFormat: 'General', format: {} });
      }
    }
    s.conditionalFormats = s.conditionalFormats.filter((cf) => !within(cf.range, this.range));
    this.io.dirty = true;
  }
}

export class FakeWorksheet extends FakeSheetRef {
  constructor(io: Io, sheet: FakeSheet) {
    super(io, sheet);
  }
  get Name(): string {
    this.hit('Worksheet.Name');
    return this.sheet().name;
  }
  set Name(v: string) {
    this.hit('Worksheet.Name=');
    const s = this.sheet();
    const name = String(v);
    if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name)) throw appError(`工作表名称无效 (invalid sheet name ${name})`);
    if (this.io.model.sheets.some((o) => o !== s && o.name.toLowerCase() === name.toLowerCase())) throw appError(`工作表名称已存在 (${name})`);
    if (this.io.model.activeSheet === s.name) this.io.model.activeSheet = name;
    s.name = name;
  }
  get UsedRange(): FakeRange {
    this.hit('Worksheet.UsedRange');
    const s = this.sheet();
    return new FakeRange(this.io, s, s.usedRange(false) ?? { start: { row: 1, col: 1 }, end: { row: 1, col: 1 } });
  }
  get Cells(): FakeRange {
    this.hit('Worksheet.Cells');
    return new FakeRange(this.io, this.sheet(), WHOLE);
  }
  Range(address: string): FakeRange {
    this.hit('Worksheet.Range');
    return new FakeRange(this.io, this.sheet(), parseAddress(String(address)));
  }
  Activate(): void {
    this.hit('Worksheet.Activate');
    this.io.model.activeSheet = this.sheet().name;
  }
  /** ET Worksheet.Move(Before, After); with neither, WPS would make a new workbook, which the fake refuses. */
  Move(before?: FakeWorksheet | null, after?: FakeWorksheet | null): void {
    this.hit('Worksheet.Move');
    const m = this.io.model;
    const s = this.sheet();
    const anchor = (before ?? after) as unknown as { sheet(): FakeSheet } | null | undefined;
    if (!anchor) throw appError('Worksheet.Move without Before or After');
    const target = anchor.sheet();
    if (target === s) return;
    m.sheets.splice(m.sheets.indexOf(s), 1);
    const at = m.sheets.indexOf(target);
    m.sheets.splice(before ? at : at + 1, 0, s);
  }
  /** ET Worksheet.Delete: "默认情况下显示一个对话框" — with alerts on, the fake throws instead of waiting for a click. */
  Delete(): void {
    this.hit('Worksheet.Delete');
    const s = this.sheet();
    if (this.io.alerts) throw appError('Worksheet.Delete would ask the user to confirm (Application.DisplayAlerts is true)');
    if (this.io.model.sheets.length === 1) throw appError('a workbook keeps at least one sheet');
    this.io.model.removeSheet(s.name);
    this.io.dirty = true;
  }
}

export class FakeSheets extends Base {
  get Count(): number {
    this.hit('Sheets.Count');
    return this.io.model.sheets.length;
  }
  Item(index: number | string): FakeWorksheet {
    this.hit('Sheets.Item');
    const sheets = this.io.model.sheets;
    const s =
      typeof index === 'number'
        ? Number.isInteger(index)
          ? sheets[index - 1]
          : undefined
        : sheets.find((o) => o.name.toLowerCase() === String(index).toLowerCase());
    if (!s) throw subscriptOutOfRange();
    return new FakeWorksheet(this.io, s);
  }
  /** Sheets.Add(Before, After, Count, Type): one worksheet, placed as asked (before the active one by default), made active. */
  Add(before?: FakeWorksheet | null, after?: FakeWorksheet | null, count?: number, type?: number): FakeWorksheet {
    this.hit('Sheets.Add');
    if ((count ?? 1) !== 1 || (type !== undefined && type !== null && type !== -4167)) throw appError('Sheets.Add: only one worksheet');
    const m = this.io.model;
    const nameOf = (w: FakeWorksheet | null | undefined): string | undefined =>
      w ? (w as unknown as { sheet(): FakeSheet }).sheet().name : undefined;
    const anchorBefore = nameOf(before);
    const anchorAfter = nameOf(after);
    let index: number;
    if (anchorAfter !== undefined) index = m.sheets.findIndex((s) => s.name === anchorAfter) + 1;
    else if (anchorBefore !== undefined) index = m.sheets.findIndex((s) => s.name === anchorBefore);
    else index = Math.max(0, m.sheets.findIndex((s) => s.name === m.activeSheet));
    let n = m.sheets.length + 1;
    while (m.sheet(`Sheet${n}`)) n++;
    const s = m.addSheet(`Sheet${n}`, index);
    m.activeSheet = s.name;
    return new FakeWorksheet(this.io, s);
  }
}

export class FakeWorkbook extends Base {
  get Name(): string {
    this.hit('Workbook.Name');
    return '报表.xlsx';
  }
  get Worksheets(): FakeSheets {
    this.hit('Workbook.Worksheets');
    return new FakeSheets(this.io);
  }
  get ActiveSheet(): FakeWorksheet | null {
    this.hit('Workbook.ActiveSheet');
    const s = this.io.model.activeSheet === null ? undefined : this.io.model.sheet(this.io.model.activeSheet);
    return s ? new FakeWorksheet(this.io, s) : null;
  }
}

export interface FakeTaskPane {
  readonly ID: number;
  readonly url: string;
  Visible: boolean;
}

export interface FakeWpsApplication {
  readonly ActiveWorkbook: FakeWorkbook | null;
  readonly Version: string;
  readonly Build: string;
  readonly Name: string;
  readonly OperatingSystem: string;
  Calculation: number;
  Calculate(): void;
  DisplayAlerts: boolean;
  readonly PluginStorage: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
  CreateTaskPane(url: string, title?: string): FakeTaskPane;
  GetTaskPane(id: number | string): FakeTaskPane;
}

export interface FakeWpsEnvironment {
  readonly Application: FakeWpsApplication;
  readonly model: FakeWorkbookModel;
  readonly stats: WpsFakeStats;
  readonly taskPanes: FakeTaskPane[];
  /** Closes the workbook: ActiveWorkbook becomes null. */
  close(): void;
}

export function createFakeWps(model: FakeWorkbookModel, options: WpsFakeOptions = {}): FakeWpsEnvironment {
  const stats: WpsFakeStats = { calls: 0, byName: new Map() };
  const io: Io = {
    model,
    dirty: false,
    alerts: true,
    options: {
      version: options.version ?? '12.1.0.16910',
      errorValues: options.errorValues ?? 'code',
      numberFormatGrid: options.numberFormatGrid ?? false,
      formulaArrays: options.formulaArrays ?? true,
      formatConditionLimit: options.formatConditionLimit ?? Infinity,
    },
    hit(name) {
      stats.calls++;
      stats.byName.set(name, (stats.byName.get(name) ?? 0) + 1);
    },
  };
  let open = true;
  let calculation = -4105; // xlCalculationAutomatic
  const storage = new Map<string, unknown>();
  const taskPanes: FakeTaskPane[] = [];
  const Application: FakeWpsApplication = {
    get ActiveWorkbook() {
      io.hit('Application.ActiveWorkbook');
      return open ? new FakeWorkbook(io) : null;
    },
    get Version() {
      io.hit('Application.Version');
      return io.options.version;
    },
    get Build() {
      io.hit('Application.Build');
      return io.options.version;
    },
    get Name() {
      io.hit('Application.Name');
      return 'WPS 表格';
    },
    get OperatingSystem() {
      io.hit('Application.OperatingSystem');
      return 'Linux';
    },
    get Calculation() {
      io.hit('Application.Calculation');
      return calculation;
    },
    set Calculation(v: number) {
      io.hit('Application.Calculation=');
      calculation = v;
    },
    Calculate() {
      io.hit('Application.Calculate');
      model.recalc();
      io.dirty = false;
    },
    get DisplayAlerts() {
      io.hit('Application.DisplayAlerts');
      return io.alerts;
    },
    set DisplayAlerts(v: boolean) {
      io.hit('Application.DisplayAlerts=');
      io.alerts = Boolean(v);
    },
    PluginStorage: {
      getItem(key) {
        io.hit('PluginStorage.getItem');
        return storage.has(key) ? storage.get(key) : null;
      },
      setItem(key, value) {
        io.hit('PluginStorage.setItem');
        storage.set(key, value);
      },
    },
    CreateTaskPane(url) {
      io.hit('Application.CreateTaskPane');
      const pane: FakeTaskPane = { ID: taskPanes.length + 1, url, Visible: false };
      taskPanes.push(pane);
      return pane;
    },
    GetTaskPane(id) {
      io.hit('Application.GetTaskPane');
      const pane = taskPanes.find((p) => String(p.ID) === String(id));
      if (!pane) throw subscriptOutOfRange();
      return pane;
    },
  };
  return {
    Application,
    model,
    stats,
    taskPanes,
    close() {
      open = false;
    },
  };
}
