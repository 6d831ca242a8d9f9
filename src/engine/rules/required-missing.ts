/** `required-missing`: a quarter up to the report quarter left blank (a rate row's quarters are not required). */
import { quartersUpTo, type Rule } from '../validate/rule';

export const rule: Rule<'required-missing'> = {
  id: 'required-missing',
  check: {
    indicator({ row, quarter, report }) {
      if (row.indicator.kind === 'rate') return;
      for (const { q, role } of quartersUpTo(quarter)) if (row.quarters[q - 1]?.blank) report(role, {});
    },
  },
};
