/** `not-integer`: a fraction in 年计划 or a quarter of a whole-number indicator (a negative one is `negative-value` alone). */
import { cellsOf, type Rule } from '../validate/rule';
import { fmtNum } from '../validate/values';

export const rule: Rule<'not-integer'> = {
  id: 'not-integer',
  check: {
    indicator({ row, report }) {
      if (!row.indicator.integer) return;
      for (const { role, reading: c } of cellsOf(row)) {
        if (c.value !== null && c.value >= 0 && Math.abs(c.value - Math.round(c.value)) > 1e-9) report(role, { value: fmtNum(c.value) });
      }
    },
  },
};
