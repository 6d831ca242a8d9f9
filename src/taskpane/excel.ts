/**
 * The Office.js implementation of `WorkbookHost`: the task pane's only module that talks to Excel.
 *
 * Every write reads what it needs in the same Excel.run (contract section 7): fill = read + write, highlight = read
 * + write, clearHighlights = read + write, check = read; select = 1. A read is one context.sync; more only on rare
 * paths: a template sheet missing (the sheet list first), sheets beyond the template's when marks are looked for,
 * used ranges whose answer would pass Excel on the web's 5 MB response limit or whose `values` come back null (past
 * 5 M cells), read in row bands; writes whose estimated request passes ~4 MB are split.
 *
 * Nothing is chained on a possibly-null object (the reference documents no such chaining): sheets are got with
 * `getItem`, which fails the whole read when one is missing, and the read is then redone from the sheet list.
 *
 * Requirement sets: ExcelApi 1.1 (calculationMode, calculate), 1.2 (protection), 1.4 (getUsedRangeOrNullObject,
 * getItemOrNullObject) and 1.6 (conditional formats, customOrNullObject); nothing above ExcelApi 1.6.
 */
import { parseA1, parseRange, columnLetters, formatRange, type RangeAddress } from '../engine/address';
import { errorFromText, isDateFormat, primitiveOf, type Cell, type CellValue } from '../engine/cell';
import type { CheckOptions } from '../engine/check';
import type { CellWrite, FillPlan } from '../engine/fill-plan';
import type { Finding, Lang, Severity } from '../engine/findings';
import { checkReturn, formatFindings, planFill } from '../engine';
import { MemorySheet, MemoryWorkbook } from '../engine/memory-workbook';
import type { Template } from '../engine/template/schema';
import { HostError, type CheckOutcome, type Diagnosis, type HostProblem, type WorkbookHost } from './host';
import { runDiagnosis } from './excel-diagnose';

// ---------------------------------------------------------------- options

export interface ExcelHostOptions {
  /** The Excel namespace; defaults to the global `Excel` (Office.js, or the fake the preview installs). */
  readonly excel?: typeof Excel;
  /** Writes whose estimated request exceeds this many bytes are split across syncs (default 4 MB). */
  readonly payloadBudget?: number;
}

export const DEFAULT_PAYLOAD_BUDGET = 4 * 1024 * 1024;

/**
 * The custom rule of the add-in's own conditional formats: always true, and the marker by which they are found.
 * A conditional format's id is only "the priority of the conditional format in the current
 * ConditionalFormatCollection" (Excel JavaScript API reference, ConditionalFormat.id): it moves with every rule
 * added or deleted and on reopening, so marks are never remembered by id.
 */
export const MARK_FORMULA = '=N("fulian-returns")=0';

/** Excel's own light fills for bad / neutral / note cells: the colours users know from Excel's cell styles. */
export const MARK_FILLS: Readonly<Record<Severity, string>> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

/** A generous estimate of one cell's share of a read's response (value, formula and number format as JSON), bytes. */
const READ_BYTES_PER_CELL = 64;
/** A used range past this many cells is read by the parts that hold cells (Excel answers values as null past 5 M). */
const SPARSE_READ_CELLS = 5_000_000;
/** At most this many parts: scattered cells beyond it are read in bands as they are. */
const MAX_SPARSE_PARTS = 64;

/** A range in four (two when one side is a single row or column). */
function quarters(r: RangeAddress): RangeAddress[] {
  const midRow = Math.floor((r.start.row + r.end.row) / 2);
  const midCol = Math.floor((r.start.col + r.end.col) / 2);
  const rows = r.start.row === r.end.row ? [[r.start.row, r.end.row]] : [[r.start.row, midRow], [midRow + 1, r.end.row]];
  const cols = r.start.col === r.end.col ? [[r.start.col, r.end.col]] : [[r.start.col, midCol], [midCol + 1, r.end.col]];
  return rows.flatMap(([r1, r2]) => cols.map(([c1, c2]) => ({ start: { row: r1!, col: c1! }, end: { row: r2!, col: c2! } })));
}

/** Properties the check reads of each used range: nothing else. */
export const CHECK_LOAD = 'values, formulas, numberFormat, address';

// ---------------------------------------------------------------- reading

type OfficeValue = string | number | boolean | null | undefined;

/**
 * One sheet's used range, as Office returns it, into engine cells. The used range may start anywhere: its address
 * gives the offset. Dates arrive as serial numbers with a date format; errors as their text (`#DIV/0!`).
 */
export function sheetFromRange(
  sheet: MemorySheet,
  address: string,
  values: readonly (readonly OfficeValue[])[],
  formulas: readonly (readonly OfficeValue[])[],
  numberFormats: readonly (readonly OfficeValue[])[],
): MemorySheet {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const start = parseRange(local.replace(/\$/g, '')).start;
  values.forEach((line, r) => {
    line.forEach((v, c) => {
      const f = formulas[r]?.[c];
      const fmtRaw = numberFormats[r]?.[c];
      const fmt = typeof fmtRaw === 'string' && !isGeneralFormat(fmtRaw) ? fmtRaw : undefined;
      const formula = typeof f === 'string' && f.startsWith('=') && f !== v ? f : undefined;
      const value = cellValueOf(v, fmt);
      // A formatted blank is kept (as blank) so fill knows a tool-owned cell formatted as Text.
      if (value.kind === 'blank' && !formula && !fmt) return;
      const cell: Cell = { value, ...(formula ? { formula } : {}), ...(fmt ? { numberFormat: fmt } : {}) };
      sheet.set(start.row + r, start.col + c, cell);
    });
  });
  return sheet;
}

/**
 * Whether a `numberFormat` is the General format. Excel on the web answers `numberFormat` in the user's locale
 * (OfficeDev/office-js issues #1553 and #2824): a zh-CN Excel on the web says `G/通用格式` where the desktop says
 * `General`. Only General is compared by name; `@`, `%` and date codes are the same in every locale.
 */
export function isGeneralFormat(f: string): boolean {
  return f === '' || /^(General|G\/通用格式|G\/General|常规|通用格式|Standard|Standaard|Général|Generale|Geral)$/i.test(f.trim());
}

function cellValueOf(v: OfficeValue, fmt: string | undefined): CellValue {
  if (v === null || v === undefined || v === '') return { kind: 'blank' };
  if (typeof v === 'number') return isDateFormat(fmt) ? { kind: 'date', serial: v } : { kind: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  return errorFromText(v) ?? { kind: 'text', value: v };
}

/** The template sheets a check reads, in template order (汇总 is the tool's own and is not read). */
export function sheetsToRead(template: Template): string[] {
  return [template.sheets.cover, ...template.sheets.data.map((d) => d.name), template.sheets.twoPlan];
}

// ---------------------------------------------------------------- writing: the plan as rectangular range writes

type WriteInput = string | number | boolean | null;

export type WriteOp =
  /** Add the sheet the new 汇总 is written into, under a name no sheet has (first: a refusal changes nothing). */
  | { readonly kind: 'add-sheet'; readonly sheet: string }
  /** Last: delete the old 汇总 (when there is one) and give the new one its name and place. */
  | { readonly kind: 'swap-sheet'; readonly sheet: string; readonly into: string; readonly replaces: { readonly position: number } | null }
  /** A full recalculation, so a workbook in manual calculation shows (and the re-check reads) the new figures. */
  | { readonly kind: 'calculate'; readonly sheet: '' }
  | { readonly kind: 'number-format'; readonly sheet: string; readonly address: string; readonly rows: (string | null)[][] }
  | { readonly kind: 'formulas'; readonly sheet: string; readonly address: string; readonly rows: WriteInput[][] }
  | { readonly kind: 'bold'; readonly sheet: string; readonly address: string }
  | { readonly kind: 'column-width'; readonly sheet: string; readonly address: string; readonly points: number };

/** Excel column width in characters (as the plan gives it) → points, as Office.js takes it (7 px a character + 5 px padding, at 96 dpi). */
export const charsToPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

function inputOf(w: CellWrite): WriteInput {
  return w.formula ?? primitiveOf(w.value);
}

interface Rect {
  readonly range: RangeAddress;
  readonly cells: (CellWrite | undefined)[][];
}

/** Groups cells into rectangles: runs of adjacent columns in a row, stacked while the next row has the same run. */
export function rectangles(cells: readonly CellWrite[]): Rect[] {
  const byRow = new Map<number, CellWrite[]>();
  for (const c of cells) {
    const list = byRow.get(c.row) ?? [];
    list.push(c);
    byRow.set(c.row, list);
  }
  const open = new Map<string, { r1: number; r2: number; c1: number; c2: number; rows: CellWrite[][] }>();
  const done: { r1: number; r2: number; c1: number; c2: number; rows: CellWrite[][] }[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    // Later writes to the same cell win, as they would in Excel.
    const unique = new Map<number, CellWrite>();
    for (const c of byRow.get(row)!) unique.set(c.col, c);
    const sorted = [...unique.values()].sort((a, b) => a.col - b.col);
    const runs: CellWrite[][] = [];
    for (const c of sorted) {
      const last = runs[runs.length - 1];
      if (last && last[last.length - 1]!.col === c.col - 1) last.push(c);
      else runs.push([c]);
    }
    const seen = new Set<string>();
    for (const run of runs) {
      const c1 = run[0]!.col;
      const c2 = run[run.length - 1]!.col;
      const key = `${c1}:${c2}`;
      seen.add(key);
      const o = open.get(key);
      if (o && o.r2 === row - 1) {
        o.r2 = row;
        o.rows.push(run);
      } else {
        if (o) done.push(o);
        open.set(key, { r1: row, r2: row, c1, c2, rows: [run] });
      }
    }
    for (const [key, o] of open) {
      if (!seen.has(key) && o.r2 < row) {
        done.push(o);
        open.delete(key);
      }
    }
  }
  done.push(...open.values());
  return done
    .sort((a, b) => a.r1 - b.r1 || a.c1 - b.c1)
    .map((o) => ({ range: { start: { row: o.r1, col: o.c1 }, end: { row: o.r2, col: o.c2 } }, cells: o.rows }));
}

/** The number format Excel must hold before the write, or null to leave the cell's own. */
function formatFor(w: CellWrite, isSummary: boolean, currentFormat: (sheet: string, row: number, col: number) => string | undefined): string | null {
  // Excel turns typed text into numbers and dates (`(5)` → −5, `1 1/2`, `1月2日`, `2024年3月`, `5%`, …) whatever
  // the API that writes it, unless the cell is Text: every text the tool writes (plan names and units come from
  // users) goes into an `@` cell.
  if (!w.formula && w.value.kind === 'text') return '@';
  if (w.numberFormat) return w.numberFormat;
  if (isSummary) return 'General';
  // A formula typed into a Text-formatted cell stays text in Excel: give such a tool-owned cell back General.
  if (w.formula && currentFormat(w.sheet, w.row, w.col) === '@') return 'General';
  return null;
}

/** Where the new 汇总 goes: written into `temp`, then swapped for the old one (null when there is none). */
export interface SummaryTarget {
  readonly temp: string;
  readonly replaces: { readonly position: number } | null;
}

/**
 * The fill plan as range writes: the new 汇总 sheet added first (under a temporary name), number formats before
 * values (so `@` guards take effect), values and formulas in rectangles, bold headers, column widths; then the old
 * 汇总 deleted and the new one named in its place, and a full recalculation. A failure midway leaves the old 汇总.
 */
export function planExcelWrites(
  plan: FillPlan,
  target: SummaryTarget,
  currentFormat: (sheet: string, row: number, col: number) => string | undefined = () => undefined,
): WriteOp[] {
  const summary = target.temp;
  const ops: WriteOp[] = [{ kind: 'add-sheet', sheet: summary }];
  const bySheet = new Map<string, CellWrite[]>();
  for (const w of plan.toolOwned) {
    const list = bySheet.get(w.sheet) ?? [];
    list.push(w);
    bySheet.set(w.sheet, list);
  }
  const summaryCells = plan.summary.cells.map((c) => (c.sheet === summary ? c : { ...c, sheet: summary }));
  bySheet.set(summary, [...(bySheet.get(summary) ?? []), ...summaryCells]);

  const formats: WriteOp[] = [];
  const values: WriteOp[] = [];
  const bolds: WriteOp[] = [];
  for (const [sheet, cells] of bySheet) {
    const isSummary = sheet === summary;
    for (const rect of rectangles(cells)) {
      const address = formatRange(rect.range);
      const fmtRows = rect.cells.map((line) => line.map((w) => (w ? formatFor(w, isSummary, currentFormat) : null)));
      if (fmtRows.some((line) => line.some((f) => f !== null))) {
        formats.push({ kind: 'number-format', sheet, address, rows: fmtRows });
      }
      values.push({ kind: 'formulas', sheet, address, rows: rect.cells.map((line) => line.map((w) => (w ? inputOf(w) : null))) });
    }
    for (const rect of rectangles(cells.filter((c) => c.bold))) {
      bolds.push({ kind: 'bold', sheet, address: formatRange(rect.range) });
    }
  }
  const widths: WriteOp[] = [];
  const cw = plan.summary.columnWidths;
  for (let i = 0; i < cw.length; ) {
    let j = i;
    while (j + 1 < cw.length && cw[j + 1] === cw[i]) j++;
    const w = cw[i];
    if (w !== undefined && w > 0) {
      widths.push({ kind: 'column-width', sheet: summary, address: `${columnLetters(i + 1)}:${columnLetters(j + 1)}`, points: charsToPoints(w) });
    }
    i = j + 1;
  }
  const end: WriteOp[] = [
    { kind: 'swap-sheet', sheet: summary, into: plan.summary.name, replaces: target.replaces },
    { kind: 'calculate', sheet: '' },
  ];
  return [...ops, ...formats, ...values, ...bolds, ...widths, ...end];
}

const encoder = typeof TextEncoder === 'undefined' ? undefined : new TextEncoder();

/** UTF-8 bytes of a string (the wire encoding). */
function utf8(s: string): number {
  if (encoder) return encoder.encode(s).length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/**
 * Office's JSON request for one write, bytes: its data plus an envelope for the range's object path and instantiate
 * action, the sheet's (counted every time, to stay on the safe side) and the set-property action (~420 bytes).
 */
export function estimatePayload(op: WriteOp): number {
  const envelope = 420 + utf8(op.sheet) + op.kind.length;
  switch (op.kind) {
    case 'number-format':
    case 'formulas':
      return envelope + op.address.length + utf8(JSON.stringify(op.rows));
    case 'add-sheet':
    case 'swap-sheet':
    case 'calculate':
      return envelope;
    default:
      return envelope + op.address.length + 16;
  }
}

/** Splits a rectangular write into row bands that each fit the budget (each row's size measured once). */
function splitRows(op: Extract<WriteOp, { rows: unknown }>, budget: number): { op: WriteOp; size: number }[] {
  const envelope = estimatePayload({ ...op, rows: [] } as typeof op);
  const rowSizes = op.rows.map((r) => utf8(JSON.stringify(r)) + 1);
  const total = envelope + rowSizes.reduce((a, b) => a + b, 0);
  if (total <= budget || op.rows.length < 2) return [{ op, size: total }];
  const range = parseRange(op.address);
  const out: { op: WriteOp; size: number }[] = [];
  let from = 0;
  while (from < op.rows.length) {
    let to = from;
    let size = envelope + rowSizes[from]!;
    while (to + 1 < op.rows.length && size + rowSizes[to + 1]! <= budget) size += rowSizes[++to]!;
    const address = formatRange({
      start: { row: range.start.row + from, col: range.start.col },
      end: { row: range.start.row + to, col: range.end.col },
    });
    out.push({ op: { ...op, address, rows: op.rows.slice(from, to + 1) } as WriteOp, size });
    from = to + 1;
  }
  return out;
}

/** Packs writes, in order, into batches whose estimated payload stays within the budget (one batch normally). */
export function batchWrites(ops: readonly WriteOp[], budget = DEFAULT_PAYLOAD_BUDGET): WriteOp[][] {
  const batches: WriteOp[][] = [];
  let current: WriteOp[] = [];
  let size = 0;
  for (const whole of ops) {
    const parts =
      whole.kind === 'formulas' || whole.kind === 'number-format'
        ? splitRows(whole, budget)
        : [{ op: whole, size: estimatePayload(whole) }];
    for (const { op, size: s } of parts) {
      if (current.length > 0 && size + s > budget) {
        batches.push(current);
        current = [];
        size = 0;
      }
      current.push(op);
      size += s;
    }
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * Queues one write. Sheets are got once per batch: in Office every proxy is an object path plus an instantiate
 * action in the request, and a sheet proxy got before `add` would fail to instantiate.
 */
function queueWrite(context: Excel.RequestContext, op: WriteOp, sheets: Map<string, Excel.Worksheet>): void {
  if (op.kind === 'add-sheet') {
    sheets.set(op.sheet, context.workbook.worksheets.add(op.sheet));
    return;
  }
  if (op.kind === 'calculate') {
    context.workbook.application.calculate('Full');
    return;
  }
  if (op.kind === 'swap-sheet') {
    const fresh = sheets.get(op.sheet) ?? context.workbook.worksheets.getItem(op.sheet);
    if (op.replaces) {
      context.workbook.worksheets.getItem(op.into).delete();
      fresh.name = op.into;
      fresh.position = op.replaces.position;
    } else {
      fresh.name = op.into;
    }
    return;
  }
  let sheet = sheets.get(op.sheet);
  if (!sheet) {
    sheet = context.workbook.worksheets.getItem(op.sheet);
    sheets.set(op.sheet, sheet);
  }
  switch (op.kind) {
    case 'number-format':
      sheet.getRange(op.address).numberFormat = op.rows as unknown as string[][];
      return;
    case 'formulas':
      sheet.getRange(op.address).formulas = op.rows as unknown as string[][];
      return;
    case 'bold':
      sheet.getRange(op.address).format.font.bold = true;
      return;
    case 'column-width':
      sheet.getRange(op.address).format.columnWidth = op.points;
      return;
  }
}

// ---------------------------------------------------------------- highlight marks

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/**
 * The marks for findings: each cell in the colour of its most severe finding, adjacent cells of one colour joined
 * into rectangles (a column of blanks is one conditional format, not fifty). Findings without a cell get none.
 */
export function marksFor(findings: readonly Finding[]): { sheet: string; cell: string; severity: Severity }[] {
  const by = new Map<string, { sheet: string; cell: string; severity: Severity }>();
  for (const f of findings) {
    if (f.cell === null) continue;
    const key = `${f.sheet}\u0000${f.cell.toUpperCase()}`;
    const had = by.get(key);
    if (!had || SEVERITY_RANK[f.severity] > SEVERITY_RANK[had.severity]) by.set(key, { sheet: f.sheet, cell: f.cell, severity: f.severity });
  }
  const out: { sheet: string; cell: string; severity: Severity }[] = [];
  const groups = new Map<string, CellWrite[]>();
  for (const m of by.values()) {
    let at: { row: number; col: number };
    try {
      at = parseA1(m.cell);
    } catch {
      out.push(m); // not a single cell (a range): marked as given
      continue;
    }
    const key = `${m.sheet}\u0000${m.severity}`;
    const list = groups.get(key) ?? [];
    list.push({ sheet: m.sheet, row: at.row, col: at.col, value: { kind: 'blank' } });
    groups.set(key, list);
  }
  for (const [key, cells] of groups) {
    const [sheet, severity] = key.split('\u0000') as [string, Severity];
    for (const rect of rectangles(cells)) out.push({ sheet, cell: formatRange(rect.range), severity });
  }
  return out;
}

const sameFormula = (a: string, b: string): boolean => a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();


// ---------------------------------------------------------------- the host

/** One sheet of the workbook as the read found it. */
interface SheetInfo {
  readonly name: string;
  readonly position: number;
  readonly protected: boolean;
}

/** The conditional formats of one sheet, and the positions of ours among them. */
interface SheetMarks {
  readonly sheet: string;
  readonly collection: Excel.ConditionalFormatCollection;
  readonly ours: readonly number[];
}

interface WorkbookRead {
  readonly view: MemoryWorkbook;
  /** Every sheet, in workbook order. */
  readonly sheets: readonly SheetInfo[];
  /** Marks on every sheet (when asked for). */
  readonly marks: readonly SheetMarks[];
}

interface ReadWants {
  /** The template sheets' used ranges (false: marks only, for clear). */
  readonly cells: boolean;
  /** Every sheet's conditional formats, ours picked out by their marker. */
  readonly marks: boolean;
}

const codeOf = (e: unknown): string | undefined => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
};

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** A failure Excel reports, as the pane can say it: protection and focus loss get their own problem. */
function hostErrorOf(e: unknown): unknown {
  if (e instanceof HostError) return e;
  const code = codeOf(e);
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'AccessDenied') return new HostError({ kind: 'protected', sheets: [] }, message);
  // select, activate and worksheets.add fail with GeneralException when another workbook takes the focus mid-call.
  if (code === 'GeneralException') return new HostError({ kind: 'focus' }, message);
  return e;
}

function refuseProtected(sheets: readonly SheetInfo[], written: Iterable<string>): void {
  const names = [...written];
  const locked = sheets.filter((s) => s.protected && names.some((n) => sameName(n, s.name))).map((s) => s.name);
  if (locked.length) {
    const problem: HostProblem = { kind: 'protected', sheets: locked };
    throw new HostError(problem, `protected: ${locked.join(', ')}`);
  }
}

/** A sheet name no sheet has, for the new 汇总 while the old one still stands (31 characters at most). */
function freeName(sheets: readonly SheetInfo[], base: string): string {
  for (let i = 1; ; i++) {
    const name = `${base}~新${i > 1 ? i : ''}`.slice(0, 31);
    if (!sheets.some((s) => sameName(s.name, name))) return name;
  }
}

/** Queues a load of a sheet's conditional formats with what tells ours apart (type, then the custom rule's formula). */
function loadConditionalFormats(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const cfs = sheet.getRange().conditionalFormats;
  cfs.load('items/type, items/customOrNullObject/rule/formula');
  return cfs;
}

/** Positions of our marks in a loaded collection; the rule formula is read only of custom rules (never null ones). */
function ourPositions(cfs: Excel.ConditionalFormatCollection): number[] {
  const out: number[] = [];
  cfs.items.forEach((cf, i) => {
    if (cf.type === 'Custom' && sameFormula(cf.customOrNullObject.rule.formula, MARK_FORMULA)) out.push(i);
  });
  return out;
}

/**
 * Deletes our marks. Within a collection, from the last position to the first: whether an item stands for its rule
 * or for its position (an id that is a priority), deleting it never moves a rule still to be deleted.
 */
function queueDeleteMarks(marks: readonly SheetMarks[]): void {
  for (const m of marks) for (const i of [...m.ours].sort((a, b) => b - a)) m.collection.items[i]!.delete();
}

export function createExcelHost(options: ExcelHostOptions = {}): WorkbookHost {
  const excel = (): typeof Excel => {
    const x = options.excel ?? (globalThis as { Excel?: typeof Excel }).Excel;
    if (!x) throw new Error('Office.js (Excel) is not loaded');
    return x;
  };
  const budget = options.payloadBudget ?? DEFAULT_PAYLOAD_BUDGET;
  /**
   * Whether the last read found every template sheet: a hint of which way to read (by name at once, or the sheet
   * list first), never a layout. A wrong hint costs one sync.
   */
  let allSheetsThere = true;
  /** The template of the last check, fill or highlight (configuration, not layout): which sheets clear reads first. */
  let lastTemplate: Template | null = null;

  /**
   * The parts of a used range that hold cells, when the range is vast and mostly empty (a stray cell at XFD1048576
   * makes a cover's used range 17 billion cells): each part over the limit is split in four and each quarter asked
   * for its own used range, one sync per round, so the work follows where the cells are, never the area. A range
   * within the limit is returned as it is.
   */
  const usedParts = async (context: Excel.RequestContext, sheet: Excel.Worksheet, address: string): Promise<RangeAddress[]> => {
    const local = address.slice(address.lastIndexOf('!') + 1);
    let open = [parseRange(local.replace(/\$/g, ''))];
    const parts: RangeAddress[] = [];
    const cells = (r: RangeAddress): number => (r.end.row - r.start.row + 1) * (r.end.col - r.start.col + 1);
    while (open.length) {
      const big = open.filter((r) => cells(r) > SPARSE_READ_CELLS && parts.length + open.length <= MAX_SPARSE_PARTS);
      parts.push(...open.filter((r) => !big.includes(r)));
      if (!big.length) break;
      const probes = big.flatMap(quarters).map((q) => {
        const used = sheet.getRange(formatRange(q)).getUsedRangeOrNullObject(false);
        used.load('address');
        return used;
      });
      await context.sync();
      open = probes
        .filter((u) => !u.isNullObject)
        .map((u) => parseRange(u.address.slice(u.address.lastIndexOf('!') + 1).replace(/\$/g, '')));
    }
    return parts;
  };

  /** Row bands of a used range too big for one answer, each within the budget; as many syncs as needed. */
  const readInBands = async (context: Excel.RequestContext, sheet: Excel.Worksheet, address: string, into: MemorySheet): Promise<void> => {
    for (const part of await usedParts(context, sheet, address)) await readBands(context, sheet, part, into);
  };

  const readBands = async (context: Excel.RequestContext, sheet: Excel.Worksheet, r: RangeAddress, into: MemorySheet): Promise<void> => {
    const rowBytes = (r.end.col - r.start.col + 1) * READ_BYTES_PER_CELL;
    const rowsPerBand = Math.max(1, Math.floor((budget * 0.75) / rowBytes));
    const bandsPerSync = Math.max(1, Math.floor((budget * 0.75) / (rowsPerBand * rowBytes)));
    let pending: Excel.Range[] = [];
    const flush = async (): Promise<void> => {
      if (!pending.length) return;
      await context.sync();
      for (const b of pending) sheetFromRange(into, b.address, b.values, b.formulas, b.numberFormat);
      pending = [];
    };
    for (let top = r.start.row; top <= r.end.row; top += rowsPerBand) {
      const bottom = Math.min(r.end.row, top + rowsPerBand - 1);
      const band = sheet.getRange(formatRange({ start: { row: top, col: r.start.col }, end: { row: bottom, col: r.end.col } }));
      band.load(CHECK_LOAD);
      pending.push(band);
      if (pending.length >= bandsPerSync) await flush();
    }
    await flush();
  };

  /** The workbook as it is now: the template sheets' cells and every sheet's marks, as asked (see the module note). */
  const readIn = async (context: Excel.RequestContext, template: Template | null, wants: ReadWants): Promise<WorkbookRead> => {
    const worksheets = context.workbook.worksheets;
    if (template) lastTemplate = template;
    const names = template ? sheetsToRead(template) : [];
    const queueList = (): void => void worksheets.load('items/name, items/position, items/protection/protected');
    const queueSheet = (name: string, actual: string, whole: boolean) => {
      const sheet = worksheets.getItem(actual);
      const used = wants.cells ? sheet.getUsedRangeOrNullObject(false) : null;
      used?.load(whole ? CHECK_LOAD : 'address');
      const marks = wants.marks ? loadConditionalFormats(sheet) : null;
      return { name, actual, sheet, used, marks, whole };
    };
    // Marks travel with copied sheets and renamed ones: the sheets not read by name are looked at too (the tool's
    // own 汇总 never carries marks).
    const queueOthers = (read: readonly string[]) =>
      worksheets.items
        .filter((s) => !read.some((n) => sameName(n, s.name)) && !(template && sameName(s.name, template.sheets.summary)))
        .map((s) => ({ sheet: s.name, collection: loadConditionalFormats(worksheets.getItem(s.name)) }));
    let listedOthers: { sheet: string; collection: Excel.ConditionalFormatCollection }[] = [];
    let reads: ReturnType<typeof queueSheet>[] | null = null;
    let listed = false;
    /** Whether the used ranges must come in bands (their answer would pass the response limit). */
    let banded = false;
    if (allSheetsThere) {
      queueList();
      const attempt = names.map((n) => queueSheet(n, n, true));
      try {
        await context.sync();
        reads = attempt;
      } catch (e) {
        const code = codeOf(e);
        if (code === 'ResponsePayloadSizeLimitExceeded') banded = true;
        else if (code === 'ItemNotFound') allSheetsThere = false;
        else throw e;
      }
    }
    if (!reads) {
      queueList();
      await context.sync();
      listed = true;
      const present = names.flatMap((n) => {
        const found = worksheets.items.find((s) => sameName(s.name, n));
        return found ? [{ n, actual: found.name }] : [];
      });
      allSheetsThere = present.length === names.length;
      reads = present.map((p) => queueSheet(p.n, p.actual, !banded));
      // The sheet list is known: the other sheets' marks come in the same sync.
      if (wants.marks) listedOthers = queueOthers(reads.map((r) => r.actual));
      if (reads.length || listedOthers.length) await context.sync();
    }
    const sheets: SheetInfo[] = worksheets.items.map((s) => ({ name: s.name, position: s.position, protected: s.protection.protected }));

    const view = new MemoryWorkbook();
    for (const r of reads) {
      const into = view.addSheet(r.name);
      if (!r.used || r.used.isNullObject) continue;
      // Past 5 M cells Excel answers values with null rather than failing: such a sheet is read in bands.
      if (r.whole && r.used.values !== null && r.used.values !== undefined) {
        sheetFromRange(into, r.used.address, r.used.values, r.used.formulas, r.used.numberFormat);
      } else {
        await readInBands(context, r.sheet, r.used.address, into);
      }
    }

    const marks: SheetMarks[] = [];
    if (wants.marks) {
      for (const r of reads) if (r.marks) marks.push({ sheet: r.actual, collection: r.marks, ours: ourPositions(r.marks) });
      for (const x of listedOthers) marks.push({ ...x, ours: ourPositions(x.collection) });
      // Read by name at once: the other sheets' marks need one more sync, only when the workbook has such sheets.
      const extra = listed ? [] : queueOthers(reads.map((r) => r.actual));
      if (extra.length) {
        await context.sync();
        for (const x of extra) marks.push({ ...x, ours: ourPositions(x.collection) });
      }
    }
    return { view, sheets, marks };
  };

  const outcomeOf = (read: WorkbookRead, template: Template, lang: Lang, options?: CheckOptions): CheckOutcome => {
    const report = checkReturn(read.view, template, options);
    return { report, findings: formatFindings(report.issues, template, lang), sheetNames: read.sheets.map((s) => s.name) };
  };

  const run = async <R>(batch: (context: Excel.RequestContext) => Promise<R>): Promise<R> => {
    try {
      return await excel().run(batch);
    } catch (e) {
      throw hostErrorOf(e);
    }
  };

  return {
    readSheet: (name) =>
      run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(name);
        sheet.load('name');
        await context.sync();
        if (sheet.isNullObject) return null;
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load('values, address');
        await context.sync();
        const into = new MemorySheet(sheet.name);
        if (!used.isNullObject) sheetFromRange(into, used.address, used.values, [], []);
        return into;
      }),

    check: (template, lang, options) =>
      run(async (context) => outcomeOf(await readIn(context, template, { cells: true, marks: false }), template, lang, options)),

    fill: (template) =>
      run(async (context) => {
        const read = await readIn(context, template, { cells: true, marks: false });
        const report = checkReturn(read.view, template);
        const plan = planFill(read.view, template, report);
        const old = read.sheets.find((s) => sameName(s.name, template.sheets.summary));
        const temp = freeName(read.sheets, template.sheets.summary);
        refuseProtected(read.sheets, [...plan.toolOwned.map((w) => w.sheet), ...(old ? [old.name] : [])]);
        const ops = planExcelWrites(plan, { temp, replaces: old ? { position: old.position } : null }, (sheet, row, col) =>
          read.view.sheet(sheet)?.cell(row, col).numberFormat,
        );
        const sheets = new Map<string, Excel.Worksheet>();
        try {
          for (const batch of batchWrites(ops, budget)) {
            for (const op of batch) queueWrite(context, op, sheets);
            await context.sync();
          }
        } catch (e) {
          // The new 汇总 is dropped; the old one was deleted only in the last step, so it is still there.
          try {
            const leftover = context.workbook.worksheets.getItemOrNullObject(temp);
            await context.sync();
            if (!leftover.isNullObject) {
              leftover.delete();
              await context.sync();
            }
          } catch {
            // The cleanup is best effort; the failure the user must hear about is the write's.
          }
          throw e;
        }
      }),

    select: (sheet, cell) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell ?? 'A1').select();
        await context.sync();
      }),

    highlight: (template, lang, options) =>
      run(async (context) => {
        const read = await readIn(context, template, { cells: true, marks: true });
        const outcome = outcomeOf(read, template, lang, options);
        const present = (name: string) => read.sheets.find((s) => sameName(s.name, name));
        const wanted = marksFor(outcome.findings).filter((m) => present(m.sheet));
        refuseProtected(read.sheets, [...wanted.map((m) => m.sheet), ...read.marks.filter((m) => m.ours.length).map((m) => m.sheet)]);
        // Deletes first: an add takes the top priority and moves every other rule's position.
        queueDeleteMarks(read.marks);
        const sheets = new Map<string, Excel.Worksheet>();
        for (const m of wanted) {
          const actual = present(m.sheet)!.name;
          let ws = sheets.get(actual);
          if (!ws) {
            ws = context.workbook.worksheets.getItem(actual);
            sheets.set(actual, ws);
          }
          const cf = ws.getRange(m.cell).conditionalFormats.add(excel().ConditionalFormatType.custom);
          cf.custom.rule.formula = MARK_FORMULA;
          cf.custom.format.fill.color = MARK_FILLS[m.severity];
        }
        if (wanted.length || read.marks.some((m) => m.ours.length)) await context.sync();
        return outcome;
      }),

    clearHighlights: () =>
      run(async (context) => {
        // The template of the last check says which sheets to look at first; without one every sheet is listed.
        const read = await readIn(context, lastTemplate, { cells: false, marks: true });
        refuseProtected(read.sheets, read.marks.filter((m) => m.ours.length).map((m) => m.sheet));
        queueDeleteMarks(read.marks);
        if (read.marks.some((m) => m.ours.length)) await context.sync();
      }),

    diagnose: (): Promise<Diagnosis> => runDiagnosis(excel(), { formula: MARK_FORMULA, fill: MARK_FILLS.error }),
  };
}
