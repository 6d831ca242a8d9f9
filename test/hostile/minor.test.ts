/**
 * #13's minor items, each on a small file built here and run as the installed command in a child process: exit code,
 * the one line, inputs unchanged, time and peak memory. (Temp files of killed processes: output.test.ts; a mode-555
 * folder: output.test.ts; damaged XML naming the part: patcher.test.ts.)
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { num, text, type CellValue } from '../../src/engine/cell';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { cleanReturn, colOf, compiledBin, rowOf, tempDir, viewToXlsx } from '../cli/helpers';
import { readWithOpenpyxl } from '../fixtures/openpyxl';
import { expectBounded, oneLine, runBounded, snapshot } from './helpers';
import { editParts } from './packages';

jest.setTimeout(120_000);

let root: string;
let cleanup: () => void;
let bin: string;
beforeAll(() => {
  ({ dir: root, cleanup } = tempDir('fulian-hostile-minor-'));
  bin = compiledBin(root);
});
afterAll(() => cleanup());

let n = 0;
function folder(): string {
  const d = join(root, `m${n++}`);
  mkdirSync(d);
  return d;
}

function withUnit(unit: string, seed: number): MemoryWorkbook {
  return cleanReturn({ seed, unit });
}

function setCell(wb: MemoryWorkbook, sheet: string, code: string, column: string, v: CellValue): void {
  wb.sheet(sheet)!.set(rowOf(wb, sheet, code), colOf(wb, sheet, column), { value: v });
}

const run = (d: string, args: string[]): ReturnType<typeof runBounded> => runBounded(bin, args, { cwd: d, env: { FULIAN_RETURNS_JOBS: '1' } });

test('a unit of 32,767 characters: merge writes a cover cell of at most 32,767 (Excel’s limit), not 32,769', async () => {
  const d = folder();
  const long = '妇'.repeat(32_767);
  writeFileSync(join(d, 'a.xlsx'), await viewToXlsx(withUnit(long, 1)));
  writeFileSync(join(d, 'b.xlsx'), await viewToXlsx(withUnit('乙县妇联', 2)));
  const before = snapshot(d);
  const r = run(d, ['merge', 'a.xlsx', 'b.xlsx', '-o', 'out.xlsx']);
  expect(r.code).toBe(0);
  expectBounded(r);
  const { [join(d, 'out.xlsx')]: read } = readWithOpenpyxl([join(d, 'out.xlsx')]);
  if (!read?.ok) throw new Error(read?.error);
  const lengths = Object.values(read.sheets).flatMap((cells) => Object.values(cells).map((v) => String(v).length));
  expect(Math.max(...lengths)).toBe(32_767);
  const after = snapshot(d);
  expect([after['a.xlsx'], after['b.xlsx']]).toEqual([before['a.xlsx'], before['b.xlsx']]);
});

test('two returns of 1e308 do not merge into #NUM! with exit 0: exit 2 naming the cell, nothing written', async () => {
  const d = folder();
  for (const [f, unit, seed] of [['a.xlsx', '甲县妇联', 1], ['b.xlsx', '乙县妇联', 2]] as const) {
    const wb = withUnit(unit, seed);
    setCell(wb, '创业就业', 'A01', '第三季度', num(1e308));
    writeFileSync(join(d, f), await viewToXlsx(wb));
  }
  const before = snapshot(d);
  const r = run(d, ['merge', 'a.xlsx', 'b.xlsx', '-o', 'out.xlsx']);
  expect(r.code).toBe(2);
  expectBounded(r);
  expect(oneLine(r)).toMatch(/^fulian-returns: 汇总后 创业就业!G\d+ 超出 Excel 能表示的数值范围/);
  expect(snapshot(d)).toEqual(before);
});

test('typed 120% in a rate row is rate-out-of-range as well as rate-mismatch', async () => {
  const d = folder();
  const wb = withUnit('甲县妇联', 3);
  setCell(wb, '创业就业', 'A08', '第三季度', text('120%'));
  writeFileSync(join(d, 'a.xlsx'), await viewToXlsx(wb));
  const before = snapshot(d);
  const r = run(d, ['check', 'a.xlsx', '--json']);
  expect(r.code).toBe(1);
  expectBounded(r);
  const cell = `G${rowOf(wb, '创业就业', 'A08')}`;
  const rules = (JSON.parse(r.stdout) as { findings: { rule: string; cell: string }[] }[])[0]!.findings.filter((f) => f.cell === cell).map((f) => f.rule);
  expect(rules).toEqual(expect.arrayContaining(['rate-mismatch', 'rate-out-of-range']));
  expect(snapshot(d)).toEqual(before);
});

test('summary --format md escapes the unit: no raw <script>, no heading of its own', async () => {
  const d = folder();
  writeFileSync(join(d, 'a.xlsx'), await viewToXlsx(withUnit('<script>alert(1)</script>\n# 伪标题 *粗*', 4)));
  const r = run(d, ['summary', 'a.xlsx', '--format', 'md']);
  expect([r.code, r.stderr]).toEqual([0, '']);
  expectBounded(r);
  expect(r.stdout).not.toMatch(/<script>/);
  expect(r.stdout).toContain('\\<script\\>alert(1)\\</script\\> \\# 伪标题 \\*粗\\*');
  expect(r.stdout.split('\n').filter((l) => l.startsWith('#')).every((l) => !l.includes('伪标题') || l.includes('\\# 伪标题'))).toBe(true);
});

test('a newline in a unit forges no ✔ line; ESC and CR in file names reach the terminal as escapes', async () => {
  const d = folder();
  const evil = 'evil\u001b[2J\r.xlsx';
  writeFileSync(join(d, evil), await viewToXlsx(withUnit('甲县\n✔ 未发现问题（9 个文件）', 5)));
  writeFileSync(join(d, 'bad\u001b]0;title\u0007.xlsx'), 'not a zip');
  const before = snapshot(d);
  const r = run(d, ['check', '.']);
  expect(r.code).toBe(2);
  expectBounded(r);
  for (const s of [r.stdout, r.stderr]) expect(s).not.toMatch(/[\u001b\r\u0007]/);
  expect(r.stdout.split('\n').filter((l) => l.startsWith('✔'))).toHaveLength(1);
  expect(r.stdout).toContain('evil\\x1b[2J\\r.xlsx');
  expect(r.stdout).toContain('甲县\\n✔ 未发现问题（9 个文件）');
  expect(oneLine(r)).toContain('bad\\x1b]0;title\\x07.xlsx');
  expect(snapshot(d)).toEqual(before);
});

test('the review chart keeps emoji whole and isolates a right-to-left override', async () => {
  const d = folder();
  mkdirSync(join(d, 'in'));
  const family = '👩‍👩‍👧‍👧';
  writeFileSync(join(d, 'in', 'a.xlsx'), await viewToXlsx(withUnit(family.repeat(14), 6)));
  writeFileSync(join(d, 'in', 'b.xlsx'), await viewToXlsx(withUnit('\u202e联妇县乙', 7)));
  const before = snapshot(join(d, 'in'));
  const r = run(d, ['check', 'in', '--report', 'report.html']);
  expect(r.code).toBe(0);
  expectBounded(r);
  const svg = /<svg[\s\S]*?<\/svg>/.exec(readFileSync(join(d, 'report.html'), 'utf8'))![0];
  expect(svg).not.toMatch(/\u202e/);
  expect(svg).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  const labels = [...svg.matchAll(/<text class="unit"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  expect(labels).toHaveLength(2);
  for (const l of labels) expect([l.startsWith('\u2068'), l.endsWith('\u2069')]).toEqual([true, true]);
  const cut = labels.find((l) => l.includes('👩'))!.slice(1, -1);
  expect(cut).toBe(`${family.repeat(11)}…`);
  expect(labels).toContain('\u2068联妇县乙\u2069');
  expect(snapshot(join(d, 'in'))).toEqual(before);
});

test('a UTF-16 workbook.xml is read as what it is (not "the file is empty"), and fill writes a package openpyxl opens', async () => {
  const d = folder();
  const bytes = editParts(await viewToXlsx(withUnit('甲县妇联', 8)), (f) => {
    const xml = strFromU8(f['xl/workbook.xml']!).replace(/encoding="UTF-8"/i, 'encoding="UTF-16"');
    f['xl/workbook.xml'] = new Uint8Array(Buffer.from(`\ufeff${xml}`, 'utf16le'));
  });
  writeFileSync(join(d, 'a.xlsx'), bytes);
  const before = snapshot(d);
  const c = run(d, ['check', 'a.xlsx']);
  expect([c.code, c.stderr]).toEqual([0, '']);
  expectBounded(c);
  expect(c.stdout).toMatch(/✔ 未发现问题（1 个文件）/);
  const f = run(d, ['fill', 'a.xlsx', '-o', 'out.xlsx']);
  expect([f.code, f.stderr]).toEqual([0, '']);
  expectBounded(f);
  const read = readWithOpenpyxl([join(d, 'out.xlsx')])[join(d, 'out.xlsx')]!;
  if (!read.ok) throw new Error(read.error);
  expect(Object.keys(read.sheets)).toContain('汇总');
  expect(snapshot(d)['a.xlsx']).toBe(before['a.xlsx']);
  expect(existsSync(join(d, 'out.xlsx'))).toBe(true);
});
