/**
 * The pane's fill judged by LibreOffice, not by the fake's own evaluator (test/office/excel-host.test.ts): what the
 * pane wrote into the fake workbook is saved with every formula's cached result spoiled, recalculated headless in one
 * soffice run, and every formula cell of the plan compared with the engine's figure.
 */
import { planFill, standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import type { MemoryWorkbook } from '../../src/engine';
import type { FillPlan } from '../../src/engine/fill-plan';
import { messyReturn } from '../engine/fill-messy.fixture';
import { a1 } from '../../src/engine/address';
import { FakeWorkbookModel, installFakeOffice } from '../../src/office-fake';
import { createExcelHost } from '../../src/taskpane/excel';
import { readXlsx } from '../../src/xlsx';
import { sameFigure } from './judges';
import { recalcInLibreOffice } from './soffice';
import { withSpoiledCaches } from './spoiled';

jest.setTimeout(180_000);
const template = standardTemplate();

/** What the pane writes into a fake workbook of `wb`: the plan it followed and the model it wrote into. */
async function paneFill(wb: MemoryWorkbook): Promise<{ plan: FillPlan; model: FakeWorkbookModel }> {
  const model = FakeWorkbookModel.fromMemoryWorkbook(wb);
  const env = installFakeOffice(globalThis, model);
  try {
    const host = createExcelHost();
    const out = await host.check(template, 'zh-CN');
    const plan = planFill(model.toWorkbookView(), template, out.report);
    await host.fill(template);
    return { plan, model };
  } finally {
    env.uninstall();
  }
}

// A clean generated return, and a messy one (text, units and full-width digits in quarter cells, as
// test/engine/fill-messy.fixture types them): our evaluator and the fill could share a mistake only clean input hides.
test('every formula the pane writes (Q3 clean, seed 11; Q4 messy) recalculates in LibreOffice to the engine figure', async () => {
  const filled = {
    clean: await paneFill(buildFilledReturn(template, { quarter: 3, seed: 11 })),
    messy: await paneFill(messyReturn(template, 4, 2).wb),
  };
  const books = recalcInLibreOffice({
    clean: await withSpoiledCaches(filled.clean.model.toWorkbookView()),
    messy: await withSpoiledCaches(filled.messy.model.toWorkbookView()),
  });
  for (const [name, { plan }] of Object.entries(filled)) {
    const got = (await readXlsx(books[name]!)).view;
    const wrong: string[] = [];
    let compared = 0;
    for (const w of [...plan.toolOwned, ...plan.summary.cells.map((c) => ({ ...c, sheet: plan.summary.name }))]) {
      if (!w.formula) continue;
      const v = got.sheet(w.sheet)!.cell(w.row, w.col).value;
      if (!sameFigure(w.value, v)) wrong.push(`${name} ${w.sheet}!${a1(w.row, w.col)} ${w.formula} → LibreOffice ${JSON.stringify(v)}, engine ${JSON.stringify(w.value)}`);
      compared++;
    }
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(200);
  }
});
