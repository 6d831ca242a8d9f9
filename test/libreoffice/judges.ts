/**
 * Judging a filled package with readers we did not write: LibreOffice recalculates it (its values must be the
 * engine's), openpyxl opens it (user cells as typed, tool-owned cells holding formulas), and every zip entry the fill
 * had no reason to touch keeps its stored bytes.
 */
import type { CellValue } from '../../src/engine/cell';
import type { CellWrite, FillPlan } from '../../src/engine/fill-plan';
import type { WorkbookView } from '../../src/engine/workbook';
import { openPackage } from '../../src/xlsx/zip';

/** A cell value as openpyxl gives it (numbers, text, booleans; blank = absent). */
export function openpyxlValue(v: CellValue): string | number | boolean | undefined {
  switch (v.kind) {
    case 'number':
      return v.value;
    case 'text':
      return v.value === '' ? undefined : v.value;
    case 'boolean':
      return v.value;
    case 'date':
      return v.serial;
    default:
      return undefined;
  }
}

/** Two values agree as a spreadsheet shows them: numbers to 1e-9 relative, blank = empty text. */
export function sameFigure(a: CellValue, b: CellValue): boolean {
  const blank = (v: CellValue): boolean => v.kind === 'blank' || (v.kind === 'text' && v.value === '');
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  const n = (v: CellValue): number | undefined => (v.kind === 'number' ? v.value : v.kind === 'date' ? v.serial : undefined);
  if (n(a) !== undefined && n(b) !== undefined) return Math.abs(n(a)! - n(b)!) <= 1e-9 * Math.max(1, Math.abs(n(a)!));
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Plan writes whose value LibreOffice's recalculated workbook does not show, as readable lines. */
export function figureMismatches(plan: FillPlan, recalculated: WorkbookView): string[] {
  const out: string[] = [];
  const all: CellWrite[] = [...plan.toolOwned, ...plan.summary.cells.map((c) => ({ ...c, sheet: plan.summary.name }))];
  for (const w of all) {
    const got = recalculated.sheet(w.sheet)?.cell(w.row, w.col).value ?? { kind: 'blank' };
    if (!sameFigure(w.value, got)) out.push(`${w.sheet}!R${w.row}C${w.col}: engine ${JSON.stringify(w.value)}, LibreOffice ${JSON.stringify(got)}`);
  }
  return out;
}

/** Entries of `input` whose stored bytes (method, CRC, compressed data) differ in `output`, or that are gone. */
export function changedEntries(input: Uint8Array, output: Uint8Array): string[] {
  const a = openPackage(input).stored!;
  const b = openPackage(output).stored!;
  const out: string[] = [];
  for (const [name, e] of a) {
    const o = b.get(name);
    if (!o || o.method !== e.method || o.crc !== e.crc || !Buffer.from(o.compressed).equals(Buffer.from(e.compressed))) out.push(name);
  }
  return out.sort();
}
