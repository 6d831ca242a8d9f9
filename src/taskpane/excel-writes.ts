/**
 * The fill plan as Excel range writes, and those writes packed into requests: pure planning, no Office call (the WPS
 * host writes the same plan). Whole rectangles, number formats before values, the new 汇总 beside the old until the
 * last step; writes whose estimated request passes the budget (~4 MB, under Excel on the web's 5 MB) are split.
 */
import { columnLetters, formatRange, parseRange, type RangeAddress } from '../engine/address';
import { primitiveOf } from '../engine/cell';
import type { CellWrite, FillPlan } from '../engine/fill-plan';
import { utf8Length } from '../engine/utf8';

/** Writes whose estimated request exceeds this many bytes are split across syncs. */
export const DEFAULT_PAYLOAD_BUDGET = 4 * 1024 * 1024;

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

/** Cells grouped into one rectangle: its range, and its cells row by row. */
export interface Rect<T> {
  readonly range: RangeAddress;
  readonly cells: T[][];
}

/**
 * Groups cells into rectangles: runs of adjacent columns in a row, stacked while the next row has the same run.
 * Later cells at the same place win, as later writes would in Excel.
 */
export function rectangles<T extends { readonly row: number; readonly col: number }>(cells: readonly T[]): Rect<T>[] {
  const byRow = new Map<number, Map<number, T>>();
  for (const c of cells) {
    const line = byRow.get(c.row) ?? new Map<number, T>();
    line.set(c.col, c);
    byRow.set(c.row, line);
  }
  interface Open {
    readonly r1: number;
    r2: number;
    readonly c1: number;
    readonly c2: number;
    readonly rows: T[][];
  }
  const open = new Map<string, Open>();
  const done: Open[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const sorted = [...(byRow.get(row)?.values() ?? [])].sort((a, b) => a.col - b.col);
    const runs: { c1: number; c2: number; cells: T[] }[] = [];
    for (const c of sorted) {
      const last = runs[runs.length - 1];
      if (last && last.c2 === c.col - 1) {
        last.cells.push(c);
        last.c2 = c.col;
      } else runs.push({ c1: c.col, c2: c.col, cells: [c] });
    }
    const seen = new Set<string>();
    for (const { c1, c2, cells: run } of runs) {
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
      const fmtRows = rect.cells.map((line) => line.map((w) => formatFor(w, isSummary, currentFormat)));
      if (fmtRows.some((line) => line.some((f) => f !== null))) {
        formats.push({ kind: 'number-format', sheet, address, rows: fmtRows });
      }
      values.push({ kind: 'formulas', sheet, address, rows: rect.cells.map((line) => line.map(inputOf)) });
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

/**
 * Office's JSON request for one write, bytes: its data plus an envelope for the range's object path and instantiate
 * action, the sheet's (counted every time, to stay on the safe side) and the set-property action (~420 bytes).
 */
export function estimatePayload(op: WriteOp): number {
  const envelope = 420 + utf8Length(op.sheet) + op.kind.length;
  switch (op.kind) {
    case 'number-format':
    case 'formulas':
      return envelope + op.address.length + utf8Length(JSON.stringify(op.rows));
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
  const rowSizes = op.rows.map((r) => utf8Length(JSON.stringify(r)) + 1);
  const total = envelope + rowSizes.reduce((a, b) => a + b, 0);
  if (total <= budget || op.rows.length < 2) return [{ op, size: total }];
  const range = parseRange(op.address);
  const out: { op: WriteOp; size: number }[] = [];
  let from = 0;
  while (from < op.rows.length) {
    let to = from;
    let size = envelope + (rowSizes[from] ?? 0);
    while (to + 1 < op.rows.length && size + (rowSizes[to + 1] ?? 0) <= budget) size += rowSizes[++to] ?? 0;
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
