import fc from 'fast-check';
import { buildBlankReturn, checkReturn, formatFindings, num, standardTemplate, text } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';

const tpl = standardTemplate();

describe('checkReturn on sample returns', () => {
  it.each([1, 2, 3, 4] as const)('a filled Q%i return yields zero findings for several seeds', (quarter) => {
    for (const seed of [1, 2, 3, 11, 42]) {
      const r = checkReturn(buildFilledReturn(tpl, { quarter, seed, extraRows: seed % 3 }), tpl);
      expect(formatFindings(r.issues, tpl, 'zh-CN')).toEqual([]);
      expect(r.period).toEqual({ year: 2026, quarter });
      expect(r.quarter).toBe(quarter);
      expect(r.completeness.overall).toBe(1);
      expect(r.counts).toEqual({ error: 0, warning: 0, info: 0 });
    }
  });
  it('a blank return is incomplete: plan-missing and required-missing, cover fields missing, 审核人 a warning', () => {
    const r = checkReturn(buildBlankReturn(tpl, { unit: '城关区妇联', period: '2026年第三季度' }), tpl);
    expect(r.unit).toBe('城关区妇联');
    expect(r.period).toEqual({ year: 2026, quarter: 3 });
    expect(r.completeness.overall).toBe(0);
    const f = formatFindings(r.issues, tpl, 'zh-CN');
    expect(f.find((x) => x.cell === 'B6')).toMatchObject({ rule: 'cover-field-missing', severity: 'warning', message: '封面「审核人」未填写' });
    expect(f.find((x) => x.sheet === '创业就业' && x.cell === 'G3')).toMatchObject({
      rule: 'required-missing',
      indicator: 'A01',
      message: 'A01「妇女技能培训人数」第三季度未填写（确为零请填 0）',
    });
    expect(f.filter((x) => x.rule === 'required-missing' && x.cell?.startsWith('H'))).toEqual([]);
    // rate rows are never required
    expect(f.filter((x) => x.indicator === 'A08')).toEqual([]);
    // two-plan: no data is no finding
    expect(f.filter((x) => x.sheet === '两纲监测')).toEqual([]);
    expect(r.twoPlan.counts.at(-1)).toEqual({ plan: '合计', total: 12, final: 0, mid: 0, below: 0, noData: 12 });
  });
});

describe('buildFilledReturn, any seed', () => {
  it('is clean for every quarter, seed, year and number of inserted blank rows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 0, max: 20 }),
        (quarter, seed, year, extraRows) => {
          const r = checkReturn(buildFilledReturn(tpl, { quarter: quarter as 1 | 2 | 3 | 4, seed, year, extraRows }), tpl);
          expect(formatFindings(r.issues, tpl, 'zh-CN')).toEqual([]);
          expect(r.period).toEqual({ year, quarter });
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** A Q3 return typed by hand: [年计划, 一季度, 二季度, 三季度] per indicator, chosen so every relation of the template
 *  holds (parts add up, a part never exceeds its total, rates are numerator ÷ denominator, stocks never fall). */
const HAND: Record<string, readonly number[]> = {
  A02: [200, 50, 50, 50],
  A05: [240, 60, 60, 60],
  A06: [160, 40, 40, 40],
  A07: [200, 50, 50, 50],
  A08: [0.5, 0.5, 0.5, 0.5],
  A11: [200, 50, 50, 50],
  B02: [200, 50, 50, 50],
  B03: [0.5, 0.5, 0.5, 0.5],
  B05: [200, 50, 50, 50],
  B06: [120, 30, 30, 30],
  B07: [80, 20, 20, 20],
  C02: [200, 50, 50, 50],
  C03: [100, 25, 25, 25],
  C05: [0.5, 0.5, 0.5, 0.5],
};
const FLOW = [400, 100, 100, 100];
const STOCK = [400, 100, 110, 120];

function handTypedReturn(plant?: { code: string; col: number; value: number }) {
  const wb = buildBlankReturn(tpl, {
    unit: '城关区妇联',
    period: '2026Q3',
    cover: { preparer: { value: text('李娟') }, reviewer: { value: text('王芳') }, phone: { value: text('0938-8212345') }, date: { value: text('2026-10-08') } },
  });
  for (const ind of tpl.indicators) {
    const s = wb.sheet(ind.sheet)!;
    let row = 0;
    for (let r = 1; r <= s.rowCount; r++) if (s.cell(r, 1).value.kind === 'text' && (s.cell(r, 1).value as { value: string }).value === ind.code) row = r;
    const figures = HAND[ind.code] ?? (ind.kind === 'stock' ? STOCK : FLOW);
    // Sample layout: D 年计划, E-G 一至三季度.
    figures.forEach((v, i) => s.set(row, 4 + i, ind.kind === 'rate' ? { value: num(v), numberFormat: '0.00%' } : { value: num(v) }));
    if (plant?.code === ind.code) s.set(row, plant.col, { value: num(plant.value) });
  }
  return wb;
}

describe('checkReturn on a return typed by hand', () => {
  it('a clean one yields zero findings', () => {
    const r = checkReturn(handTypedReturn(), tpl);
    expect(formatFindings(r.issues, tpl, 'zh-CN')).toEqual([]);
    expect(r.completeness.overall).toBe(1);
  });
  it('one planted fault (A05 二季度 61, so A05 + A06 ≠ A04) yields exactly that finding', () => {
    const f = formatFindings(checkReturn(handTypedReturn({ code: 'A05', col: 6, value: 61 }), tpl).issues, tpl, 'zh-CN');
    expect(f.map((x) => [x.rule, x.sheet, x.cell, x.indicator])).toEqual([['parts-sum-mismatch', '创业就业', 'F6', 'A04']]);
  });
});
