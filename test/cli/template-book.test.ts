/**
 * Templates a federation makes (spec section 8) and the template a return carries (section 7), end to end:
 * `template workbook` → edited by an independent writer (openpyxl) → `template build` → `new --template` → typed by
 * openpyxl → `fill` → recalculated by LibreOffice, whose figures must be the engine's. Round trips give back the
 * standard templates; a two-plan sheet of every target form recalculates to the statuses worked out by hand.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReturn } from '../../src/engine/check';
import type { CellValue } from '../../src/engine/cell';
import { planFill } from '../../src/engine/fill';
import { buildFilledReturn } from '../../src/engine/testing';
import { knownTemplates, parseTemplateJson, standardTemplate } from '../../src/engine/template/load';
import type { Template } from '../../src/engine/template/schema';
import type { SheetView, WorkbookView } from '../../src/engine/workbook';
import { patchXlsx, readXlsx, writeNewXlsx } from '../../src/xlsx';
import { TARGET_CASES, writeTargetCases } from '../fixtures/two-plan-targets';
import { recalcInLibreOffice } from '../libreoffice/soffice';
import { runCli, tempDir } from './helpers';

jest.setTimeout(240_000);

const PYTHON = '/usr/bin/python3';
const tpl = standardTemplate();
let dir: string;
let cleanup: () => void;
const at = (f: string) => join(dir, f);
const cli = (args: string[]) => runCli(args, { cwd: dir });
const load = async (f: string): Promise<WorkbookView> => (await readXlsx(new Uint8Array(readFileSync(at(f))))).view;

function rowOfCode(s: SheetView, code: string): number {
  for (let r = 1; r <= s.rowCount; r++) {
    const v = s.cell(r, 1).value;
    if (v.kind === 'text' && v.value.trim() === code) return r;
  }
  throw new Error(`no row ${code} in ${s.name}`);
}

const numberAt = (s: SheetView, row: number, col: number): number => {
  const v = s.cell(row, col).value;
  if (v.kind !== 'number') throw new Error(`${s.name} R${row}C${col} holds ${JSON.stringify(v)}, not a number`);
  return v.value;
};

/** openpyxl edits the template workbook as a federation would in Excel. */
const EDIT = String.raw`
import sys, openpyxl
src, out = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src)
ind = wb['指标']
head = [c.value for c in ind[1]]
col = {h: i for i, h in enumerate(head)}
for row in ind.iter_rows(min_row=2):
    if row[col['指标代码']].value == 'A13':
        row[col['计量单位']].value = '万元'          # renames a unit
# A16: a flow with a plan, a part of A15 that may not exceed it (a relation added); inserted after A15.
pos = next(r[0].row for r in ind.iter_rows(min_row=2) if r[col['指标代码']].value == 'A15') + 1
ind.insert_rows(pos)
for h, v in {'指标代码': 'A16', '所在工作表': '创业就业', '指标名称': '其中：电商带动就业人数', '计量单位': '人',
             '类型': '流量', '年计划': '是', '整数': '是', '关系': '属于 A15（≤）'}.items():
    ind.cell(row=pos, column=col[h] + 1, value=v)
st = wb['其他设置']
for row in st.iter_rows(min_row=2):
    if row[0].value == 'id': row[1].value = 'linxia-quarterly'
    if row[0].value == 'version': row[1].value = '2026.5'
wb.save(out)
`;

/** openpyxl types a return's values into the blank return `new` made (cells as {sheet: [[A1, value, format]]}). */
const TYPE = String.raw`
import sys, json, openpyxl
src, values, out = sys.argv[1], sys.argv[2], sys.argv[3]
wb = openpyxl.load_workbook(src)
for sheet, cells in json.load(open(values, encoding='utf-8')).items():
    ws = wb[sheet]
    for ref, v, fmt in cells:
        ws[ref] = v
        if fmt: ws[ref].number_format = fmt
wb.save(out)
`;

/** The typed cells of a clean return of `template` (what a user types: cover values, 年计划, quarters, 本期值). */
function typedValues(template: Template): Record<string, [string, number | string, string | null][]> {
  const wb = buildFilledReturn(template, { quarter: 3, seed: 41, unit: '临夏县妇联' });
  const out: Record<string, [string, number | string, string | null][]> = {};
  const put = (sheet: string, ref: string, v: CellValue, fmt?: string) => {
    if (v.kind !== 'number' && v.kind !== 'text') return;
    (out[sheet] ??= []).push([ref, v.value, fmt ?? null]);
  };
  const cover = wb.sheet(template.sheets.cover)!;
  for (let r = 2; r <= cover.rowCount; r++) {
    const label = cover.cell(r, 1).value;
    if (label.kind !== 'text' || label.value === '模板版本') continue;
    const v = cover.cell(r, 2).value;
    if (v.kind === 'date') put(template.sheets.cover, `B${r}`, { kind: 'text', value: '2026-10-08' });
    else put(template.sheets.cover, `B${r}`, v);
  }
  for (const ds of template.sheets.data) {
    const s = wb.sheet(ds.name)!;
    for (let r = 3; r <= s.rowCount; r++) {
      for (const c of [4, 5, 6, 7]) {
        const cell = s.cell(r, c);
        put(ds.name, `${'ABCDEFGH'[c - 1]}${r}`, cell.value, cell.numberFormat);
      }
    }
  }
  const tp = wb.sheet(template.sheets.twoPlan)!;
  for (let r = 3; r <= tp.rowCount; r++) put(template.sheets.twoPlan, `J${r}`, tp.cell(r, 10).value);
  return out;
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir('fulian-template-book-'));
});
afterAll(() => cleanup());

describe('template workbook and template build', () => {
  it('round trip: workbook then build gives back each shipped template, deep-equal', async () => {
    for (const t of knownTemplates()) {
      const book = `rt-${t.version}.xlsx`;
      const json = `rt-${t.version}.json`;
      expect((await cli(['template', 'workbook', '-o', book, '--template', t.version])).code).toBe(0);
      const built = await cli(['template', 'build', book, '-o', json]);
      expect(built.stderr).toBe('');
      expect(built.code).toBe(0);
      expect(JSON.parse(readFileSync(at(json), 'utf8'))).toEqual(JSON.parse(JSON.stringify(t)));
    }
  });

  it('the workbook speaks Chinese: one sheet per part, 说明 first, list validations for kinds and yes/no columns', async () => {
    const read = JSON.parse(
      execFileSync(
        PYTHON,
        [
          '-c',
          String.raw`
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {'sheets': wb.sheetnames, 'lists': {}, 'headers': {}}
for ws in wb.worksheets:
    out['headers'][ws.title] = [c.value for c in ws[1]]
    out['lists'][ws.title] = sorted([dv.sqref.ranges[0].coord.split(':')[0][0] + ':' + dv.formula1 for dv in ws.data_validations.dataValidation])
print(json.dumps(out, ensure_ascii=False))
`,
          at('rt-2026.1.xlsx'),
        ],
        { encoding: 'utf8' },
      ),
    ) as { sheets: string[]; lists: Record<string, string[]>; headers: Record<string, string[]> };
    expect(read.sheets).toEqual(['说明', '工作表', '封面字段', '指标', '两纲默认指标', '检查规则', '其他设置']);
    expect(read.headers['指标']).toEqual(['指标代码', '所在工作表', '指标名称', '计量单位', '类型', '年计划', '整数', '关系']);
    expect(read.lists['指标']).toEqual(expect.arrayContaining(['E:"流量,存量,比率"', 'F:"是,否"', 'G:"是,否"']));
    expect(read.lists['检查规则']).toEqual(['B:"错误,警告,提示"']);
    // Relations as the template command prints them.
    const rel = execFileSync(PYTHON, ['-c', `import openpyxl,sys;ws=openpyxl.load_workbook(sys.argv[1])['指标'];print('|'.join(str(r[7].value) for r in ws.iter_rows(min_row=2) if r[0].value in ('A02','A04','A08')))`, at('rt-2026.1.xlsx')], { encoding: 'utf8' });
    expect(rel.trim()).toBe('属于 A01（≤）|= A05 + A06|A07 ÷ A04');
  });

  it('a federation edits it in another writer; its return carries the template and LibreOffice agrees with the engine', async () => {
    execFileSync(PYTHON, ['-c', EDIT, at('rt-2026.1.xlsx'), at('linxia.xlsx')]);
    const built = await cli(['template', 'build', 'linxia.xlsx', '-o', 'linxia.json']);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const parsed = parseTemplateJson(readFileSync(at('linxia.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const fed = parsed.template;
    expect([fed.id, fed.version]).toEqual(['linxia-quarterly', '2026.5']);
    expect(fed.indicators.find((i) => i.code === 'A16')).toEqual({
      code: 'A16', sheet: '创业就业', name: '其中：电商带动就业人数', unit: '人', kind: 'flow', plan: true, integer: true,
      partOf: { total: 'A15', mayNotExceed: true },
    });
    expect(fed.indicators.find((i) => i.code === 'A13')!.unit).toBe('万元');
    expect(fed.indicators.map((i) => i.code).indexOf('A16')).toBe(fed.indicators.map((i) => i.code).indexOf('A15') + 1);

    // new --template: the return carries the template; check needs no --template to know A16.
    expect((await cli(['new', '--unit', '临夏县妇联', '--period', '2026Q3', '-o', 'fed-new.xlsx', '--template', 'linxia.json'])).code).toBe(0);
    const blank = JSON.parse((await cli(['check', 'fed-new.xlsx', '--json'])).stdout) as { template: unknown; findings: { rule: string; cell: string; indicator: string }[] }[];
    expect(blank[0]!.template).toEqual({ id: 'linxia-quarterly', version: '2026.5' });
    const a16 = blank[0]!.findings.filter((f) => f.indicator === 'A16').map((f) => `${f.rule} ${f.cell}`).sort();
    const row = rowOfCode((await load('fed-new.xlsx')).sheet('创业就业')!, 'A16');
    expect(a16).toEqual([`plan-missing D${row}`, `required-missing E${row}`, `required-missing F${row}`, `required-missing G${row}`]);

    // openpyxl types a clean return's values; fill (no --template) writes formulas and 汇总 from the carried template.
    writeFileSync(at('typed.json'), JSON.stringify(typedValues(fed)));
    execFileSync(PYTHON, ['-c', TYPE, at('fed-new.xlsx'), at('typed.json'), at('fed-typed.xlsx')]);
    const filled = await cli(['fill', 'fed-typed.xlsx', '-o', 'fed-filled.xlsx']);
    expect(filled.stderr).toBe('');
    expect(filled.code).toBe(0);
    const after = JSON.parse((await cli(['check', 'fed-filled.xlsx', '--json'])).stdout) as { findings: unknown[] }[];
    expect(after[0]!.findings).toEqual([]);

    // The two-plan sheet of every target form, filled by the engine, recalculated in the same LibreOffice run.
    const targets = buildFilledReturn(tpl, { quarter: 3, seed: 12 });
    writeTargetCases(targets);
    const fresh = await writeNewXlsx(targets);
    const tv = (await readXlsx(fresh)).view;
    const targetsFilled = patchXlsx(fresh, planFill(tv, tpl, checkReturn(tv, tpl)));

    const recalculated = recalcInLibreOffice({ fed: new Uint8Array(readFileSync(at('fed-filled.xlsx'))), targets: targetsFilled });
    const lo = (await readXlsx(recalculated['fed']!)).view;
    const engine = checkReturn(await load('fed-filled.xlsx'), fed);
    const figures = engine.indicators.find((f) => f.indicator.code === 'A16')!;

    // A16 is summed: 累计 is the three quarters as typed (worked out here), and LibreOffice's figure is the engine's.
    const jy = lo.sheet('创业就业')!;
    const r16 = rowOfCode(jy, 'A16');
    const typed = typedValues(fed)['创业就业']!;
    const q = (c: string) => Number(typed.find(([ref]) => ref === `${c}${r16}`)![1]);
    expect(numberAt(jy, r16, 9)).toBe(q('E') + q('F') + q('G'));
    expect(figures.cumulative).toBe(q('E') + q('F') + q('G'));
    expect(numberAt(jy, r16, 10)).toBeCloseTo(figures.percentOfPlan!, 12);
    expect(numberAt(jy, r16, 11)).toBeCloseTo(0.75, 12);
    // … and in 汇总 block 1, between A15 and B01, with the same figures.
    const summary = lo.sheet('汇总')!;
    const s16 = rowOfCode(summary, 'A16');
    expect(summary.cell(s16 - 1, 1).value).toEqual({ kind: 'text', value: 'A15' });
    expect(numberAt(summary, s16, 5)).toBe(figures.cumulative);
    expect(numberAt(summary, s16, 6)).toBeCloseTo(figures.percentOfPlan!, 12);
    expect(summary.cell(s16, 8).value).toEqual({ kind: 'text', value: figures.progressStatus });
    // Block 2: 创业就业 now has 15 indicators to fill (16 less the rate A08, never required; 14 before A16), all filled.
    const b2 = rowOfCode(summary, '创业就业');
    expect([numberAt(summary, b2, 2), numberAt(summary, b2, 3), numberAt(summary, b2, 4)]).toEqual([15, 15, 1]);
    // The renamed unit travels: A13 in 万元.
    expect(jy.cell(rowOfCode(jy, 'A13'), 3).value).toEqual({ kind: 'text', value: '万元' });

    // Every target form's 达标状态, recalculated by LibreOffice, is the status worked out by hand.
    const tp = (await readXlsx(recalculated['targets']!)).view.sheet('两纲监测')!;
    const statuses = TARGET_CASES.map((k, i) => [k.code, tp.cell(3 + i, 11).value]);
    expect(statuses).toEqual(TARGET_CASES.map((k) => [k.code, { kind: 'text', value: k.status }]));
  });
});
