/** `plan-missing`: a `plan` indicator with a blank 年计划 (and not also `required-missing`). */
import type { IndicatorRule } from '../validate/rule';

export const rule: IndicatorRule<'plan-missing'> = {
  id: 'plan-missing',
  scope: 'indicator',
  check({ row, report }) {
    if (row.indicator.plan && row.plan.blank) report('plan', {});
  },
};
