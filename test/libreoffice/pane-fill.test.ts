/**
 * The pane's fill judged by LibreOffice, not by the fake's own evaluator (test/office/excel-host.test.ts): what the
 * pane wrote into the fake workbook is saved with every formula's cached result spoiled, recalculated headless in one
 * soffice run, and every formula cell of the plan compared with the engine's figure.
 */
import ExcelJS from 'exceljs';
import { buildFilledReturn, planFill, standardTemplate } from '../../src/engine';
import { a1 } from '../../src/engine/address';
import { FakeWorkbookModel, installFakeOffice } from '../../src/office-fake';
import { createExcelHost } from '../../src/taskpane/excel';
import { readXlsx } from '../../src/xlsx';
import { excelJsValue } from '../fixtures/exceljs-value';
import { sameFigure } from './judges';
import { recalcInLibreOffice } from './soffice';

jest.setTimeout(180_000);
const template = standardTemplate();
const SPOILED = 'SPOILED-BEFORE-RECALC';

test('every formula the pane writes (Q3, seed 11) recalculates in LibreOffice to the engine figure', async () => {
  const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter: 3, seed: 11 }));
  const env = installFakeOffice(globalThis, model);
  let plan;
  try {
    const host = createExcelHost();
    const out = await host.check(template, 'zh-CN');
    plan = planFill(model.toWorkbookView(), template, out.report);
    await host.fill(template);
  } finally {
    env.uninstall();
  }
  const view = model.toWorkbookView();
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
  const { pane } = recalcInLibreOffice({ pane: new Uint8Array((await x.xlsx.writeBuffer()) as ArrayBuffer) });
  const got = (await readXlsx(pane!)).view;
  const wrong: string[] = [];
  let compared = 0;
  for (const w of [...plan.toolOwned, ...plan.summary.cells.map((c) => ({ ...c, sheet: plan.summary.name }))]) {
    if (!w.formula) continue;
    const v = got.sheet(w.sheet)!.cell(w.row, w.col).value;
    if (!sameFigure(w.value, v)) wrong.push(`${w.sheet}!${a1(w.row, w.col)} ${w.formula} → LibreOffice ${JSON.stringify(v)}, engine ${JSON.stringify(w.value)}`);
    compared++;
  }
  expect(wrong).toEqual([]);
  expect(compared).toBeGreaterThan(200);
});
