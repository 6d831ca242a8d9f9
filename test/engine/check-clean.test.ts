import fc from 'fast-check';
import { buildBlankReturn, buildFilledReturn, checkReturn, formatFindings, standardTemplate } from '../../src/engine';

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
