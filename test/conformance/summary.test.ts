/* Spec sections 1 and 4: completeness as defined, and the 汇总 sheet's three blocks (labels, formulas, formats). */
import { checkReturn, planFill, type CellValue, type CellWrite, type MemoryWorkbook, type ReturnReport } from '../../src/engine';
import { evaluate } from '../engine/fill-messy.fixture';
import { HAND_COUNTS, setHandTwoPlan } from '../fixtures/two-plan-hand';
import { BLANK, clean, getInd, N, setInd, setTwoPlan, T, tpl } from './helpers';

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
  let wb: MemoryWorkbook;
  let g: ReturnType<typeof grid>;
  /** What a 汇总 cell shows once its formula is calculated (the fake Excel over the filled workbook): a number, or null for blank. */
  let shown: (row: number, col: number) => number | string | null;
  beforeAll(() => {
    wb = clean(3);
    setInd(wb, 'D01', 'q1', BLANK); // one required cell blank on 家庭建设
    setHandTwoPlan(wb); // every two-plan row typed by hand, its status and counts worked out by hand
    report = checkReturn(wb, tpl);
    const plan = planFill(wb, tpl, report);
    expect(plan.summary.name).toBe('汇总');
    g = grid(plan.summary.cells);
    const model = evaluate(wb, plan);
    shown = (row, col) => {
      const at = g.get(row)?.get(col);
      expect({ row, col, formula: !!at?.formula }).toEqual({ row, col, formula: true });
      const v: CellValue = model.sheet('汇总')!.cell(row, col).value;
      return v.kind === 'number' ? v.value : v.kind === 'text' ? v.value || null : v.kind === 'blank' ? null : `#${v.kind}`;
    };
  });

  it('has the three header rows with exactly the spec labels, in order', () => {
    const h1 = headerRowOf(g, HEAD1);
    const h2 = headerRowOf(g, HEAD2);
    const h3 = headerRowOf(g, HEAD3);
    expect([h1 > 0, h2 > h1, h3 > h2]).toEqual([true, true, true]);
    // a header row holds nothing beyond its labels
    expect(g.get(h2)!.size).toBe(HEAD2.length);
  });

  it('block 1: every data-sheet indicator in template order, 0.00% on 完成年计划(%) and 序时进度(%)', () => {
    const h1 = headerRowOf(g, HEAD1);
    const codes = tpl.indicators.map((i) => i.code);
    expect(codes.map((_, i) => textOf(g.get(h1 + 1 + i)?.get(1)))).toEqual(codes);
    codes.forEach((code, i) => {
      const row = g.get(h1 + 1 + i)!;
      const ind = tpl.indicators[i]!;
      expect(textOf(row.get(2))).toBe(ind.name);
      expect(textOf(row.get(3))).toBe(ind.unit);
      if (ind.kind !== 'rate') expect({ code, f: row.get(6)?.numberFormat }).toEqual({ code, f: '0.00%' });
      expect({ code, f: row.get(7)?.numberFormat, v: row.get(7)?.value }).toEqual({ code, f: '0.00%', v: N(0.75) });
    });
  });

  it('block 1 calculated: 年计划 and 累计 as typed on the data sheets, 完成年计划 = 累计 ÷ 年计划, 进度状态 by the spec', () => {
    const h1 = headerRowOf(g, HEAD1);
    const typed = (code: string, role: 'plan' | 'q1' | 'q2' | 'q3'): number | null => {
      const v = getInd(wb, code, role).value;
      return v.kind === 'number' ? v.value : null;
    };
    /** 累计 at Q3 by kind (spec section 2), from the typed cells. */
    const cumulative = (code: string): number | null => {
      const ind = tpl.indicators.find((i) => i.code === code)!;
      if (ind.kind === 'flow') return (['q1', 'q2', 'q3'] as const).reduce((t, q) => t + (typed(code, q) ?? 0), 0);
      if (ind.kind === 'stock') return typed(code, 'q3') ?? 0;
      const d = cumulative(ind.ratio!.denominator);
      return d ? cumulative(ind.ratio!.numerator)! / d : null;
    };
    const close = (x: number | string | null, want: number | null): boolean =>
      want === null ? x === null : typeof x === 'number' && Math.abs(x - want) <= 1e-12 * Math.max(1, Math.abs(want));
    const wrong: string[] = [];
    tpl.indicators.forEach((ind, i) => {
      const r = h1 + 1 + i;
      const plan = ind.kind === 'rate' ? null : typed(ind.code, 'plan');
      const cum = cumulative(ind.code);
      const pct = ind.kind !== 'rate' && plan ? cum! / plan : null;
      const status = !plan ? '无计划' : pct! >= 1 ? '超额完成' : pct! >= 0.75 ? '达到序时进度' : '滞后序时进度';
      const got = { plan: shown(r, 4), cum: shown(r, 5), pct: ind.kind === 'rate' ? null : shown(r, 6), time: shown(r, 7), status: shown(r, 8) };
      const ok = close(got.plan, plan) && close(got.cum, cum) && close(got.pct, pct) && close(got.time, 0.75) && got.status === status;
      if (!ok) wrong.push(`${ind.code}: ${JSON.stringify(got)}, want ${JSON.stringify({ plan, cum, pct, status })}`);
    });
    expect(wrong).toEqual([]);
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
    // …and so do the formulas, once calculated.
    const r = h2 + 1 + names.indexOf('家庭建设');
    expect([shown(r, 3), shown(r, 4)]).toEqual([4, 16 / 17]);
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
      expect([2, 3, 4, 5, 6, 7, 8].map((col) => shown(h3 + 1 + i, col))).toEqual([c.total, c.final, c.final / c.total, c.mid, c.mid / c.total, c.below, c.noData]);
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
