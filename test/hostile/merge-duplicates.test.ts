/**
 * #13 item 9: merge refuses two returns of one unit — the same bytes (a copy, a symbolic link), the same 行政区划代码 or
 * the same 填报单位 — naming them, unless --allow-duplicates. Run as the installed command in a child process.
 */
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { text } from '../../src/engine/cell';
import { cleanReturn, compiledBin, tempDir, viewToXlsx } from '../cli/helpers';
import { expectBounded, oneLine, runBounded, snapshot } from './helpers';

jest.setTimeout(180_000);

let dir: string;
let cleanup: () => void;
let bin: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('fulian-hostile-dup-'));
  bin = compiledBin(dir);
});
afterAll(() => cleanup());

/** A clean return of `unit`, with 行政区划代码 set when given. */
async function unitReturn(unit: string, seed: number, code?: string): Promise<Uint8Array> {
  const wb: MemoryWorkbook = cleanReturn({ seed, unit });
  if (code !== undefined) {
    const cover = wb.sheet('封面')!;
    for (let r = 1; r <= cover.rowCount; r++) {
      const v = cover.cell(r, 1).value;
      if (v.kind === 'text' && v.value === '行政区划代码') cover.set(r, 2, { value: text(code) });
    }
  }
  return viewToXlsx(wb);
}

function merge(cwd: string, args: string[]): ReturnType<typeof runBounded> {
  return runBounded(bin, ['merge', ...args], { cwd, env: { FULIAN_RETURNS_JOBS: '1' } });
}

test('a copy and a symbolic link of one return are named, nothing is written', async () => {
  const d = join(dir, 'copies');
  mkdirSync(d);
  writeFileSync(join(d, 'unit-a.xlsx'), await unitReturn('甲县妇联', 1));
  writeFileSync(join(d, 'unit-b.xlsx'), await unitReturn('乙县妇联', 2));
  copyFileSync(join(d, 'unit-a.xlsx'), join(d, 'copy-of-unit-a.xlsx'));
  symlinkSync(join(d, 'unit-a.xlsx'), join(d, 'link-to-a.xlsx'));
  const before = snapshot(d);
  for (const other of ['copy-of-unit-a.xlsx', 'link-to-a.xlsx']) {
    const r = merge(d, ['unit-a.xlsx', 'unit-b.xlsx', other, '-o', 'out.xlsx']);
    expect(r.code).toBe(2);
    expectBounded(r);
    expect(oneLine(r)).toBe(
      `fulian-returns: 1 份报表与另一份属同一单位，未汇总（确属不同单位请加 --allow-duplicates）：${other} 与 unit-a.xlsx内容完全相同`,
    );
    expect(snapshot(d)).toEqual(before);
  }
  expect(existsSync(join(d, 'out.xlsx'))).toBe(false);
});

test('the same 行政区划代码 under two names, and one 填报单位 written two ways, are named', async () => {
  const d = join(dir, 'same-unit');
  mkdirSync(d);
  writeFileSync(join(d, 'a.xlsx'), await unitReturn('城关区妇联', 1, '620102'));
  writeFileSync(join(d, 'b.xlsx'), await unitReturn('城关区妇女联合会', 2, '620102'));
  writeFileSync(join(d, 'c.xlsx'), await unitReturn('七里河区妇联', 3, '620103'));
  writeFileSync(join(d, 'd.xlsx'), await unitReturn('七里河区 妇联', 4, '620104'));
  const before = snapshot(d);
  const r = merge(d, ['a.xlsx', 'b.xlsx', 'c.xlsx', 'd.xlsx', '-o', 'out.xlsx', '--lang', 'en']);
  expect(r.code).toBe(2);
  expectBounded(r);
  expect(oneLine(r)).toBe(
    'fulian-returns: 2 return(s) are of a unit already given; nothing merged (add --allow-duplicates if they are distinct units): ' +
      'b.xlsx repeats a.xlsx (same 行政区划代码 620102); d.xlsx repeats c.xlsx (same 填报单位 七里河区 妇联)',
  );
  expect(snapshot(d)).toEqual(before);
});

test('a folder of three units eighteen times over is refused in one line; --allow-duplicates merges and says so', async () => {
  const d = join(dir, 'folder');
  mkdirSync(join(d, 'in'), { recursive: true });
  const units = [await unitReturn('甲县妇联', 1), await unitReturn('乙县妇联', 2), await unitReturn('丙县妇联', 3)];
  for (let i = 0; i < 18; i++) writeFileSync(join(d, 'in', `r${String(i).padStart(2, '0')}.xlsx`), units[i % 3]!);
  const before = snapshot(join(d, 'in'));
  const r = merge(d, ['in', '-o', 'out.xlsx']);
  expect(r.code).toBe(2);
  expectBounded(r, { ms: 60_000 });
  const line = oneLine(r);
  expect(line).toMatch(/^fulian-returns: 15 份报表与另一份属同一单位，未汇总/);
  expect(line).toContain('in/r03.xlsx 与 in/r00.xlsx内容完全相同');
  expect(line).toMatch(/…（\+5）$/);
  expect(snapshot(join(d, 'in'))).toEqual(before);
  expect(existsSync(join(d, 'out.xlsx'))).toBe(false);

  const ok = merge(d, ['in', '-o', 'out.xlsx', '--allow-duplicates']);
  expect([ok.code, ok.stderr]).toEqual([0, '']);
  expectBounded(ok, { ms: 60_000 });
  expect(ok.stdout).toMatch(/^已汇总 18 份报表 → out\.xlsx/);
  expect(ok.stdout).toContain('其中 15 份与另一份属同一单位，已按 --allow-duplicates 照常计入');
});
