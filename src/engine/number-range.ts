/** Excel's number range: a sum past ±9.99999999999999E+307 is no number a spreadsheet can hold (#NUM!). */
import { columnLetters } from './address';
import type { WorkbookView } from './workbook';

export const EXCEL_MAX_NUMBER = 9.99999999999999e307;

/** The first numeric cell outside Excel's range (`Sheet!A1`), if any. */
export function firstOutOfRange(view: WorkbookView): string | undefined {
  for (const name of view.sheetNames) {
    const s = view.sheet(name)!;
    for (let r = 1; r <= s.rowCount; r++) {
      for (let c = 1; c <= s.colCount; c++) {
        const v = s.cell(r, c).value;
        if (v.kind === 'number' && !(Math.abs(v.value) <= EXCEL_MAX_NUMBER)) return `${name}!${columnLetters(c)}${r}`;
      }
    }
  }
  return undefined;
}
