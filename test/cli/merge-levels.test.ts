/**
 * 逐级汇总 (spec section 6): six county returns → two city roll-ups (cover options given) → one province roll-up.
 * Every level checks with no error; the province's typed cells are the sums over the six counties (hand-fixed cells
 * below, the rest summed here in whole cents); the province's 各单位 lists both cities and, under each, its three
 * counties with 上级单位; and no numeric cell of any output is a decimal's binary artefact (openpyxl reads them).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { num, type CellValue } from '../../src/engine/cell';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { standardTemplate } from '../../src/engine/template/load';
import type { WorkbookView } from '../../src/engine/workbook';
import { readXlsx } from '../../src/xlsx';
import { cleanReturn, colOf, rowOf, runCli, tempDir, writeReturn } from './helpers';

const tpl = standardTemplate();
const COUNTIES = ['安定区妇联', '通渭县妇联', '陇西县妇联', '渭源县妇联', '临洮县妇联', '漳县妇联'];
const FILES = ['c1.xlsx', 'c2.xlsx', 'c3.xlsx', 'c4.xlsx', 'c5.xlsx', 'c6.xlsx'];
const TYPED = ['年计划', '第一季度', '第二季度', '第三季度', '第四季度'] as const;

/** Cells typed by hand in each county (one value per county), and their province totals added up by hand. */
const HAND: readonly { sheet: string; code: string; column: (typeof TYPED)[number]; values: number[]; total: number }[] = [
  { sheet: '创业就业', code: 'A09', column: '第一季度', values: [100.1, 56.78, 0.1, 0.2, 100.05, 3.3], total: 260.53 },
  { sheet: '创业就业', code: 'A11', column: '第一季度', values: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06], total: 0.21 },
  { sheet: '关爱救助', code: 'C14', column: '第三季度', values: [0.01, 0.02, 1.1, 2.2, 3.3, 340.31], total: 346.94 },
  { sheet: '创业就业', code: 'A01', column: '第二季度', values: [1262, 905, 3000, 17, 250, 888], total: 6322 },
  { sheet: '创业就业', code: 'A02', column: '第二季度', values: [10, 10, 10, 10, 10, 10], total: 60 },
  { sheet: '创业就业', code: 'A14', column: '第三季度', values: [5, 6, 7, 8, 9, 10], total: 45 },
];

let dir: string;
let cleanup: () => void;
const counties: MemoryWorkbook[] = [];
const cityOptions = (unit: string): string[] => ['--unit', unit, '--preparer', '张敏', '--reviewer', '李华', '--phone', '0932-8212345', '--date', '2026-10-12'];

const set = (wb: MemoryWorkbook, sheet: string, code: string, column: string, v: CellValue): void =>
  void wb.sheet(sheet)!.set(rowOf(wb, sheet, code), colOf(wb, sheet, column), { value: v });

async function load(name: string): Promise<WorkbookView> {
  return (await readXlsx(new Uint8Array(readFileSync(join(dir, name))))).view;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-levels-'));
  for (const [i, unit] of COUNTIES.entries()) {
    const wb = cleanReturn({ seed: 31 + i, unit });
    for (const h of HAND) set(wb, h.sheet, h.code, h.column, num(h.values[i]!));
    counties.push(wb);
  }
  // The first county's 小额担保贷款 over the year: 100.1 + 200.2 + 46.64 = 346.94 (in binary, 346.93999999999994),
  // its parts kept below it.
  set(counties[0]!, '创业就业', 'A09', '第二季度', num(200.2));
  set(counties[0]!, '创业就业', 'A09', '第三季度', num(46.64));
  set(counties[0]!, '创业就业', 'A11', '第二季度', num(0.5));
  set(counties[0]!, '创业就业', 'A11', '第三季度', num(0.5));
  for (const [i, wb] of counties.entries()) await writeReturn(join(dir, FILES[i]!), wb);

  const city1 = await runCli(['merge', 'c1.xlsx', 'c2.xlsx', 'c3.xlsx', '-o', 'city1.xlsx', ...cityOptions('定西市东片妇联')], { cwd: dir });
  const city2 = await runCli(['merge', 'c4.xlsx', 'c5.xlsx', 'c6.xlsx', '-o', 'city2.xlsx', ...cityOptions('定西市西片妇联')], { cwd: dir });
  const province = await runCli(['merge', 'city1.xlsx', 'city2.xlsx', '-o', 'province.xlsx', ...cityOptions('甘肃省妇联')], { cwd: dir });
  for (const r of [city1, city2, province]) {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
  // With every cover option given, nothing is said to be lacking.
  expect(province.stdout).toBe('已汇总 2 份报表 → province.xlsx：甘肃省妇联，2026Q3\n');
}, 180_000);

afterAll(() => cleanup());

describe('six counties → two cities → one province', () => {
  it('every level checks with no error', async () => {
    const r = await runCli(['check', ...FILES, 'city1.xlsx', 'city2.xlsx', 'province.xlsx', '--json'], { cwd: dir });
    const results = JSON.parse(r.stdout) as { file: string; counts: { error: number }; findings: { rule: string; severity: string; cell: string }[] }[];
    expect(results.map((x) => [x.file, x.counts.error, x.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.cell}`)])).toEqual(
      [...FILES, 'city1.xlsx', 'city2.xlsx', 'province.xlsx'].map((f) => [f, 0, []]),
    );
    expect(r.code).toBe(0);
  });

  it('the roll-ups carry the cover the options gave (填报日期 as a date)', async () => {
    const view = await load('province.xlsx');
    const cover = view.sheet(tpl.sheets.cover)!;
    const at = (label: string) => cover.cell(rowOf(view, tpl.sheets.cover, label), 2);
    expect(['填报单位', '填报人', '审核人', '联系电话'].map((l) => at(l).value)).toEqual(
      ['甘肃省妇联', '张敏', '李华', '0932-8212345'].map((value) => ({ kind: 'text', value })),
    );
    // 2026-10-12 is serial 46307 in Excel's 1900 system.
    expect(at('填报日期').value).toEqual({ kind: 'date', serial: 46307 });
    expect(at('填报日期').numberFormat).toMatch(/y/);
  });

  it("the province's typed cells are the sums over the six counties", async () => {
    const province = await load('province.xlsx');
    const cellOf = (v: WorkbookView, sheet: string, code: string, column: string) => v.sheet(sheet)!.cell(rowOf(v, sheet, code), colOf(v, sheet, column)).value;
    for (const h of HAND) expect([h.code, h.column, cellOf(province, h.sheet, h.code, h.column)]).toEqual([h.code, h.column, num(h.total)]);
    let compared = 0;
    for (const ind of tpl.indicators) {
      if (ind.kind === 'rate') continue;
      for (const column of TYPED) {
        // Whole cents: every typed value here has at most two decimals.
        let cents = 0;
        let any = false;
        for (const c of counties) {
          const v = cellOf(c, ind.sheet, ind.code, column);
          if (v.kind === 'number') (cents += Math.round(v.value * 100)), (any = true);
        }
        const got = cellOf(province, ind.sheet, ind.code, column);
        expect([ind.code, column, got]).toEqual([ind.code, column, any ? num(cents / 100) : { kind: 'blank' }]);
        compared++;
      }
    }
    expect(compared).toBe(tpl.indicators.filter((i) => i.kind !== 'rate').length * TYPED.length);
  });

  it("the province's 各单位 lists both cities and, under each, its three counties with 上级单位", async () => {
    const view = await load('province.xlsx');
    const s = view.sheet('各单位')!;
    const header = [...Array(s.colCount).keys()].map((c) => s.cell(2, c + 1).value);
    const col = (label: string): number => header.findIndex((v) => v.kind === 'text' && v.value === label) + 1;
    expect(header.at(-1)).toEqual({ kind: 'text', value: '上级单位' });
    const text = (r: number, c: number): string => {
      const v = s.cell(r, c).value;
      return v.kind === 'text' ? v.value : '';
    };
    const rows = [...Array(s.rowCount - 2).keys()].map((i) => [text(3 + i, col('填报单位')), text(3 + i, col('文件')), text(3 + i, col('上级单位'))]);
    expect(rows).toEqual([
      ['定西市东片妇联', 'city1.xlsx', ''],
      ['安定区妇联', 'c1.xlsx', '定西市东片妇联'],
      ['通渭县妇联', 'c2.xlsx', '定西市东片妇联'],
      ['陇西县妇联', 'c3.xlsx', '定西市东片妇联'],
      ['定西市西片妇联', 'city2.xlsx', ''],
      ['渭源县妇联', 'c4.xlsx', '定西市西片妇联'],
      ['临洮县妇联', 'c5.xlsx', '定西市西片妇联'],
      ['漳县妇联', 'c6.xlsx', '定西市西片妇联'],
    ]);
    // The first county's A09 累计 as its city listed it, carried up unchanged: 100.1 + 200.2 + 46.64.
    const a09 = header.findIndex((v) => v.kind === 'text' && v.value.startsWith('A09 ')) + 1;
    expect(s.cell(4, a09).value).toEqual(num(346.94));
  });

  it('填报日期 defaults to the day of the merge; an unusable --phone or --date exits 2 with one line', async () => {
    const r = await runCli(['merge', 'c1.xlsx', 'c2.xlsx', '-o', 'today.xlsx', '--unit', '定西市妇联'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('汇总报表封面尚缺：填报人、审核人、联系电话（');
    const now = new Date();
    const serial = (Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const view = await load('today.xlsx');
    expect(view.sheet(tpl.sheets.cover)!.cell(rowOf(view, tpl.sheets.cover, '填报日期'), 2).value).toEqual({ kind: 'date', serial });
    const phone = await runCli(['merge', 'c1.xlsx', 'c2.xlsx', '-o', 'x.xlsx', '--phone', '12345'], { cwd: dir });
    expect([phone.code, phone.stderr.split('\n')[0]]).toEqual([2, 'fulian-returns: --phone「12345」不是有效的手机或座机号码（运行 fulian-returns merge --help 查看用法）']);
    const date = await runCli(['merge', 'c1.xlsx', 'c2.xlsx', '-o', 'x.xlsx', '--date', '下周一'], { cwd: dir });
    expect([date.code, date.stderr.split('\n')[0]]).toEqual([2, 'fulian-returns: --date「下周一」不是日期（如 2026-10-08 或 2026年10月8日）（运行 fulian-returns merge --help 查看用法）']);
  });

  it('no numeric cell of any output is a binary artefact of a decimal (openpyxl reads every cell)', () => {
    const script = `
import json, sys, openpyxl
def sig(s):
    s = s.lower().lstrip('-')
    mant = s.split('e')[0].replace('.', '').lstrip('0').rstrip('0')
    return len(mant)
out = []
for path in sys.argv[1:]:
    for data_only in (True, False):
        wb = openpyxl.load_workbook(path, data_only=data_only)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    v = c.value
                    if isinstance(v, bool) or not isinstance(v, (int, float)):
                        continue
                    if sig(repr(float(v))) <= 10:
                        continue
                    # More than 10 significant digits: only a true ratio (a percent cell) may, and never one that
                    # is a short decimal in Excel's 15 digits (346.94000000000005).
                    if '%' not in (c.number_format or '') or sig('%.15g' % v) <= 10:
                        out.append('%s %s!%s %r %s' % (path.split('/')[-1], ws.title, c.coordinate, v, c.number_format))
print(json.dumps(out))
`;
    const files = ['city1.xlsx', 'city2.xlsx', 'province.xlsx'].map((f) => join(dir, f));
    const found = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' })) as string[];
    expect(found).toEqual([]);
  });
});
