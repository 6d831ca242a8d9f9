/**
 * `fulian-returns merge` (spec section 6): sums checked cell by cell against the inputs, the first return's two-plan
 * rows carried with 本期值 blank, the 各单位 sheet, refusals (mixed periods: exit 2 naming the odd file; errors: exit 1
 * unless --allow-errors), unit names that look like formulas kept as text, inputs never touched.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { text, type Cell } from '../../src/engine/cell';
import { checkReturn } from '../../src/engine/check';
import { formatFindings } from '../../src/engine/messages';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { UNITS_SHEET } from '../../src/engine/rollup';
import { standardTemplate } from '../../src/engine/template/load';
import type { SheetView, WorkbookView } from '../../src/engine/workbook';
import { readXlsx } from '../../src/xlsx';
import { cleanReturn, colOf, rowOf, runCli, tempDir, writeReturn } from './helpers';

const tpl = standardTemplate();
const TYPED = ['年计划', '第一季度', '第二季度', '第三季度', '第四季度'] as const;
let dir: string;
let cleanup: () => void;
/** The three returns as built (before writing), for the expected sums. */
const inputs: MemoryWorkbook[] = [];

/** A cell's number as the engine reads the few texts these inputs hold; null for blank or unreadable. */
function numberIn(cell: Cell): number | null {
  const v = cell.value;
  if (v.kind === 'number') return v.value;
  if (v.kind === 'text') return ({ '1262余': 1262, '３４２６': 3426, '无': null } as Record<string, number | null>)[v.value] ?? null;
  return null;
}

function setByCode(view: MemoryWorkbook, sheet: string, code: string, label: string, cell: Cell): void {
  view.sheet(sheet)!.set(rowOf(view, sheet, code), colOf(view, sheet, label), cell);
}

function setCover(view: MemoryWorkbook, label: string, value: string): void {
  view.sheet(tpl.sheets.cover)!.set(rowOf(view, tpl.sheets.cover, label), 2, { value: text(value) });
}

async function load(path: string): Promise<WorkbookView> {
  return (await readXlsx(new Uint8Array(readFileSync(path)))).view;
}

function findHeader(s: SheetView, label: string): number {
  for (let r = 1; r <= s.rowCount; r++) if (s.cell(r, 1).value.kind === 'text' && (s.cell(r, 1).value as { value: string }).value === label) return r;
  throw new Error(`no header ${label} on ${s.name}`);
}

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-merge-'));
  const a = cleanReturn({ seed: 11, unit: '甲县妇联' });
  // The first return's own two-plan targets: a changed 终期目标 and a federation's own row.
  const tp = a.sheet(tpl.sheets.twoPlan)!;
  const fin = colOf(a, tpl.sheets.twoPlan, '终期目标');
  tp.set(rowOf(a, tpl.sheets.twoPlan, 'W01'), fin, { value: { kind: 'number', value: 10 } });
  const last = tp.rowCount + 1;
  const cols = ['指标代码', '规划', '领域', '指标名称', '计量单位', '方向', '基期值', '中期目标', '终期目标', '本期值'];
  const vals: (string | number)[] = ['W99', '妇女', '经济', '女性就业人员占比', '%', '≥', 40, 42, 45, 43];
  cols.forEach((c, i) => tp.set(last, colOf(a, tpl.sheets.twoPlan, c), { value: typeof vals[i] === 'number' ? { kind: 'number', value: vals[i] as number } : text(vals[i] as string) }));
  // Typed like users type: an approximate value and full-width digits (warnings; they count at their figure).
  setByCode(a, '创业就业', 'A10', '第一季度', { value: text('1262余') });
  setByCode(a, '维权服务', 'B09', '第二季度', { value: text('３４２６') });

  const b = cleanReturn({ seed: 12, unit: '乙县妇联' });
  setCover(b, '报告期', '2026年第三季度'); // the same period, spelled otherwise
  // A different target in the second return: not carried.
  b.sheet(tpl.sheets.twoPlan)!.set(rowOf(b, tpl.sheets.twoPlan, 'W01'), fin, { value: { kind: 'number', value: 99 } });

  const c = cleanReturn({ seed: 13, unit: '丙县妇联' });
  inputs.push(a, b, c);
  await writeReturn(join(dir, 'a.xlsx'), a);
  await writeReturn(join(dir, 'b.xlsx'), b);
  await writeReturn(join(dir, 'c.xlsx'), c);

  // Odd ones, kept apart from the folder of three.
  const q2 = cleanReturn({ seed: 14, unit: '丁县妇联', quarter: 2 });
  await writeReturn(join(dir, 'q2.xlsx'), q2);
  const bad = cleanReturn({ seed: 15, unit: '戊县妇联' });
  setByCode(bad, '创业就业', 'A01', '第二季度', { value: text('无') });
  await writeReturn(join(dir, 'bad.xlsx'), bad);
}, 60_000);

afterAll(() => cleanup());

describe('merge of three returns', () => {
  let out: WorkbookView;
  let hashes: string[];

  beforeAll(async () => {
    hashes = ['a', 'b', 'c'].map((n) => sha(join(dir, `${n}.xlsx`)));
    const r = await runCli(['merge', 'a.xlsx', 'b.xlsx', 'c.xlsx', '-o', 'rollup.xlsx'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '已汇总 3 份报表 → rollup.xlsx：甲县妇联汇总，2026Q3\n' +
        '汇总报表封面尚缺：填报人、审核人、联系电话（上报前补填，或用 --preparer、--reviewer、--phone、--date 写入）\n' +
        '未给出 --unit，汇总单位暂按第一份报表写作「甲县妇联汇总」：请用 --unit 写上本级单位名称（如 --unit 某某市妇联）\n',
    );
    out = await load(join(dir, 'rollup.xlsx'));
  }, 60_000);

  it('sums every typed cell over the returns, cell by cell, and leaves rate rows blank', () => {
    let compared = 0;
    for (const ind of tpl.indicators) {
      for (const label of TYPED) {
        const got = out.sheet(ind.sheet)!.cell(rowOf(out, ind.sheet, ind.code), colOf(out, ind.sheet, label));
        if (ind.kind === 'rate') {
          expect(got.value).toEqual({ kind: 'blank' });
          continue;
        }
        const parts = inputs.map((v) => numberIn(v.sheet(ind.sheet)!.cell(rowOf(v, ind.sheet, ind.code), colOf(v, ind.sheet, label))));
        const present = parts.filter((p): p is number => p !== null);
        if (present.length === 0) {
          expect(got.value).toEqual({ kind: 'blank' });
        } else {
          expect(got.value.kind).toBe('number');
          expect((got.value as { value: number }).value).toBeCloseTo(present.reduce((x, y) => x + y, 0), 6);
          expect(got.formula).toBeUndefined();
        }
        compared++;
      }
    }
    // Every non-rate indicator's plan and four quarters were compared.
    expect(compared).toBe(tpl.indicators.filter((i) => i.kind !== 'rate').length * TYPED.length);
    // The approximate and full-width values counted at their figures (1262 and 3426).
    const a10 = out.sheet('创业就业')!.cell(rowOf(out, '创业就业', 'A10'), colOf(out, '创业就业', '第一季度')).value;
    const others = inputs.slice(1).map((v) => numberIn(v.sheet('创业就业')!.cell(rowOf(v, '创业就业', 'A10'), colOf(v, '创业就业', '第一季度')))!);
    expect(a10).toEqual({ kind: 'number', value: 1262 + others[0]! + others[1]! });
  });

  it('writes the tool-owned cells and 汇总 exactly as fill does', async () => {
    const r = await runCli(['fill', 'rollup.xlsx', '-o', 'refilled.xlsx'], { cwd: dir });
    expect(r.code).toBe(1); // the roll-up's cover still lacks 填报人 and 联系电话 (no --preparer, --phone)
    const again = await load(join(dir, 'refilled.xlsx'));
    expect(again.sheetNames).toEqual(out.sheetNames);
    for (const name of out.sheetNames) {
      const s = out.sheet(name)!;
      const t = again.sheet(name)!;
      expect([t.rowCount, t.colCount]).toEqual([s.rowCount, s.colCount]);
      for (let row = 1; row <= s.rowCount; row++) for (let col = 1; col <= s.colCount; col++) expect(t.cell(row, col)).toEqual(s.cell(row, col));
    }
    // 累计 holds a live formula, rates included.
    const cum = colOf(out, '创业就业', '累计');
    expect(out.sheet('创业就业')!.cell(rowOf(out, '创业就业', 'A01'), cum).formula).toMatch(/^=SUM\(/);
    expect(out.sheet('创业就业')!.cell(rowOf(out, '创业就业', 'A08'), cum).formula).toMatch(/^=IF\(N\(/);
    expect(out.sheetNames).toEqual([tpl.sheets.cover, ...tpl.sheets.data.map((d) => d.name), tpl.sheets.twoPlan, tpl.sheets.summary, UNITS_SHEET.name]);
  });

  it('has no error apart from the cover fields the reviewer types herself', () => {
    const report = checkReturn(out, tpl);
    expect(report.unit).toBe('甲县妇联汇总');
    expect(report.period).toEqual({ year: 2026, quarter: 3 });
    // No error beyond the cover (the planted 1262 and 3426 stand out as quarter outliers: warnings, as in their returns).
    const errors = formatFindings(report.issues, tpl, 'zh-CN').filter((f) => f.severity === 'error' && f.sheet !== tpl.sheets.cover);
    expect(errors.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)).toEqual([]);
  });

  it("carries the first return's two-plan rows and targets with 本期值 blank", () => {
    const first = inputs[0]!;
    const s = out.sheet(tpl.sheets.twoPlan)!;
    const f = first.sheet(tpl.sheets.twoPlan)!;
    const value = colOf(out, tpl.sheets.twoPlan, '本期值');
    const codes: string[] = [];
    for (let r = 3; r <= f.rowCount; r++) {
      const code = f.cell(r, 1).value;
      if (code.kind !== 'text') continue;
      codes.push(code.value);
      const at = rowOf(out, tpl.sheets.twoPlan, code.value);
      for (const label of ['规划', '领域', '指标名称', '计量单位', '方向', '基期值', '中期目标', '终期目标']) {
        const c = colOf(out, tpl.sheets.twoPlan, label);
        expect(s.cell(at, c).value).toEqual(f.cell(r, colOf(first, tpl.sheets.twoPlan, label)).value);
      }
      expect(s.cell(at, value).value).toEqual({ kind: 'blank' });
    }
    expect(codes).toContain('W99');
    expect(s.cell(rowOf(out, tpl.sheets.twoPlan, 'W01'), colOf(out, tpl.sheets.twoPlan, '终期目标')).value).toEqual({ kind: 'number', value: 10 });
    // Every status is 无数据 (no value yet), written as fill writes it.
    const status = colOf(out, tpl.sheets.twoPlan, '达标状态');
    expect(s.cell(rowOf(out, tpl.sheets.twoPlan, 'W99'), status).value).toEqual(text('无数据'));
  });

  it('lists one row per return in 各单位 with completeness, counts and each plan indicator’s 累计', () => {
    const s = out.sheet(UNITS_SHEET.name)!;
    const header = findHeader(s, '填报单位');
    const plans = tpl.indicators.filter((i) => i.plan);
    const labels = Array.from({ length: 5 + plans.length }, (_, i) => (s.cell(header, i + 1).value as { value: string }).value);
    expect(labels.slice(0, 5)).toEqual(['填报单位', '文件', '完整率(%)', '错误数', '警告数']);
    expect(labels.slice(5).map((l) => l.split(' ')[0])).toEqual(plans.map((p) => p.code));
    expect(labels.slice(5).every((l) => l.endsWith('累计'))).toBe(true);
    inputs.forEach((v, i) => {
      const r = header + 1 + i;
      const rep = checkReturn(v, tpl);
      expect(s.cell(r, 1).value).toEqual(text(rep.unit!));
      expect(s.cell(r, 2).value).toEqual(text(['a.xlsx', 'b.xlsx', 'c.xlsx'][i]!));
      expect(s.cell(r, 3)).toEqual({ value: { kind: 'number', value: rep.completeness.overall }, numberFormat: '0.00%' });
      expect(s.cell(r, 4).value).toEqual({ kind: 'number', value: rep.counts.error });
      expect(s.cell(r, 5).value).toEqual({ kind: 'number', value: rep.counts.warning });
      plans.forEach((p, j) => {
        const want = rep.indicators.find((f) => f.indicator.code === p.code)!.cumulative;
        expect((s.cell(r, 6 + j).value as { value: number }).value).toBeCloseTo(want!, 6);
      });
    });
    expect((s.cell(header + 1, 5).value as { value: number }).value).toBeGreaterThanOrEqual(2); // 1262余 and ３４２６ at least
    expect(s.cell(header + 4, 1).value).toEqual({ kind: 'blank' });
  });

  it('leaves every input untouched and refuses to replace an existing output or an input', async () => {
    expect(['a', 'b', 'c'].map((n) => sha(join(dir, `${n}.xlsx`)))).toEqual(hashes);
    const again = await runCli(['merge', 'a.xlsx', 'b.xlsx', '-o', 'rollup.xlsx'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('fulian-returns: rollup.xlsx 已存在，不会覆盖（确需覆盖请加 --force）\n');
    const self = await runCli(['merge', 'a.xlsx', 'b.xlsx', '-o', 'b.xlsx', '--force'], { cwd: dir });
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('也是输入文件');
    expect(sha(join(dir, 'b.xlsx'))).toBe(hashes[1]);
  });
});

describe('merge refusals', () => {
  it('refuses returns of different periods with exit 2, naming the odd file only', async () => {
    const r = await runCli(['merge', 'a.xlsx', 'b.xlsx', 'q2.xlsx', 'c.xlsx', '-o', 'mixed.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line
    expect(r.stderr).toContain('q2.xlsx（2026Q2）');
    expect(r.stderr).toContain('多数报表为 2026Q3');
    expect(r.stderr).not.toMatch(/\b[abc]\.xlsx/);
    expect(existsSync(join(dir, 'mixed.xlsx'))).toBe(false);
    const en = await runCli(['merge', 'a.xlsx', 'q2.xlsx', 'c.xlsx', '-o', 'mixed.xlsx', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toBe('fulian-returns: the returns are of different periods; nothing merged (most are 2026Q3): q2.xlsx (2026Q2)\n');
  });

  it('refuses a return with errors (exit 1, listing it) unless --allow-errors; an unreadable value counts as blank', async () => {
    const r = await runCli(['merge', 'a.xlsx', 'bad.xlsx', '-o', 'with-bad.xlsx'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 份报表有错误，未汇总');
    expect(r.stderr).toContain('bad.xlsx（戊县妇联）：1 个错误');
    expect(r.stderr).toContain('创业就业!F3');
    expect(r.stderr).toContain('not-a-number');
    expect(r.stderr).not.toContain('a.xlsx（');
    expect(existsSync(join(dir, 'with-bad.xlsx'))).toBe(false);

    const ok = await runCli(['merge', 'a.xlsx', 'bad.xlsx', '-o', 'with-bad.xlsx', '--allow-errors', '--unit', '某市妇联'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('其中 1 份有错误');
    const view = await load(join(dir, 'with-bad.xlsx'));
    const units = view.sheet(UNITS_SHEET.name)!;
    expect(units.cell(4, 1).value).toEqual(text('戊县妇联'));
    expect(units.cell(4, 4).value).toEqual({ kind: 'number', value: 1 });
    // A01 Q2 = the first return's alone: 无 counts as blank.
    const col = colOf(view, '创业就业', '第二季度');
    const a = inputs[0]!;
    expect(view.sheet('创业就业')!.cell(rowOf(view, '创业就业', 'A01'), col).value).toEqual(
      a.sheet('创业就业')!.cell(rowOf(a, '创业就业', 'A01'), colOf(a, '创业就业', '第二季度')).value,
    );
    expect(checkReturn(view, tpl).unit).toBe('某市妇联');
  });

  it('exits 2 for a missing input, a folder without returns and a missing -o', async () => {
    expect((await runCli(['merge', 'nope.xlsx', '-o', 'x.xlsx'], { cwd: dir })).stderr).toBe('fulian-returns: nope.xlsx：找不到该文件或文件夹\n');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'empty'));
    const empty = await runCli(['merge', 'empty', '-o', 'x.xlsx'], { cwd: dir });
    expect([empty.code, empty.stderr]).toEqual([2, 'fulian-returns: empty：文件夹中没有报表文件（.xlsx、.xlsm、.xls、.et、.ods）\n']);
    const noOut = await runCli(['merge', 'a.xlsx'], { cwd: dir });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('-o');
  });
});

describe('unit names that look like formulas', () => {
  it('writes --unit and the units of 各单位 as text, never as formulas', async () => {
    const sub = join(dir, 'eq');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sub);
    await writeReturn(join(sub, '1.xlsx'), cleanReturn({ seed: 21, unit: '+某县妇联' }));
    await writeReturn(join(sub, '2.xlsx'), cleanReturn({ seed: 22, unit: '@某县' }));
    await writeReturn(join(sub, '3.xlsx'), cleanReturn({ seed: 23, unit: '-某县' }));
    const unit = '=HYPERLINK("http://example.invalid","x")';
    const r = await runCli(['merge', 'eq', '-o', 'eq.xlsx', '--unit', unit], { cwd: dir });
    expect(r.code).toBe(0);
    const view = await load(join(dir, 'eq.xlsx'));
    const cover = view.sheet(tpl.sheets.cover)!.cell(rowOf(view, tpl.sheets.cover, '填报单位'), 2);
    expect(cover).toEqual({ value: text(unit) });
    const units = view.sheet(UNITS_SHEET.name)!;
    expect([units.cell(3, 1), units.cell(4, 1), units.cell(5, 1)]).toEqual([{ value: text('+某县妇联') }, { value: text('@某县') }, { value: text('-某县') }]);
    // And in the package itself: no <f> element anywhere on the cover, the name is a string cell.
    const zip = unzipSync(new Uint8Array(readFileSync(join(dir, 'eq.xlsx'))));
    const coverXml = strFromU8(zip['xl/worksheets/sheet1.xml']!);
    expect(coverXml).not.toContain('<f>');
    expect(coverXml).toMatch(/<c r="B2"[^>]*t="(s|inlineStr|str)"/);
    // Default unit: the first return's unit + 汇总, also text.
    const d = await runCli(['merge', 'eq', '-o', 'eq-default.xlsx'], { cwd: dir });
    expect(d.stdout).toContain('+某县妇联汇总');
  });
});

describe('merge on worker threads', () => {
  it('gives the same roll-up with FULIAN_RETURNS_JOBS=2 (workers started from the TypeScript sources)', async () => {
    const r = await runCli(['merge', 'a.xlsx', 'b.xlsx', 'c.xlsx', '-o', 'rollup-workers.xlsx'], { cwd: dir, env: { FULIAN_RETURNS_JOBS: '2' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const serial = await load(join(dir, 'rollup.xlsx'));
    const pooled = await load(join(dir, 'rollup-workers.xlsx'));
    for (const name of serial.sheetNames) {
      const s = serial.sheet(name)!;
      const t = pooled.sheet(name)!;
      for (let row = 1; row <= s.rowCount; row++) for (let col = 1; col <= s.colCount; col++) expect(t.cell(row, col)).toEqual(s.cell(row, col));
    }
  }, 60_000);
});
