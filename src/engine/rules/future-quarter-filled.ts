/** `future-quarter-filled`: a number in a quarter after the report quarter (only when 报告期 was read). */
import { QUARTER_ROLES, type Rule } from '../validate/rule';
import { fmtNum } from '../validate/values';

export const rule: Rule<'future-quarter-filled'> = {
  id: 'future-quarter-filled',
  check: {
    indicator({ row, quarter, periodKnown, report }) {
      if (!periodKnown) return;
      row.quarters.forEach((c, i) => {
        const role = QUARTER_ROLES[i];
        if (i + 1 > quarter && c.value !== null && role) report(role, { quarter, value: fmtNum(c.value) });
      });
    },
  },
};
