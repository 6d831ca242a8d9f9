/** `plan-missing`: a `plan` indicator with a blank 年计划 (and not also `required-missing`). */
import type { Rule } from '../validate/rule';

export const rule: Rule<'plan-missing'> = {
  id: 'plan-missing',
  check: {
    indicator({ row, report }) {
      if (row.indicator.plan && row.plan.blank) report('plan', {});
    },
  },
};
