/** `negative-value`: 年计划 or any quarter's number below zero. */
import { cellsOf, type Rule } from '../validate/rule';
import { fmtNum } from '../validate/values';

export const rule: Rule<'negative-value'> = {
  id: 'negative-value',
  check: {
    indicator({ row, report }) {
      for (const { role, reading: c } of cellsOf(row)) if (c.value !== null && c.value < 0) report(role, { value: fmtNum(c.value) });
    },
  },
};
