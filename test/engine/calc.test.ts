/* 累计 by kind, 完成年计划, 序时进度, every 进度状态 and 达标状态 branch, completeness. */
import { buildBlankReturn, checkReturn, num, text, type IndicatorFigures, type ReturnReport } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { HAND_COUNTS, HAND_ROWS, setHandTwoPlan } from '../fixtures/two-plan-hand';
import { checkAfter, clear, hits, numAt, put, sheet, tpl } from './helpers';

const JY = '创业就业';
const TP = '两纲监测';
const fig = (r: ReturnReport, code: string): IndicatorFigures => r.indicators.find((f) => f.indicator.code === code)!;

describe('累计 by kind', () => {
  const wb = buildFilledReturn(tpl, { quarter: 3, seed: 5 });
  const s = sheet(wb, JY);
  const r = checkReturn(wb, tpl);
  it('flow: the sum of the quarters up to the report quarter, blank quarters counting 0', () => {
    expect(fig(r, 'A01').cumulative).toBe(numAt(s, 'E3') + numAt(s, 'F3') + numAt(s, 'G3'));
    const r2 = checkAfter((w) => clear(sheet(w, JY), 'F12'));
    const s2 = sheet(buildFilledReturn(tpl, { quarter: 3, seed: 1 }), JY);
    expect(fig(r2, 'A10').cumulative).toBe(numAt(s2, 'E12') + numAt(s2, 'G12'));
  });
  it('stock: the report quarter value, never a sum', () => {
    expect(fig(r, 'A14').cumulative).toBe(numAt(s, 'G16'));
  });
  it('rate: numerator 累计 ÷ denominator 累计, null when the denominator is 0', () => {
    // A04 (row 6) 1000 + 1100 + 900 = 3000, A07 (row 9) 200 + 250 + 151 = 601: A08 = 601 / 3000, by hand.
    const typed = checkAfter((w) => {
      const x = sheet(w, JY);
      (['E', 'F', 'G'] as const).forEach((c, i) => {
        put(x, `${c}6`, num([1000, 1100, 900][i]!));
        put(x, `${c}9`, num([200, 250, 151][i]!));
      });
    });
    expect(fig(typed, 'A04').cumulative).toBe(3000);
    expect(fig(typed, 'A07').cumulative).toBe(601);
    expect(fig(typed, 'A08').cumulative).toBeCloseTo(0.2003333333333333, 15);
    const z = checkAfter((w) => {
      const x = sheet(w, JY);
      for (const c of ['E', 'F', 'G']) for (const row of [6, 7, 8, 9]) put(x, `${c}${row}`, num(0));
      for (const c of ['E', 'F', 'G']) clear(x, `${c}10`);
    });
    expect(fig(z, 'A08').cumulative).toBeNull();
  });
  it('完成年计划 = 累计 ÷ 年计划, 序时进度 = quarter ÷ 4', () => {
    expect(fig(r, 'A01').percentOfPlan).toBeCloseTo(fig(r, 'A01').cumulative! / numAt(s, 'D3'), 12);
    expect(fig(r, 'A01').timeProgress).toBe(0.75);
    expect(fig(r, 'A02').percentOfPlan).toBeNull();
    for (const q of [1, 2, 4] as const) expect(fig(checkReturn(buildFilledReturn(tpl, { quarter: q }), tpl), 'A01').timeProgress).toBe(q / 4);
  });
});

describe('进度状态', () => {
  const statusWith = (plan: number | null): string =>
    fig(
      checkAfter((w) => {
        const x = sheet(w, JY);
        if (plan === null) clear(x, 'D3');
        else put(x, 'D3', num(plan));
      }),
      'A01',
    ).progressStatus;
  const cum = fig(checkAfter(() => undefined), 'A01').cumulative!;
  it('无计划 / 超额完成 / 达到序时进度 / 滞后序时进度', () => {
    expect(statusWith(null)).toBe('无计划');
    expect(statusWith(0)).toBe('无计划');
    expect(statusWith(cum)).toBe('超额完成'); // exactly 100%
    expect(statusWith(Math.ceil(cum / 0.75))).toBe('滞后序时进度');
    expect(statusWith(Math.floor(cum / 0.75))).toBe('达到序时进度');
    expect(statusWith(cum * 2)).toBe('滞后序时进度');
  });
});

describe('达标状态', () => {
  const status = (dir: string, mid: number | null, fin: number | null, value: number | string | null): string => {
    const r = checkAfter((w) => {
      const x = sheet(w, TP);
      put(x, 'F3', text(dir));
      if (mid === null) clear(x, 'H3');
      else put(x, 'H3', num(mid));
      if (fin === null) clear(x, 'I3');
      else put(x, 'I3', num(fin));
      if (value === null) clear(x, 'J3');
      else put(x, 'J3', typeof value === 'number' ? num(value) : text(value));
    });
    return r.twoPlan.rows.find((row) => row.code === 'W01')!.status;
  };
  it('≤ rows: 无数据, 已实现终期目标, 达到中期目标, 未达标', () => {
    expect(status('≤', 15, 12, null)).toBe('无数据');
    expect(status('≤', 15, 12, 12)).toBe('已实现终期目标');
    expect(status('≤', 15, 12, 14)).toBe('达到中期目标');
    expect(status('≤', 15, 12, 16)).toBe('未达标');
  });
  it('≥ rows, other spellings, and a blank 中期目标 (only 已实现 / 未达标 / 无数据)', () => {
    expect(status('>=', 60, 70, 71)).toBe('已实现终期目标');
    expect(status('不低于', 60, 70, 65)).toBe('达到中期目标');
    expect(status('≥', null, 70, 65)).toBe('未达标');
    expect(status('≥', null, 70, 70)).toBe('已实现终期目标');
    expect(status('不高于', null, 12, null)).toBe('无数据');
  });
  it('无数据 where it cannot be judged (no 终期目标, unreadable direction or value)', () => {
    expect(status('≥', null, null, 5)).toBe('无数据');
    expect(status('高', null, 70, 5)).toBe('无数据');
    expect(status('≥', null, 70, '很多')).toBe('无数据');
  });
  it('per row and per plan (妇女, 儿童, 合计): 已实现 + 达到中期 + 未达标 + 无数据 = 监测指标数, by hand', () => {
    const r = checkAfter(setHandTwoPlan);
    expect(r.twoPlan.rows.map((x) => [x.code, x.status])).toEqual(HAND_ROWS.map((h) => [h.code, h.status]));
    expect(r.twoPlan.counts).toEqual([
      { plan: '妇女', ...HAND_COUNTS.妇女 },
      { plan: '儿童', ...HAND_COUNTS.儿童 },
      { plan: '合计', ...HAND_COUNTS.合计 },
    ]);
    for (const c of r.twoPlan.counts) expect(c.final + c.mid + c.below + c.noData).toBe(c.total);
    // The rows that cannot be judged still carry their own findings.
    expect(hits(r).filter((h) => h.sheet === TP).map((h) => [h.rule, h.cell])).toEqual(
      expect.arrayContaining([
        ['target-missing', 'I7'],
        ['not-a-number', 'I8'],
        ['bad-direction', 'F14'],
      ]),
    );
  });
});

describe('completeness', () => {
  it('filled required cells ÷ required cells, per sheet and overall; 无 counts as filled', () => {
    const r = checkAfter((w) => {
      const x = sheet(w, JY);
      clear(x, 'G3'); // required
      clear(x, 'D5'); // plan
      put(x, 'E12', text('无')); // filled (and not-a-number)
      clear(x, 'G10'); // a rate: never required
    });
    const d = r.completeness.detail.find((s) => s.sheet === JY)!;
    // 14 non-rate indicators × 3 quarters + 6 plans (A01 A03 A04 A09 A14 A15)
    expect(d.requiredCells).toBe(14 * 3 + 6);
    expect(d.filledCells).toBe(d.requiredCells - 2);
    expect(d.requiredIndicators).toBe(14);
    expect(d.filledIndicators).toBe(12);
    expect(r.completeness.sheets[JY]).toBeCloseTo(46 / 48, 12);
    const all = r.completeness.detail.reduce((a, s) => a + s.requiredCells, 0);
    expect(r.completeness.overall).toBeCloseTo((all - 2) / all, 12);
    expect(r.completeness.sheets['维权服务']).toBe(1);
  });
  it('a missing sheet counts as unfilled; a blank return is 0', () => {
    const r = checkAfter((w) => w.removeSheet('家庭建设'));
    expect(r.completeness.sheets['家庭建设']).toBe(0);
    expect(r.completeness.overall).toBeLessThan(1);
    const b = checkReturn(buildBlankReturn(tpl, { unit: 'x', period: '2026Q1' }), tpl);
    expect(b.completeness.overall).toBe(0);
    expect(Object.keys(b.completeness.sheets)).toEqual(['创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设']);
  });
});
