/**
 * The Office.js implementation of `WorkbookHost`: the task pane's only module that talks to Excel.
 *
 * Costs, whatever the number of findings: check = 1 context.sync (2 when a template sheet is missing), fill = 1,
 * select = 1, highlight = 1, clearHighlights = 1. More only on rare paths: writes whose estimated request passes
 * ~4 MB (Excel on the web refuses 5 MB) are split; a read whose answer would pass 5 MB is redone in row bands; an
 * Excel that refuses a method on a null object gets the sheet list first; marks whose ids went stale are found by
 * their rule formula.
 *
 * Requirement sets: ExcelApi 1.4 (getItemOrNullObject, getUsedRangeOrNullObject) and 1.6 (conditional formats);
 * nothing above ExcelApi 1.6. Document settings (Office common API) remember the marks for a reopened pane.
 */
import { parseA1, parseRange, columnLetters, formatRange, type RangeAddress } from '../engine/address';
import { errorFromText, isDateFormat, primitiveOf, type Cell, type CellValue } from '../engine/cell';
import type { CheckOptions } from '../engine/check';
import type { CellWrite, FillPlan } from '../engine/fill-plan';
import type { Finding, Severity } from '../engine/findings';
import { checkReturn, formatFindings, planFill } from '../engine';
import { MemoryWorkbook, type MemorySheet } from '../engine/memory-workbook';
import type { ReturnReport } from '../engine/report';
import type { Template } from '../engine/template/schema';
import type { CheckOutcome, WorkbookHost } from './host';

// ---------------------------------------------------------------- options

/** What the host needs of `Office.context.document.settings`. */
export interface HostSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: unknown) => void): void;
}

export interface ExcelHostOptions {
  /** The Excel namespace; defaults to the global `Excel` (Office.js, or the fake the preview installs). */
  readonly excel?: typeof Excel;
  /** Where highlight marks are remembered; defaults to `Office.context.document.settings` when present. */
  readonly settings?: HostSettings | null;
  /** Writes whose estimated request exceeds this many bytes are split across syncs (default 4 MB). */
  readonly payloadBudget?: number;
}

export const DEFAULT_PAYLOAD_BUDGET = 4 * 1024 * 1024;

/** The custom rule of the add-in's own conditional formats: always true, and recognisable among the user's. */
export const MARK_FORMULA = '=N("fulian-returns")=0';

/** Excel's own light fills for bad / neutral / note cells: the colours users know from Excel's cell styles. */
export const MARK_FILLS: Readonly<Record<Severity, string>> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

export const SETTINGS_KEY = 'fulian-returns.highlights';

/** A generous estimate of one cell's share of a read's response (value, formula and number format as JSON), bytes. */
const READ_BYTES_PER_CELL = 64;

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
      const fmt = typeof fmtRaw === 'string' && fmtRaw !== '' && fmtRaw !== 'General' ? fmtRaw : undefined;
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
  /** Empty the 汇总 sheet (clear) or add it. */
  | { readonly kind: 'prepare-sheet'; readonly sheet: string; readonly exists: boolean }
  | { readonly kind: 'number-format'; readonly sheet: string; readonly address: string; readonly rows: (string | null)[][] }
  | { readonly kind: 'formulas'; readonly sheet: string; readonly address: string; readonly rows: WriteInput[][] }
  | { readonly kind: 'bold'; readonly sheet: string; readonly address: string }
  | { readonly kind: 'column-width'; readonly sheet: string; readonly address: string; readonly points: number };

/** Excel column width in characters (as the plan gives it) → points, as Office.js takes it (7 px a character + 5 px padding, at 96 dpi). */
export const charsToPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

/**
 * Text that Excel would not keep as typed text when written through `range.formulas`: a leading = + - @ (a
 * formula), or something it reads as a number, boolean, error, percent or date. Such a label is written into a
 * cell formatted `@` (Text) first, so Excel stores it verbatim; other labels keep the General format.
 */
export function needsTextFormat(s: string): boolean {
  const t = s.trim();
  if (t === '') return false;
  if (/^[=+\-@']/.test(t)) return true;
  if (/^(TRUE|FALSE)$/i.test(t) || errorFromText(t)) return true;
  if (/^[$¥￥]?[\d.,]+(e[+-]?\d+)?%?$/i.test(t)) return true;
  if (/^\d{1,4}[-/.年]\d{1,2}([-/.月]\d{1,2}日?)?$/.test(t)) return true;
  if (/^\d{1,2}:\d{2}/.test(t)) return true;
  return false;
}

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
  if (!w.formula && w.value.kind === 'text' && needsTextFormat(w.value.value)) return '@';
  if (w.numberFormat) return w.numberFormat;
  if (isSummary) return 'General';
  // A formula typed into a Text-formatted cell stays text in Excel: give such a tool-owned cell back General.
  if (w.formula && currentFormat(w.sheet, w.row, w.col) === '@') return 'General';
  return null;
}

/**
 * The fill plan as range writes: the 汇总 sheet emptied or added first; number formats before values (so `@`
 * guards take effect); values and formulas in rectangles; bold headers; column widths.
 */
export function planExcelWrites(
  plan: FillPlan,
  summaryExists: boolean,
  currentFormat: (sheet: string, row: number, col: number) => string | undefined = () => undefined,
): WriteOp[] {
  const summary = plan.summary.name;
  const ops: WriteOp[] = [{ kind: 'prepare-sheet', sheet: summary, exists: summaryExists }];
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
  return [...ops, ...formats, ...values, ...bolds, ...widths];
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
    case 'prepare-sheet':
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
  if (op.kind === 'prepare-sheet') {
    if (op.exists) {
      const ws = context.workbook.worksheets.getItem(op.sheet);
      ws.getRange().clear('All');
      sheets.set(op.sheet, ws);
    } else {
      sheets.set(op.sheet, context.workbook.worksheets.add(op.sheet));
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

export interface Mark {
  readonly sheet: string;
  readonly id: string;
}

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

function isMarks(x: unknown): x is Mark[] {
  return Array.isArray(x) && x.every((m) => typeof m === 'object' && m !== null && typeof m.sheet === 'string' && typeof m.id === 'string');
}

// ---------------------------------------------------------------- the host

interface LastCheck {
  readonly view: MemoryWorkbook;
  readonly report: ReturnReport;
  readonly summaryExists: boolean;
}

export function createExcelHost(options: ExcelHostOptions = {}): WorkbookHost {
  const excel = (): typeof Excel => {
    const x = options.excel ?? (globalThis as { Excel?: typeof Excel }).Excel;
    if (!x) throw new Error('Office.js (Excel) is not loaded');
    return x;
  };
  const settings = (): HostSettings | null => {
    if (options.settings !== undefined) return options.settings;
    const office = (globalThis as { Office?: { context?: { document?: { settings?: HostSettings } } } }).Office;
    return office?.context?.document?.settings ?? null;
  };
  const budget = options.payloadBudget ?? DEFAULT_PAYLOAD_BUDGET;
  let last: LastCheck | null = null;
  /** Our conditional formats; null = unknown in this pane (read the document settings). */
  let marks: Mark[] | null = null;

  const remember = (next: Mark[]): void => {
    marks = next;
    const s = settings();
    if (!s) return;
    if (next.length) s.set(SETTINGS_KEY, next);
    else s.remove(SETTINGS_KEY);
    s.saveAsync();
  };

  const knownMarks = (): Mark[] | null => {
    if (marks) return marks;
    const saved = settings()?.get(SETTINGS_KEY);
    return isMarks(saved) ? saved : null;
  };

  const queueDelete = (context: Excel.RequestContext, list: readonly Mark[]): void => {
    const sheets = new Map<string, Excel.ConditionalFormatCollection>();
    for (const m of list) {
      let cfs = sheets.get(m.sheet);
      if (!cfs) {
        cfs = context.workbook.worksheets.getItem(m.sheet).getRange().conditionalFormats;
        sheets.set(m.sheet, cfs);
      }
      cfs.getItem(m.id).delete();
    }
  };

  /**
   * Recovery when the remembered ids are stale or unknown (a sheet renamed, marks removed by hand, settings lost):
   * finds our conditional formats by their rule formula on every sheet and deletes them. Several syncs; rare.
   */
  const sweep = async (): Promise<void> => {
    await excel().run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const colls = sheets.items.map((s) => {
        const c = s.getRange().conditionalFormats;
        c.load('items/id, items/type');
        return c;
      });
      await context.sync();
      const custom = colls.flatMap((c) => c.items.filter((cf) => cf.type === 'Custom'));
      const rules = custom.map((cf) => cf.custom.rule.load('formula'));
      await context.sync();
      let n = 0;
      custom.forEach((cf, i) => {
        if (sameFormula(rules[i]!.formula, MARK_FORMULA)) {
          cf.delete();
          n++;
        }
      });
      if (n) await context.sync();
    });
    remember([]);
  };

  type WorkbookRead = Omit<LastCheck, 'report'> & { readonly sheetNames: string[] };

  /**
   * The workbook's sheet names after a read by name: known without asking when every template sheet was there;
   * otherwise one more sync lists them, so a missing sheet can be told well (a renamed one, say).
   */
  const listSheetNames = async (
    context: Excel.RequestContext,
    reads: readonly { readonly sheet: Excel.Worksheet }[],
    names: readonly string[],
    summary: Excel.Worksheet,
    template: Template,
  ): Promise<string[]> => {
    if (!reads.some((r) => r.sheet.isNullObject)) {
      return [...names, ...(summary.isNullObject ? [] : [template.sheets.summary])];
    }
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    return worksheets.items.map((s) => s.name);
  };

  /** The template sheets and their used ranges in one sync (two when a template sheet is missing). */
  const readWorkbook = async (template: Template): Promise<WorkbookRead> => {
    const names = sheetsToRead(template);
    return excel().run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const reads = names.map((name) => {
        const sheet = worksheets.getItemOrNullObject(name);
        // Not valuesOnly: formatted blanks come too, so fill knows a blank tool-owned cell formatted as Text (a
        // formula typed there would stay text). The engine reads them as blanks.
        const used = sheet.getUsedRangeOrNullObject(false);
        used.load(CHECK_LOAD);
        return { name, sheet, used };
      });
      const summary = worksheets.getItemOrNullObject(template.sheets.summary);
      await context.sync();

      const view = new MemoryWorkbook();
      for (const r of reads) {
        if (r.sheet.isNullObject) continue;
        const sheet = view.addSheet(r.name);
        if (r.used.isNullObject) continue;
        sheetFromRange(sheet, r.used.address, r.used.values, r.used.formulas, r.used.numberFormat);
      }
      const sheetNames = await listSheetNames(context, reads, names, summary, template);
      return { view, summaryExists: !summary.isNullObject, sheetNames };
    });
  };

  /**
   * The same read for an Excel that refuses a method on a null object (a missing sheet's used range) instead of
   * returning another null object: list the sheets first, then read those present. Two syncs.
   */
  const readWorkbookByNames = async (template: Template): Promise<WorkbookRead> => {
    const names = sheetsToRead(template);
    return excel().run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await context.sync();
      const sheetNames = worksheets.items.map((s) => s.name);
      const actual = (name: string): string | undefined => sheetNames.find((n) => n.toLowerCase() === name.toLowerCase());
      const reads = names.flatMap((name) => {
        const found = actual(name);
        if (found === undefined) return [];
        const used = worksheets.getItem(found).getUsedRangeOrNullObject(false);
        used.load(CHECK_LOAD);
        return [{ name, used }];
      });
      if (reads.length) await context.sync();
      const view = new MemoryWorkbook();
      for (const r of reads) {
        const sheet = view.addSheet(r.name);
        if (!r.used.isNullObject) sheetFromRange(sheet, r.used.address, r.used.values, r.used.formulas, r.used.numberFormat);
      }
      return { view, summaryExists: actual(template.sheets.summary) !== undefined, sheetNames };
    });
  };

  /**
   * The read for a workbook whose used ranges answer more than Excel on the web's 5 MB response limit: their
   * addresses first, then row bands of each within the budget, as many syncs as needed. Rare (a real return is a few
   * hundred rows); the usual read stays one sync.
   */
  const readWorkbookInBands = async (template: Template): Promise<WorkbookRead> => {
    const names = sheetsToRead(template);
    const bandBudget = Math.max(1, Math.floor(budget * 0.75));
    return excel().run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const probes = names.map((name) => {
        const sheet = worksheets.getItemOrNullObject(name);
        const used = sheet.getUsedRangeOrNullObject(false);
        used.load('address');
        return { name, sheet, used };
      });
      const summary = worksheets.getItemOrNullObject(template.sheets.summary);
      await context.sync();
      const view = new MemoryWorkbook();
      let pending: { sheet: MemorySheet; range: Excel.Range }[] = [];
      let pendingBytes = 0;
      const flush = async (): Promise<void> => {
        if (!pending.length) return;
        await context.sync();
        for (const b of pending) sheetFromRange(b.sheet, b.range.address, b.range.values, b.range.formulas, b.range.numberFormat);
        pending = [];
        pendingBytes = 0;
      };
      for (const p of probes) {
        if (p.sheet.isNullObject) continue;
        const sheet = view.addSheet(p.name);
        if (p.used.isNullObject) continue;
        const local = p.used.address.slice(p.used.address.lastIndexOf('!') + 1);
        const r = parseRange(local.replace(/\$/g, ''));
        const rowBytes = (r.end.col - r.start.col + 1) * READ_BYTES_PER_CELL;
        const rowsPerBand = Math.max(1, Math.floor(bandBudget / rowBytes));
        for (let top = r.start.row; top <= r.end.row; top += rowsPerBand) {
          const bottom = Math.min(r.end.row, top + rowsPerBand - 1);
          const bytes = (bottom - top + 1) * rowBytes;
          if (pendingBytes + bytes > bandBudget) await flush();
          const band = { start: { row: top, col: r.start.col }, end: { row: bottom, col: r.end.col } };
          const range = p.sheet.getRange(formatRange(band));
          range.load(CHECK_LOAD);
          pending.push({ sheet, range });
          pendingBytes += bytes;
        }
      }
      await flush();
      const sheetNames = await listSheetNames(context, probes, names, summary, template);
      return { view, summaryExists: !summary.isNullObject, sheetNames };
    });
  };

  const check = async (
    template: Template,
    lang: Parameters<WorkbookHost['check']>[1],
    options?: CheckOptions,
  ): Promise<CheckOutcome> => {
    let read: WorkbookRead;
    try {
      read = await readWorkbook(template);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 'ItemNotFound') read = await readWorkbookByNames(template);
      else if (code === 'ResponsePayloadSizeLimitExceeded') read = await readWorkbookInBands(template);
      else throw e;
    }
    const report = checkReturn(read.view, template, options);
    const findings = formatFindings(report.issues, template, lang);
    last = { view: read.view, report, summaryExists: read.summaryExists };
    return { report, findings, sheetNames: read.sheetNames };
  };

  return {
    check,

    async fill(template) {
      const base = last ?? (await check(template, 'zh-CN'), last!);
      const plan = planFill(base.view, template, base.report);
      const ops = planExcelWrites(plan, base.summaryExists, (sheet, row, col) => base.view.sheet(sheet)?.cell(row, col).numberFormat);
      const batches = batchWrites(ops, budget);
      await excel().run(async (context) => {
        const sheets = new Map<string, Excel.Worksheet>();
        for (const batch of batches) {
          for (const op of batch) queueWrite(context, op, sheets);
          await context.sync();
        }
      });
      last = { ...base, summaryExists: true };
    },

    async select(sheet, cell) {
      await excel().run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell ?? 'A1').select();
        await context.sync();
      });
    },

    async highlight(findings) {
      const wanted = marksFor(findings);
      const previous = knownMarks() ?? [];
      const add = async (withDeletes: readonly Mark[]): Promise<Mark[]> =>
        excel().run(async (context) => {
          queueDelete(context, withDeletes);
          const sheets = new Map<string, Excel.Worksheet>();
          const added = wanted.map((m) => {
            let ws = sheets.get(m.sheet);
            if (!ws) {
              ws = context.workbook.worksheets.getItem(m.sheet);
              sheets.set(m.sheet, ws);
            }
            const cf = ws.getRange(m.cell).conditionalFormats.add(excel().ConditionalFormatType.custom);
            cf.custom.rule.formula = MARK_FORMULA;
            cf.custom.format.fill.color = MARK_FILLS[m.severity];
            cf.load('id');
            return { sheet: m.sheet, cf };
          });
          if (withDeletes.length || added.length) await context.sync();
          return added.map((a) => ({ sheet: a.sheet, id: a.cf.id }));
        });
      let next: Mark[];
      try {
        next = await add(previous);
      } catch (e) {
        if (!previous.length) throw e;
        await sweep();
        next = await add([]);
      }
      remember(next);
    },

    async clearHighlights() {
      const known = knownMarks();
      if (known === null) {
        await sweep();
        return;
      }
      if (!known.length) return;
      try {
        await excel().run(async (context) => {
          queueDelete(context, known);
          await context.sync();
        });
        remember([]);
      } catch {
        await sweep();
      }
    },
  };
}
