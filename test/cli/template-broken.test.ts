/**
 * `template build` on broken template workbooks (spec section 8): each mistake is one line naming its sheet and cell,
 * exit 2, nothing written. The broken workbooks are made by openpyxl from `template workbook`'s output, as a
 * federation's Excel edit would leave them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers';

jest.setTimeout(120_000);

const PYTHON = '/usr/bin/python3';

/** name → [sheet, A1 cell, value]: one mistake each; the cell it must be reported at is worked out by hand. */
const BROKEN: Record<string, { sheet: string; cell: string; value: string; says: RegExp }> = {
  'unknown-kind': { sheet: '指标', cell: 'E6', value: '流星', says: /类型「流星」/ }, // A05 (A01 is row 2)
  'relation-to-missing-code': { sheet: '指标', cell: 'H3', value: '属于 A99（≤）', says: /A99/ }, // A02
  'duplicate-code': { sheet: '指标', cell: 'A4', value: 'A01', says: /A01 重复/ }, // A03's code typed as A01
  'blank-name': { sheet: '指标', cell: 'C5', value: '', says: /指标名称/ }, // A04
  'bad-severity': { sheet: '检查规则', cell: 'B2', value: '严重', says: /级别「严重」/ },
  'bad-yes-no': { sheet: '指标', cell: 'F2', value: '有', says: /年计划「有」/ },
  'unknown-data-sheet': { sheet: '指标', cell: 'B7', value: '创业', says: /工作表「创业」/ }, // A06
  'unreadable-relation': { sheet: '指标', cell: 'H5', value: '= A05 加 A06', says: /关系「= A05 加 A06」/ }, // A04
  'unknown-field-type': { sheet: '封面字段', cell: 'C2', value: '文字', says: /类型「文字」/ },
  'rate-without-ratio': { sheet: '指标', cell: 'H9', value: '', says: /分子 ÷ 分母/ }, // A08, a rate
  'duplicate-two-plan-code': { sheet: '两纲默认指标', cell: 'A3', value: 'W01', says: /W01 重复/ },
  'baseline-not-a-number': { sheet: '两纲默认指标', cell: 'G2', value: '约10', says: /基期值「约10」/ },
};

const BREAK = String.raw`
import sys, json, openpyxl
src, outdir, cases = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
for name, c in cases.items():
    wb = openpyxl.load_workbook(src)
    wb[c['sheet']][c['cell']] = c['value'] if c['value'] != '' else None
    wb.save(f"{outdir}/{name}.xlsx")
`;

let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-template-broken-'));
  expect((await runCli(['template', 'workbook', '-o', 'ok.xlsx'], { cwd: dir })).code).toBe(0);
  execFileSync(PYTHON, ['-c', BREAK, join(dir, 'ok.xlsx'), dir, JSON.stringify(BROKEN)]);
});
afterAll(() => cleanup());

describe('template build on a broken workbook', () => {
  it.each(Object.entries(BROKEN))('%s: one line at its sheet and cell, exit 2, nothing written', async (name, c) => {
    const r = await runCli(['template', 'build', `${name}.xlsx`, '-o', `${name}.json`], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${name}.xlsx: ${c.sheet}!${c.cell}  `);
    expect(lines[0]).toMatch(c.says);
    expect(existsSync(join(dir, `${name}.json`))).toBe(false);
  });

  it('a workbook missing a part names the sheet', async () => {
    execFileSync(PYTHON, ['-c', `import openpyxl,sys;wb=openpyxl.load_workbook(sys.argv[1]);del wb['检查规则'];wb.save(sys.argv[2])`, join(dir, 'ok.xlsx'), join(dir, 'no-rules.xlsx')]);
    const r = await runCli(['template', 'build', 'no-rules.xlsx', '-o', 'no-rules.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('fulian-returns: no-rules.xlsx: 检查规则  缺少工作表「检查规则」\n');
  });

  it('a relation Excel turned into a formula (typed = A05 + A06) still reads as the relation', async () => {
    execFileSync(PYTHON, ['-c', `import openpyxl,sys;wb=openpyxl.load_workbook(sys.argv[1]);wb['指标']['H5']='=A05+A06';wb.save(sys.argv[2])`, join(dir, 'ok.xlsx'), join(dir, 'formula.xlsx')]);
    const r = await runCli(['template', 'build', 'formula.xlsx', '-o', 'formula.json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const t = JSON.parse(readFileSync(join(dir, 'formula.json'), 'utf8')) as { indicators: { code: string; sumOf?: string[] }[] };
    expect(t.indicators.find((i) => i.code === 'A04')!.sumOf).toEqual(['A05', 'A06']);
  });

  it('several mistakes: one line each', async () => {
    execFileSync(PYTHON, ['-c', `import openpyxl,sys;wb=openpyxl.load_workbook(sys.argv[1]);ws=wb['指标'];ws['E6']='流星';ws['F2']='有';wb.save(sys.argv[2])`, join(dir, 'ok.xlsx'), join(dir, 'two.xlsx')]);
    const r = await runCli(['template', 'build', 'two.xlsx', '-o', 'two.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n').map((l) => l.split('  ')[0])).toEqual(['fulian-returns: two.xlsx: 指标!F2', 'fulian-returns: two.xlsx: 指标!E6']);
  });
});
