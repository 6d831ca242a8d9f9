/** `cover-field-missing`: a required 封面 field whose label row is absent (no cell) or whose value cell is blank. */
import type { Rule } from '../validate/rule';

export const rule: Rule<'cover-field-missing'> = {
  id: 'cover-field-missing',
  check: {
    coverField({ field, value, report }) {
      if (field.required && value === null) report({});
    },
  },
};
