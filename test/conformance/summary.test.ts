/* Spec sections 1 and 4: completeness as defined, and the 汇总 sheet's three blocks (labels, formulas, formats). */
import { checkReturn, planFill, type CellWrite, type ReturnReport } from '../../src/engine';
import { HAND_COUNTS, setHandTwoPlan } from '../fixtures/two-plan-hand';
import { BLANK, clean, N, setInd, setTwoPlan, T, tpl } from './helpers';

const HEAD1 = ['指标代码', '指标名称', '计量单位', '年计划', '累计', '完成年计划(%)', '序时进度(%)', '进度状态'];
const HEAD2 = ['工作表', '应填指标数', '已填指标数', '完整率(%)'];
const HEAD3 = ['规划', '监测指标数', '已实现终期目标', '占比(%)', '达到中期目标', '占比(%)', '未达标', '无数据'];

function grid(cells: readonly CellWrite[]): Map<number, Map<number, CellWrite>> {
  const g = new Map<number, Map<number, CellWrite>>();
  for (const c of cells) {
    if (!g.has(c.row)) g.set(c.row, new Map());
    g.get(c.row)!.set(c.col, c);
  }
  return g;
}
const textOf = (c: CellWrite | undefined): string | null => (c && c.value.kind === 'text' ? c.value.value : null);
const rowTexts = (g: ReturnType<typeof grid>, r: number, n: number): (string | null)[] =>
  Array.from({ length: n }, (_, i) => textOf(g.get(r)?.get(i + 1)));
const headerRowOf = (g: ReturnType<typeof grid>, labels: string[]): number => {
  for (const r of [...g.keys()].sort((a, b) => a - b)) if (JSON.stringify(rowTexts(g, r, labels.length)) === JSON.stringify(labels)) return r;
  return 0;
};

describe('completeness (filled required cells ÷ required cells)', () => {
  it('counts 无 as filled (with its own not-a-number), rate rows never required, plan cells of plan indicators required', () => {
    const wb = clean(3);
    setInd(wb, 'D01', 'q1', T('无'));
    setInd(wb, 'D01', 'q2', BLANK);
    setInd(wb, 'D03', 'q3', BLANK);
    setInd(wb, 'D02', 'plan', BLANK);
    const r = checkReturn(wb, tpl);
    // 家庭建设: D01, D02 plan + 3 quarters = 8; D03, D04, D05 3 quarters = 9 → 17 required.
    const d = r.completeness.detail.find((s) => s.sheet === '家庭建设')!;
    expect(d).toMatchObject({ requiredCells: 17, filledCells: 14, requiredIndicators: 5, filledIndicators: 2 });
    expect(r.completeness.sheets['家庭建设']).toBeCloseTo(14 / 17, 12);
    const all = r.completeness.detail.reduce((a, s) => a + s.requiredCells, 0);
    expect(r.completeness.overall).toBeCloseTo((all - 3) / all, 12);
    expect(r.issues.filter((i) => i.rule === 'not-a-number').map((i) => i.cell)).toEqual(['E3']);
  });

  it('required cells per sheet at Q3: quarters 1–3 of every non-rate indicator plus 年计划 of plan indicators', () => {
    const r = checkReturn(clean(3), tpl);
    for (const ds of tpl.sheets.data) {
      const inds = tpl.indicators.filter((i) => i.sheet === ds.name);
      const need = inds.reduce((a, i) => a + (i.kind === 'rate' ? 0 : 3) + (i.plan ? 1 : 0), 0);
      const withRequired = inds.filter((i) => i.kind !== 'rate' || i.plan).length;
      expect(r.completeness.detail.find((s) => s.sheet === ds.name)).toMatchObject({ requiredCells: need, requiredIndicators: withRequired });
    }
  });
});

describe('汇总 as planFill writes it', () => {
  let report: ReturnReport;
  let g: ReturnType<typeof grid>;
  beforeAll(() => {
    const wb = clean(3);
    setInd(wb, 'D01', 'q1', BLANK); // one required cell blank on 家庭建设
    setHandTwoPlan(wb); // every two-plan row typed by hand, its status and counts worked out by hand
    report = checkReturn(wb, tpl);
    const plan = planFill(wb, tpl, report);
    expect(plan.summary.name).toBe('汇总');
    g = grid(plan.summary.cells);
  });

  it('has the three header rows with exactly the spec labels, in order', () => {
    const h1 = headerRowOf(g, HEAD1);
    const h2 = headerRowOf(g, HEAD2);
    const h3 = headerRowOf(g, HEAD3);
    expect([h1 > 0, h2 > h1, h3 > h2]).toEqual([true, true, true]);
    // a header row holds nothing beyond its labels
    expect(g.get(h2)!.size).toBe(HEAD2.length);
  });

  it('block 1: every data-sheet indicator in template order, 0.00% on 完成年计划(%) and 序时进度(%), formulas to the data sheets', () => {
    const h1 = headerRowOf(g, HEAD1);
    const codes = tpl.indicators.map((i) => i.code);
    expect(codes.map((_, i) => textOf(g.get(h1 + 1 + i)?.get(1)))).toEqual(codes);
    codes.forEach((code, i) => {
      const row = g.get(h1 + 1 + i)!;
      const ind = tpl.indicators[i]!;
      expect(textOf(row.get(2))).toBe(ind.name);
      expect(textOf(row.get(3))).toBe(ind.unit);
      expect(row.get(4)?.formula).toContain(`'${ind.sheet}'!`);
      expect(row.get(5)?.formula).toContain(`'${ind.sheet}'!`);
      if (ind.kind !== 'rate') expect({ code, f: row.get(6)?.numberFormat, hasFormula: !!row.get(6)?.formula }).toEqual({ code, f: '0.00%', hasFormula: true });
      expect({ code, f: row.get(7)?.numberFormat, v: row.get(7)?.value }).toEqual({ code, f: '0.00%', v: N(0.75) });
      expect(row.get(8)?.formula).toBeTruthy();
    });
    const a01 = report.indicators.find((f) => f.indicator.code === 'A01')!;
    const row = g.get(h1 + 1)!;
    expect(row.get(6)!.value).toEqual(N(a01.cumulative! / a01.plan!));
    expect(textOf(row.get(8))).toBe(a01.progressStatus);
  });

  it('block 2: 应填指标数 / 已填指标数 / 完整率(%) (0.00%) per data sheet', () => {
    const h2 = headerRowOf(g, HEAD2);
    const names = tpl.sheets.data.map((d) => d.name);
    expect(names.map((_, i) => textOf(g.get(h2 + 1 + i)?.get(1)))).toEqual(names);
    const row = g.get(h2 + 1 + names.indexOf('家庭建设'))!;
    expect(row.get(2)!.value).toEqual(N(5));
    expect(row.get(3)!.value).toEqual(N(4));
    expect(row.get(4)!.value).toEqual(N(16 / 17));
    expect(row.get(4)!.numberFormat).toBe('0.00%');
    expect(row.get(3)!.formula).toMatch(/^=/);
    expect(row.get(4)!.formula).toMatch(/^=/);
  });

  it('block 3: 妇女, 儿童, 合计 with 占比 = count ÷ 监测指标数 in 0.0%', () => {
    const h3 = headerRowOf(g, HEAD3);
    expect([1, 2, 3].map((i) => textOf(g.get(h3 + i)?.get(1)))).toEqual(['妇女', '儿童', '合计']);
    (['妇女', '儿童', '合计'] as const).forEach((plan, i) => {
      const row = g.get(h3 + 1 + i)!;
      const c = HAND_COUNTS[plan];
      expect([2, 3, 4, 5, 6, 7, 8].map((col) => row.get(col)!.value)).toEqual([
        N(c.total),
        N(c.final),
        N(c.final / c.total),
        N(c.mid),
        N(c.mid / c.total),
        N(c.below),
        N(c.noData),
      ]);
      expect(c.final + c.mid + c.below + c.noData).toBe(c.total);
      expect([row.get(4)!.numberFormat, row.get(6)!.numberFormat]).toEqual(['0.0%', '0.0%']);
      for (const col of [2, 3, 4, 5, 6, 7, 8]) expect(row.get(col)!.formula).toMatch(/^=/);
    });
    expect(report.twoPlan.counts.map((c) => c.plan)).toEqual(['妇女', '儿童', '合计']);
  });
});

describe('达标状态 (exclusive, in order)', () => {
  const statusOf = (code: string, set: Partial<Record<'baseline' | 'midTarget' | 'finalTarget' | 'value' | 'direction', ReturnType<typeof N>>>) => {
    const wb = clean(3);
    for (const [k, v] of Object.entries(set)) setTwoPlan(wb, code, k as 'value', v!);
    return checkReturn(wb, tpl).twoPlan.rows.find((r) => r.code === code)!.status;
  };
  it.each([
    ['W02', { value: BLANK }, '无数据'],
    ['W02', { value: N(70) }, '已实现终期目标'],
    ['W02', { value: N(65), midTarget: N(60), baseline: N(50) }, '达到中期目标'],
    ['W02', { value: N(55), midTarget: N(60), baseline: N(50) }, '未达标'],
    ['W02', { value: N(65), midTarget: BLANK }, '未达标'],
    ['K01', { value: N(3) }, '已实现终期目标'],
    ['K01', { value: N(3.5), midTarget: N(4), baseline: N(5) }, '达到中期目标'],
  ] as const)('%s %j → %s', (code, set, want) => {
    expect(statusOf(code, set as never)).toBe(want);
  });
});
