/** `negative-value`: 年计划 or any quarter's number below zero. */
import { QUARTER_ROLES, type IndicatorRule } from '../validate/rule';
import { fmtNum } from '../validate/values';

export const rule: IndicatorRule<'negative-value'> = {
  id: 'negative-value',
  scope: 'indicator',
  check({ row, report }) {
    const cells = [{ role: 'plan' as const, c: row.plan }, ...row.quarters.map((c, i) => ({ role: QUARTER_ROLES[i] ?? null, c }))];
    for (const { role, c } of cells) if (c.value !== null && c.value < 0) report(role, { value: fmtNum(c.value) });
  },
};
