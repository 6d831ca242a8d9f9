/** `future-quarter-filled`: a number in a quarter after the report quarter (only when 报告期 was read). */
import { QUARTER_ROLES, type IndicatorRule } from '../validate/rule';
import { fmtNum } from '../validate/values';

export const rule: IndicatorRule<'future-quarter-filled'> = {
  id: 'future-quarter-filled',
  scope: 'indicator',
  check({ row, quarter, periodKnown, report }) {
    if (!periodKnown) return;
    row.quarters.forEach((c, i) => {
      if (i + 1 > quarter && c.value !== null) report(QUARTER_ROLES[i] ?? null, { quarter, value: fmtNum(c.value) });
    });
  },
};
