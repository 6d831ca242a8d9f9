/**
 * `stock-decrease`: a stock lower than in the quarter before, within one return. Across returns (the previous quarter's
 * return) it is reported by validate/revisions.ts.
 */
import { quarterValue, quartersUpTo, type IndicatorRule } from '../validate/rule';
import { fmtNum } from '../validate/values';

export const rule: IndicatorRule<'stock-decrease'> = {
  id: 'stock-decrease',
  scope: 'indicator',
  check({ row, quarter, report }) {
    if (row.indicator.kind !== 'stock') return;
    for (const { q, role } of quartersUpTo(quarter)) {
      if (q === 1) continue;
      const v = quarterValue(row, q, quarter);
      const prev = quarterValue(row, q - 1, quarter);
      if (v !== null && prev !== null && v < prev - 1e-9) report(role, { previous: fmtNum(prev), value: fmtNum(v) });
    }
  },
};
