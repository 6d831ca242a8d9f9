/**
 * Shipped template versions and the template a return names (spec sections 5–7): 2026.2 beside 2026.1, chosen by a
 * return's stamp with no --template; 2026.1 returns still check and merge; an unknown version is refused on one line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from '../../src/engine/cell';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { buildFilledReturn } from '../../src/engine/testing';
import { knownTemplates, standardTemplate } from '../../src/engine/template/load';
import type { WorkbookView } from '../../src/engine/workbook';
import { readXlsx } from '../../src/xlsx';
import { rowOf, runCli, tempDir, writeReturn } from './helpers';

jest.setTimeout(120_000);

const v1 = standardTemplate();
const v2 = knownTemplates().find((t) => t.version === '2026.2')!;
let dir: string;
let cleanup: () => void;
const cli = (args: string[]) => runCli(args, { cwd: dir });
const load = async (f: string): Promise<WorkbookView> => (await readXlsx(new Uint8Array(readFileSync(join(dir, f))))).view;
type Entry = { template: { id: string; version: string }; findings: { rule: string; sheet: string; cell: string; indicator: string }[] };

function restamp(wb: MemoryWorkbook, stamp: string): MemoryWorkbook {
  wb.sheet('封面')!.set(rowOf(wb, '封面', '模板版本'), 2, { value: text(stamp) });
  return wb;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-template-versions-'));
  await writeReturn(join(dir, 'v2-a.xlsx'), buildFilledReturn(v2, { quarter: 3, seed: 51, unit: '甲县妇联' }));
  await writeReturn(join(dir, 'v2-b.xlsx'), buildFilledReturn(v2, { quarter: 3, seed: 52, unit: '乙县妇联' }));
  await writeReturn(join(dir, 'v1-a.xlsx'), buildFilledReturn(v1, { quarter: 3, seed: 53, unit: '丙县妇联' }));
  await writeReturn(join(dir, 'v1-b.xlsx'), buildFilledReturn(v1, { quarter: 3, seed: 54, unit: '丁县妇联' }));
  await writeReturn(join(dir, 'later.xlsx'), restamp(buildFilledReturn(v1, { quarter: 3, seed: 55, unit: '戊县妇联' }), 'fulian-quarterly 2099.1'));
});
afterAll(() => cleanup());

describe('template versions', () => {
  it('2026.2: A09 reads 创业担保贷款（小额担保贷款）发放金额, and the 2030 relative and qualitative targets are default rows', async () => {
    const r = await cli(['template', '--template', '2026.2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('fulian-quarterly 2026.2');
    expect(r.stdout).toMatch(/^ {2}A09\s+创业担保贷款（小额担保贷款）发放金额/m);
    const rows = Object.fromEntries(v2.twoPlan.defaultRows.map((d) => [d.code, d.finalTarget]));
    expect(rows).toMatchObject({ W01: 12, K08: 90, W05: '50%左右', K09: '比2020年降20%', W06: '逐步提高', K10: '持续下降' });
    expect(v2.twoPlan.defaultRows.filter((d) => typeof d.finalTarget === 'number')).toHaveLength(12);
  });

  it('new --template 2026.2 stamps the return; check picks 2026.2 from the stamp; the blank 基期值 of relative targets are base-missing', async () => {
    expect((await cli(['new', '--unit', '某县妇联', '--period', '2026Q3', '-o', 'new-v2.xlsx', '--template', '2026.2'])).code).toBe(0);
    const view = await load('new-v2.xlsx');
    expect(view.sheet('模板定义')).toBeUndefined(); // a shipped version is not carried: the stamp names it
    const jy = view.sheet('创业就业')!;
    expect(jy.cell(rowOf(view, '创业就业', 'A09'), 2).value).toEqual(text('创业担保贷款（小额担保贷款）发放金额'));
    const [e] = JSON.parse((await cli(['check', 'new-v2.xlsx', '--json'])).stdout) as Entry[];
    expect(e!.template).toEqual({ id: 'fulian-quarterly', version: '2026.2' });
    const tp = view.sheet('两纲监测')!;
    const baseCol = 7;
    const want = ['W06', 'K09', 'K10'].map((c) => `base-missing ${String.fromCharCode(64 + baseCol)}${rowOf(view, '两纲监测', c)}`);
    expect(e!.findings.filter((f) => f.sheet === '两纲监测' && f.rule !== 'required-missing').map((f) => `${f.rule} ${f.cell}`).sort()).toEqual(want.sort());
    expect(tp.cell(2, 13).value).toEqual(text('责任单位'));
  });

  it('a clean 2026.2 return and a clean 2026.1 return each check clean without --template', async () => {
    const r = await cli(['check', 'v2-a.xlsx', 'v1-a.xlsx', '--json']);
    const entries = JSON.parse(r.stdout) as Entry[];
    expect(entries.map((x) => x.template.version)).toEqual(['2026.2', '2026.1']);
    expect(entries.map((x) => x.findings)).toEqual([[], []]);
    expect(r.code).toBe(0);
  });

  it('merge: 2026.2 returns roll up as 2026.2, 2026.1 returns as 2026.1, a mix is refused', async () => {
    const two = await cli(['merge', 'v2-a.xlsx', 'v2-b.xlsx', '-o', 'up-v2.xlsx']);
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    const up = await load('up-v2.xlsx');
    expect(up.sheet('封面')!.cell(rowOf(up, '封面', '模板版本'), 2).value).toEqual(text('fulian-quarterly 2026.2'));
    const one = await cli(['merge', 'v1-a.xlsx', 'v1-b.xlsx', '-o', 'up-v1.xlsx']);
    expect(one.code).toBe(0);
    const mixed = await cli(['merge', 'v1-a.xlsx', 'v1-b.xlsx', 'v2-a.xlsx', '-o', 'up-mixed.xlsx']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(mixed.stderr).toContain('v2-a.xlsx（fulian-quarterly 2026.2）');
  });

  it('责任单位 and 统计年度 travel: 汇总 lists block 3 in detail with them, and the roll-up carries them', async () => {
    expect((await cli(['fill', 'v2-a.xlsx', '-o', 'v2-filled.xlsx'])).code).toBe(0);
    const view = await load('v2-filled.xlsx');
    const summary = view.sheet('汇总')!;
    // The detail's header: the second 指标代码 row (block 1 has the first).
    let header = 0;
    for (let r = summary.rowCount; r >= 1 && header === 0; r--) if (summary.cell(r, 1).value.kind === 'text' && (summary.cell(r, 1).value as { value: string }).value === '指标代码') header = r;
    expect(header).toBeGreaterThan(rowOf(view, '汇总', '指标代码'));
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => summary.cell(header, c).value)).toEqual(
      ['指标代码', '规划', '指标名称', '本期值', '终期目标', '达标状态', '责任单位', '统计年度'].map(text),
    );
    const k09 = header + 1 + v2.twoPlan.defaultRows.findIndex((d) => d.code === 'K09');
    expect(summary.cell(k09, 1).value).toEqual(text('K09'));
    expect(summary.cell(k09, 5).value).toEqual(text('比2020年降20%'));
    expect(summary.cell(k09, 7).value).toEqual(text('卫健局'));
    expect(summary.cell(k09, 7).formula).toMatch(/两纲监测'?!M\d+/);
    const up = await load('up-v2.xlsx');
    const tp = up.sheet('两纲监测')!;
    expect(tp.cell(2, 13).value).toEqual(text('责任单位'));
    expect(tp.cell(rowOf(up, '两纲监测', 'K10'), 13).value).toEqual(text('教育局'));
  });

  it('a return stamped with a version this build does not know is refused with one line naming it', async () => {
    const c = await cli(['check', 'later.xlsx']);
    expect(c.code).toBe(2);
    expect(c.stderr).toBe('fulian-returns: later.xlsx: 报表的模板版本「fulian-quarterly 2099.1」未知：请用 --template 指定该版本的模板文件\n');
    const f = await cli(['fill', 'later.xlsx', '-o', 'later-filled.xlsx']);
    expect(f.code).toBe(2);
    expect(f.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(f.stderr).toContain('fulian-quarterly 2099.1');
    const en = await cli(['check', 'later.xlsx', '--lang', 'en']);
    expect(en.stderr).toContain('unknown template version "fulian-quarterly 2099.1"');
    // A template file named with --template is the user's choice, honoured whatever the stamp says.
    writeFileSync(join(dir, 'v1.json'), JSON.stringify(v1));
    expect((await cli(['check', 'later.xlsx', '--template', 'v1.json'])).code).toBe(0);
  });
});
