/** Finding a sheet's header row, its columns by label and its rows by code: never by fixed row or column numbers. */
import type { Cell } from '../cell';
import type { SheetView } from '../workbook';

const FOLD: Readonly<Record<string, string>> = { '（': '(', '）': ')', '％': '%', '：': ':' };

/** A label as compared: no whitespace, full-width brackets, percent and colon folded, no trailing colon (填报单位：). */
export function normalizeLabel(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/\s/.test(ch)) continue;
    out += FOLD[ch] ?? ch;
  }
  return out.replace(/:+$/, '');
}

/** The plain text of a label or code cell: text trimmed, a number as digits, anything else empty. */
export function cellText(cell: Cell): string {
  const v = cell.value;
  if (v.kind === 'text') return v.value.trim();
  if (v.kind === 'number') return String(v.value);
  return '';
}

/** 1-based row whose column-A cell reads `label` (first one), or 0. */
export function findLabelRow(sheet: SheetView, label: string, col = 1): number {
  const want = normalizeLabel(label);
  for (let r = 1; r <= sheet.rowCount; r++) {
    const c = sheet.cell(r, col);
    if (c.value.kind === 'text' && normalizeLabel(c.value.value) === want) return r;
  }
  return 0;
}

/** Maps each role to the first column of the header row whose label matches; roles without a column are absent. */
export function mapColumns<R extends string>(
  sheet: SheetView,
  headerRow: number,
  labels: Readonly<Record<R, string>>,
): Partial<Record<R, number>> {
  const byLabel = new Map<string, R[]>();
  for (const role of Object.keys(labels) as R[]) {
    const key = normalizeLabel(labels[role]);
    const list = byLabel.get(key);
    if (list) list.push(role);
    else byLabel.set(key, [role]);
  }
  const out: Partial<Record<R, number>> = {};
  const cols = Math.max(sheet.colCount, 0);
  for (let c = 1; c <= cols; c++) {
    const cell = sheet.cell(headerRow, c);
    if (cell.value.kind !== 'text') continue;
    const roles = byLabel.get(normalizeLabel(cell.value.value));
    if (!roles) continue;
    for (const role of roles) if (out[role] === undefined) out[role] = c;
  }
  return out;
}

/** Whether every required role has a column (then the columns are a layout's: `DataSheetLayout['columns']`). */
export function hasColumns<R extends string, Q extends R>(columns: Partial<Record<R, number>>, required: readonly Q[]): columns is Partial<Record<R, number>> & Record<Q, number> {
  return required.every((role) => columns[role] !== undefined);
}

/** Text in a code column that is a note rather than a code (填表说明：…, 注：…), skipped without a finding. */
export function isNoteText(s: string): boolean {
  return /^(注|说明|备注|填表|附注)/.test(s) || /[:：]$/.test(s) || s.length > 40;
}

/** A code cell below a table's header row. */
export interface CodeRow {
  readonly row: number;
  readonly col: number;
  /** The code as typed, trimmed. */
  readonly code: string;
  /** The row where the same code first appeared, null for its first row. */
  readonly firstRow: number | null;
  /** Whether the template knows the code on this sheet (a data-sheet indicator, or a default two-plan row). */
  readonly known: boolean;
}

/** The code cells below the header row, in order (notes skipped); `known` says which codes the template has there. */
export function readCodeRows(sheet: SheetView, headerRow: number, codeCol: number, known: (code: string) => boolean): CodeRow[] {
  const first = new Map<string, number>();
  const out: CodeRow[] = [];
  for (let row = headerRow + 1; row <= sheet.rowCount; row++) {
    const code = cellText(sheet.cell(row, codeCol));
    if (!code || isNoteText(code)) continue;
    out.push({ row, col: codeCol, code, firstRow: first.get(code) ?? null, known: known(code) });
    if (!first.has(code)) first.set(code, row);
  }
  return out;
}

/** The first row of each code. */
export const firstRows = (codeRows: readonly CodeRow[]): Record<string, number> =>
  Object.fromEntries(codeRows.filter((r) => r.firstRow === null).map((r) => [r.code, r.row]));
