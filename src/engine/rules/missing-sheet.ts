/** `missing-sheet`: a template sheet the check reads (封面, a data sheet, 两纲监测) is absent; no cell. */
import type { Rule } from '../validate/rule';

export const rule: Rule<'missing-sheet'> = {
  id: 'missing-sheet',
  check: {
    sheet({ name, present, report }) {
      if (!present) report({ sheet: name });
    },
  },
};
