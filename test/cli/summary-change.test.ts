/**
 * `summary FILE --previous PREV --last-year FILE`: 同比 and 环比 of the plan indicators, word for word, on returns
 * whose figures are typed here by hand: A01 3426 this year against 3200 a year ago → 同比增长7.06%, against 2000 in
 * Q2 → 比上季度增加1426人次.
 */
import { join } from 'node:path';
import { buildFilledReturn } from '../../src/engine/testing';
import { num, text } from '../../src/engine/cell';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { standardTemplate } from '../../src/engine/template/load';
import { colOf, rowOf, runCli, tempDir, writeReturn } from './helpers';

const tpl = standardTemplate();
const { dir, cleanup } = tempDir('fulian-change-');
afterAll(cleanup);

function typed(wb: MemoryWorkbook, code: string, quarters: (number | null)[]): void {
  const sheet = tpl.indicators.find((i) => i.code === code)!.sheet;
  const s = wb.sheet(sheet)!;
  quarters.forEach((v, i) => {
    if (v !== null) s.set(rowOf(wb, sheet, code), colOf(wb, sheet, tpl.dataColumns.quarters[i]!), { value: num(v) });
  });
}

const unit = '临夏县妇联';
beforeAll(async () => {
  const now = buildFilledReturn(tpl, { quarter: 3, year: 2026, unit, seed: 11 });
  typed(now, 'A01', [1000, 1000, 1426]);
  typed(now, 'A09', [500.5, 600.25, 287.01]);
  typed(now, 'A14', [10, 12, 12]);
  typed(now, 'C12', [5, 5, 5]);
  await writeReturn(join(dir, 'now.xlsx'), now);
  const q2 = buildFilledReturn(tpl, { quarter: 2, year: 2026, unit, seed: 12 });
  typed(q2, 'A01', [1000, 1000]);
  typed(q2, 'A09', [500.5, 600.25]);
  typed(q2, 'A14', [10, 12]);
  typed(q2, 'C12', [5, 6]);
  await writeReturn(join(dir, 'q2.xlsx'), q2);
  const last = buildFilledReturn(tpl, { quarter: 3, year: 2025, unit, seed: 13 });
  typed(last, 'A01', [1000, 1000, 1200]);
  typed(last, 'A09', [500, 500, 600]);
  typed(last, 'A14', [8, 9, 10]);
  typed(last, 'C12', [0, 0, 0]);
  await writeReturn(join(dir, 'last.xlsx'), last);
  const other = buildFilledReturn(tpl, { quarter: 3, year: 2025, unit: '东乡县妇联', seed: 14 });
  other.sheet('封面')!.set(rowOf(other, '封面', '行政区划代码'), 2, { value: text('622926') });
  await writeReturn(join(dir, 'other.xlsx'), other);
}, 60_000);

test('both: each plan indicator with its 同比 and 环比, in staff\'s words', async () => {
  const r = await runCli(['summary', 'now.xlsx', '--previous', 'q2.xlsx', '--last-year', 'last.xlsx'], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const para = r.stdout.split('【同比环比】\n')[1]!.split('\n')[0]!;
  expect(para.startsWith('1—3季度妇女技能培训人数3426人次，同比增长7.06%，比上季度增加1426人次；')).toBe(true);
  // 1387.76 against 1600: −13.265% shows as 13.27% (half away from zero); 287.01 more than Q2's 1100.75.
  expect(para).toContain('；小额担保贷款发放金额1387.76万元，同比下降13.27%，比上季度增加287.01万元；');
  // A stock: the quarter's level, 12 against 10 a year ago and 12 in Q2.
  expect(para).toContain('；巾帼创业就业基地数12个，同比增长20.00%，与上季度持平；');
  // Nothing a year ago; one fewer than in Q2.
  expect(para).toContain('；留守儿童结对帮扶数5对，去年同期为0，比上季度减少1对');
  expect(para.endsWith('。')).toBe(true);
});

test('JSON carries each change as figures too', async () => {
  const r = await runCli(['summary', 'now.xlsx', '--previous', 'q2.xlsx', '--last-year', 'last.xlsx', '--format', 'json'], { cwd: dir });
  const out = JSON.parse(r.stdout) as { changes: { code: string; value: number; previous: number; lastYear: number; yearOnYear: number; quarterOnQuarter: number; text: string }[] };
  const a01 = out.changes.find((c) => c.code === 'A01')!;
  expect(a01).toMatchObject({ value: 3426, previous: 2000, lastYear: 3200, quarterOnQuarter: 1426, text: '妇女技能培训人数3426人次，同比增长7.06%，比上季度增加1426人次' });
  expect(a01.yearOnYear).toBeCloseTo(226 / 3200, 12);
  expect(out.changes.map((c) => c.code)).toEqual(tpl.indicators.filter((i) => i.plan).map((i) => i.code));
});

test('only last year: 同比 alone; English on request', async () => {
  const zh = await runCli(['summary', 'now.xlsx', '--last-year', 'last.xlsx'], { cwd: dir });
  expect(zh.stdout).toContain('【同比环比】\n1—3季度妇女技能培训人数3426人次，同比增长7.06%；');
  const en = await runCli(['summary', 'now.xlsx', '--previous', 'q2.xlsx', '--last-year', 'last.xlsx', '--lang', 'en'], { cwd: dir });
  expect(en.stdout).toContain('3426 person-times, up 7.06% year on year, 1426 person-times more than last quarter');
});

test('another unit, or not last year\'s same quarter, cannot be compared: exit 2 with one line', async () => {
  const unitWrong = await runCli(['summary', 'now.xlsx', '--last-year', 'other.xlsx'], { cwd: dir });
  expect(unitWrong.code).toBe(2);
  expect(unitWrong.stderr).toBe('fulian-returns: --last-year other.xlsx：去年同期报表的填报单位「东乡县妇联」与本期「临夏县妇联」不同\n');
  const quarterWrong = await runCli(['summary', 'now.xlsx', '--last-year', 'q2.xlsx'], { cwd: dir });
  expect(quarterWrong.code).toBe(2);
  expect(quarterWrong.stderr).toBe('fulian-returns: --last-year q2.xlsx：去年同期报表的报告期为2026年第2季度，应为2025年第3季度\n');
  const prevWrong = await runCli(['summary', 'now.xlsx', '--previous', 'last.xlsx'], { cwd: dir });
  expect(prevWrong.code).toBe(2);
  expect(prevWrong.stderr).toContain('--previous last.xlsx：');
});
