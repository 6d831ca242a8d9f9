/** `not-integer`: a fraction in 年计划 or a quarter of a whole-number indicator (a negative one is `negative-value` alone). */
import { QUARTER_ROLES, type IndicatorRule } from '../validate/rule';
import { fmtNum } from '../validate/values';

export const rule: IndicatorRule<'not-integer'> = {
  id: 'not-integer',
  scope: 'indicator',
  check({ row, report }) {
    if (!row.indicator.integer) return;
    const cells = [{ role: 'plan' as const, c: row.plan }, ...row.quarters.map((c, i) => ({ role: QUARTER_ROLES[i] ?? null, c }))];
    for (const { role, c } of cells) {
      if (c.value !== null && c.value >= 0 && Math.abs(c.value - Math.round(c.value)) > 1e-9) report(role, { value: fmtNum(c.value) });
    }
  },
};
