/**
 * `status DIR --expect LIST`: seven counties expected, five returns (one county twice, one from a unit not on the
 * list). Matching by 行政区划代码 and by name with full-width characters and spaces. Expected values by hand.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from '../../src/engine/cell';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { cleanReturn, rowOf, runCli, tempDir, writeReturn } from './helpers';

const { dir, cleanup } = tempDir('fulian-status-');
afterAll(cleanup);

function withCover(wb: MemoryWorkbook, fields: Record<string, string>): MemoryWorkbook {
  const cover = wb.sheet('封面')!;
  for (const [label, value] of Object.entries(fields)) cover.set(rowOf(wb, '封面', label), 2, { value: value === '' ? { kind: 'blank' } : text(value) });
  return wb;
}

const LIST = [
  '# 兰州市 2026 年第三季度应报单位',
  '620102\t城关区',
  '620103\t七里河区',
  '西固区',
  '安宁区(开发区)',
  '620111\t红古区',
  '永登县',
  '620123\t榆中县',
  '',
].join('\r\n');

const returns = join(dir, 'returns');
const listFile = join(dir, 'units.txt');

beforeAll(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(returns);
  writeFileSync(listFile, `\uFEFF${LIST}`);
  // By code: the cover's name differs from the list's, the code decides.
  await writeReturn(join(returns, 'a-chengguan.xlsx'), withCover(cleanReturn({ seed: 1 }), { 填报单位: '城关区妇女联合会', 行政区划代码: '620102' }));
  // By name: the list has no code for 安宁区(开发区), the cover none either; full-width brackets and spaces around it.
  await writeReturn(join(returns, 'b-anning.xlsx'), withCover(cleanReturn({ seed: 2 }), { 填报单位: '　安宁区（开发区） ', 行政区划代码: '' }));
  // Twice from 红古区 (by code), the second with a phone error.
  await writeReturn(join(returns, 'c-honggu.xlsx'), withCover(cleanReturn({ seed: 3 }), { 填报单位: '红古区', 行政区划代码: '620111' }));
  await writeReturn(join(returns, 'c-honggu-v2.xlsx'), withCover(cleanReturn({ seed: 4 }), { 填报单位: '红古区妇联', 行政区划代码: '620111', 联系电话: '电话不详' }));
  // Not on the list: its code is no listed code, its name no listed name.
  await writeReturn(join(returns, 'x-xinqu.xlsx'), withCover(cleanReturn({ seed: 5 }), { 填报单位: '兰州新区', 行政区划代码: '620171' }));
}, 60_000);

test('seven expected, five returns: exit 1 and exactly the contract JSON', async () => {
  const r = await runCli(['status', returns, '--expect', listFile, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  expect(Object.keys(out)).toEqual(['period', 'received', 'missing', 'unexpected', 'duplicates', 'reminder']);
  expect(out['period']).toBe('2026Q3');
  expect(out['received']).toEqual([
    { unit: '城关区', file: join(returns, 'a-chengguan.xlsx'), errors: 0 },
    { unit: '安宁区(开发区)', file: join(returns, 'b-anning.xlsx'), errors: 0 },
    { unit: '红古区', file: join(returns, 'c-honggu-v2.xlsx'), errors: 1 },
    { unit: '红古区', file: join(returns, 'c-honggu.xlsx'), errors: 0 },
  ]);
  for (const e of out['received'] as object[]) expect(Object.keys(e)).toEqual(['unit', 'file', 'errors']);
  expect(out['missing']).toEqual([
    { unit: '七里河区', divisionCode: '620103' },
    { unit: '西固区', divisionCode: null },
    { unit: '永登县', divisionCode: null },
    { unit: '榆中县', divisionCode: '620123' },
  ]);
  for (const e of out['missing'] as object[]) expect(Object.keys(e)).toEqual(['unit', 'divisionCode']);
  expect(out['unexpected']).toEqual([join(returns, 'x-xinqu.xlsx')]);
  expect(out['duplicates']).toEqual([{ unit: '红古区', files: [join(returns, 'c-honggu-v2.xlsx'), join(returns, 'c-honggu.xlsx')] }]);
  for (const e of out['duplicates'] as object[]) expect(Object.keys(e)).toEqual(['unit', 'files']);
  expect(out['reminder']).toBe('【催报】2026年第三季度妇联工作季度统计报表，以下4个单位尚未报送：七里河区、西固区、永登县、榆中县。请尽快报送，谢谢！');
});

test('the human output names received, missing, duplicate and unexpected units and ends with the reminder', async () => {
  const r = await runCli(['status', returns, '--expect', listFile]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('报送情况（2026Q3）');
  expect(r.stdout).toContain('已报送 3/7');
  expect(r.stdout).toContain(`红古区  ${join(returns, 'c-honggu-v2.xlsx')}  1 个错误`);
  expect(r.stdout).toContain('未报送 4\n  620103  七里河区\n  西固区\n  永登县\n  620123  榆中县');
  expect(r.stdout).toContain(`名单外的报表 1\n  ${join(returns, 'x-xinqu.xlsx')}`);
  expect(r.stdout.trimEnd().endsWith('请尽快报送，谢谢！')).toBe(true);
});

test('every unit reported: exit 0 and a thank-you instead of a reminder', async () => {
  const list = join(dir, 'two.txt');
  writeFileSync(list, '620102\t城关区\n安宁区（开发区）\n');
  const sub = join(dir, 'two');
  const { mkdirSync, copyFileSync } = await import('node:fs');
  mkdirSync(sub);
  copyFileSync(join(returns, 'a-chengguan.xlsx'), join(sub, 'a.xlsx'));
  copyFileSync(join(returns, 'b-anning.xlsx'), join(sub, 'b.xlsx'));
  const r = await runCli(['status', sub, '--expect', list, '--json', '--lang', 'en']);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { missing: unknown[]; reminder: string };
  expect(out.missing).toEqual([]);
  expect(out.reminder).toBe('Every unit has sent its 2026 Q3 return. Thank you.');
});

test('usage: no --expect, an unreadable list, a bad code line → exit 2 with one line', async () => {
  const noList = await runCli(['status', returns]);
  expect(noList.code).toBe(2);
  expect(noList.stderr).toContain('--expect');
  const missing = await runCli(['status', returns, '--expect', join(dir, 'nope.txt')]);
  expect(missing.code).toBe(2);
  expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, '城关区\n62010\t七里河区\n');
  const badCode = await runCli(['status', returns, '--expect', bad]);
  expect(badCode.code).toBe(2);
  expect(badCode.stderr).toContain('第 2 行');
});

test('a return of another period counts as received and is named on stderr', async () => {
  const { mkdirSync, copyFileSync } = await import('node:fs');
  const sub = join(dir, 'periods');
  mkdirSync(sub);
  copyFileSync(join(returns, 'b-anning.xlsx'), join(sub, 'b.xlsx'));
  copyFileSync(join(returns, 'c-honggu.xlsx'), join(sub, 'c.xlsx'));
  await writeReturn(join(sub, 'a-q2.xlsx'), withCover(cleanReturn({ seed: 6, quarter: 2 }), { 填报单位: '城关区', 行政区划代码: '620102' }));
  const list = join(dir, 'three.txt');
  writeFileSync(list, '620102\t城关区\n安宁区（开发区）\n620111\t红古区\n');
  const r = await runCli(['status', sub, '--expect', list, '--json']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe(`fulian-returns: ${join(sub, 'a-q2.xlsx')} 的报告期为 2026Q2，与其他报表（2026Q3）不同，请核对是否报错了期\n`);
  expect((JSON.parse(r.stdout) as { period: string }).period).toBe('2026Q3');
});
