/*
 * Bundled for the browser by test/e2e/wps-pane.test.ts: gives the page WPS's `window.Application`, the fake WPS API
 * over the workbook the test put in `window.__WPS_WORKBOOK__` (sheet name → [row, col, cell] entries).
 */
import type { FakeCell } from '../../src/office-fake/model';
import { FakeWorkbookModel } from '../../src/office-fake/model';
import { createFakeWps } from '../../src/wps-fake';

const w = window as unknown as { __WPS_WORKBOOK__: [string, [number, number, FakeCell][]][]; Application?: unknown; __wpsModel?: FakeWorkbookModel };
const model = new FakeWorkbookModel();
for (const [name, cells] of w.__WPS_WORKBOOK__) {
  const sheet = model.addSheet(name);
  for (const [r, c, cell] of cells) sheet.setCell(r, c, cell);
}
model.activeSheet = model.sheets[0]?.name ?? null;
model.recalc();
w.__wpsModel = model;
w.Application = createFakeWps(model).Application;
