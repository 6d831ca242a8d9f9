/** The pure roll-up (src/engine/rollup.ts): running sums, blanks, money without binary noise, the built workbook. */
import { text } from '../../src/engine/cell';
import { Rollup, UNITS_SHEET, contributionOf, type UnitRow } from '../../src/engine/rollup';
import { checkReturn } from '../../src/engine/check';
import { standardTemplate } from '../../src/engine/template/load';
import { cleanReturn, colOf, rowOf } from './helpers';

const tpl = standardTemplate();

describe('Rollup', () => {
  it('sums only the numbers present: a cell blank in every return stays blank, one number makes a sum', () => {
    const r = new Rollup(tpl);
    r.add({ values: { A01: [100, 10, null, null, null], A09: [0.1, 0.1, null, null, null] } });
    r.add({ values: { A01: [null, 5, null, null, null], A09: [0.2, 0.2, null, null, null] } });
    expect(r.count).toBe(2);
    expect(r.sum('A01', 'plan')).toBe(100);
    expect(r.sum('A01', 'q1')).toBe(15);
    expect(r.sum('A01', 'q2')).toBeNull();
    // 0.1 + 0.2 in 万元 is 0.3, not 0.30000000000000004.
    expect(r.sum('A09', 'plan')).toBe(0.3);
    expect(r.sum('A09', 'q1')).toBe(0.3);
  });

  it('adds 300 money values of two decimals exactly', () => {
    const r = new Rollup(tpl);
    for (let i = 0; i < 300; i++) r.add({ values: { A09: [12.34, 0.01, null, null, null] } });
    expect(r.sum('A09', 'plan')).toBe(3702);
    expect(r.sum('A09', 'q1')).toBe(3);
  });

  it('ignores rates and codes the template lacks', () => {
    const r = new Rollup(tpl);
    r.add({ values: { A08: [null, 0.5, null, null, null], ZZ9: [1, 1, 1, 1, 1] } });
    expect(r.sum('A08', 'q1')).toBeNull();
    expect(r.sum('ZZ9', 'q1')).toBeNull();
  });

  it('reads the contribution from the checked report, so typed text counts as the engine reads it', () => {
    const v = cleanReturn({ seed: 7 });
    v.sheet('创业就业')!.set(rowOf(v, '创业就业', 'A10'), colOf(v, '创业就业', '第一季度'), { value: text('1262余') });
    v.sheet('创业就业')!.set(rowOf(v, '创业就业', 'A12'), colOf(v, '创业就业', '第一季度'), { value: text('无') });
    const c = contributionOf(checkReturn(v, tpl));
    expect(c.values['A10']![1]).toBe(1262);
    expect(c.values['A12']![1]).toBeNull();
    expect(c.values['A08']).toBeUndefined(); // a rate
  });

  it('builds the roll-up: sums typed in, rate rows blank, 汇总 placeholder before 各单位, cover unit and period', () => {
    const r = new Rollup(tpl);
    const a = checkReturn(cleanReturn({ seed: 1 }), tpl);
    r.add(contributionOf(a));
    r.add(contributionOf(a));
    const unit: UnitRow = { unit: '=1+1', file: 'x.xlsx', completeness: 1, errors: 0, warnings: 0, cumulatives: {} };
    const wb = r.build({ unit: '某市妇联', period: '2026Q3', units: [unit], twoPlan: null });
    expect(wb.sheetNames.slice(-2)).toEqual([tpl.summary.sheet, UNITS_SHEET.name]);
    const s = wb.sheet('创业就业')!;
    const q1 = colOf(wb, '创业就业', '第一季度');
    const a01 = a.indicators.find((f) => f.indicator.code === 'A01')!.quarters[0]!;
    expect(s.cell(rowOf(wb, '创业就业', 'A01'), q1).value).toEqual({ kind: 'number', value: 2 * a01 });
    expect(s.cell(rowOf(wb, '创业就业', 'A08'), q1).value).toEqual({ kind: 'blank' });
    const rep = checkReturn(wb, tpl);
    expect([rep.unit, rep.period]).toEqual(['某市妇联', { year: 2026, quarter: 3 }]);
    expect(wb.sheet(UNITS_SHEET.name)!.cell(3, 1)).toEqual({ value: text('=1+1') });
    // Two-plan: the template's default rows when no first return's rows are given.
    expect(rowOf(wb, tpl.sheets.twoPlan, 'K08')).toBeGreaterThan(2);
  });
});
