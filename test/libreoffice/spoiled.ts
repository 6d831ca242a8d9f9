/** A workbook as a host left it, saved with every formula's cached result spoiled: only a recalculation clears it. */
import ExcelJS from 'exceljs';
import type { WorkbookView } from '../../src/engine/workbook';
import { excelJsValue } from '../fixtures/exceljs-value';

export const SPOILED = 'SPOILED-BEFORE-RECALC';

export async function withSpoiledCaches(view: WorkbookView): Promise<Uint8Array> {
  const x = new ExcelJS.Workbook();
  for (const name of view.sheetNames) {
    const s = view.sheet(name)!;
    const ws = x.addWorksheet(name);
    for (let r = 1; r <= s.rowCount; r++)
      for (let c = 1; c <= s.colCount; c++) {
        const cell = s.cell(r, c);
        if (cell.value.kind === 'blank' && !cell.formula) continue;
        ws.getCell(r, c).value = cell.formula ? { formula: cell.formula.replace(/^=/, ''), result: SPOILED } : excelJsValue(cell.value);
      }
  }
  return new Uint8Array((await x.xlsx.writeBuffer()) as ArrayBuffer);
}
