/**
 * The pane's fill judged by LibreOffice, not by the fake's own evaluator (test/office/excel-host.test.ts): what the
 * pane wrote into the fake workbook is saved with every formula's cached result spoiled, recalculated headless in one
 * soffice run, and every formula cell of the plan compared with the engine's figure.
 */
import { planFill, standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { a1 } from '../../src/engine/address';
import { FakeWorkbookModel, installFakeOffice } from '../../src/office-fake';
import { createExcelHost } from '../../src/taskpane/excel';
import { readXlsx } from '../../src/xlsx';
import { sameFigure } from './judges';
import { recalcInLibreOffice } from './soffice';
import { withSpoiledCaches } from './spoiled';

jest.setTimeout(180_000);
const template = standardTemplate();

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
  const { pane } = recalcInLibreOffice({ pane: await withSpoiledCaches(model.toWorkbookView()) });
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
