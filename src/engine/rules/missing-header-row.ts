/** `missing-header-row`: no row with the sheet's 指标代码 header, or a required column missing from it; no cell. */
import type { Rule } from '../validate/rule';

export const rule: Rule<'missing-header-row'> = {
  id: 'missing-header-row',
  check: {
    table({ name, missingLabel, report }) {
      if (missingLabel !== null) report(null, null, { sheet: name, label: missingLabel });
    },
  },
};
