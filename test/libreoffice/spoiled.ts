/**
 * Spoiled caches, so that a right value after LibreOffice can only come from its recalculation: a workbook as a host
 * left it saved with every formula's cached result spoiled, or a fill plan whose formulas carry wrong cached results.
 */
import ExcelJS from 'exceljs';
import { num, text, type CellValue } from '../../src/engine/cell';
import type { CellWrite, FillPlan } from '../../src/engine/fill-plan';
import type { WorkbookView } from '../../src/engine/workbook';
import { addViewSheets, excelJsValue } from '../fixtures/exceljs-value';

export const SPOILED = 'SPOILED-BEFORE-RECALC';

export async function withSpoiledCaches(view: WorkbookView): Promise<Uint8Array> {
  const x = new ExcelJS.Workbook();
  addViewSheets(x, view, (target, cell) => {
    target.value = cell.formula ? { formula: cell.formula.replace(/^=/, ''), result: SPOILED } : excelJsValue(cell.value);
  });
  return new Uint8Array((await x.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The plan with every formula's cached result wrong (a number off by 12345, a blank as -99999, text as 缓存错误). */
export function wrongCaches(plan: FillPlan): FillPlan {
  const spoil = (w: CellWrite): CellWrite => {
    if (!w.formula) return w;
    const v = w.value;
    const wrong: CellValue = v.kind === 'number' ? num(v.value + 12345) : v.kind === 'blank' ? num(-99999) : text('缓存错误');
    return { ...w, value: wrong };
  };
  return { toolOwned: plan.toolOwned.map(spoil), summary: { ...plan.summary, cells: plan.summary.cells.map(spoil) } };
}
