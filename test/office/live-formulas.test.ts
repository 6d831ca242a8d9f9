/**
 * cumulative-mismatch for formulas in the add-in (spec sections 4 and 7): the pane reads Excel's live values, so a
 * user's own SUM in 累计 that skips `1262余` is reported at once — on the fake Office.js, which calculates as Excel
 * does (SUM skips text). By hand: 1000 + 925 = 1925 shown, the tool's 累计 is 1000 + 1262 + 925 = 3187.
 */
import { standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { FakeWorkbookModel } from '../../src/office-fake';
import { createExcelHost } from '../../src/taskpane/excel';
import { useFakeOffice } from './fake-office';

const template = standardTemplate();
const open = useFakeOffice();

test("a user's SUM skipping 1262余 is a cumulative-mismatch at its 累计 cell, seen in one read", async () => {
  const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter: 3, seed: 7 }));
  const s = model.sheet('创业就业')!;
  s.setCell(3, 4, { value: { kind: 'number', value: 4000 } });
  s.setCell(3, 5, { value: { kind: 'number', value: 1000 } });
  s.setCell(3, 6, { value: { kind: 'text', value: '1262余' } });
  s.setCell(3, 7, { value: { kind: 'number', value: 925 } });
  s.setCell(3, 9, { formula: '=SUM(E3:G3)', value: { kind: 'blank' } });
  model.recalc();
  const env = open(model);
  const out = await createExcelHost().check(template, 'zh-CN');
  expect(env.stats.syncCount).toBe(1);
  expect(out.findings.filter((f) => f.rule === 'cumulative-mismatch').map((f) => [f.cell, f.message])).toEqual([
    ['I3', 'A01「妇女技能培训人数」累计由工具计算，却被改写为 =SUM(E3:G3) → 1925，应为 3187'],
  ]);
});
