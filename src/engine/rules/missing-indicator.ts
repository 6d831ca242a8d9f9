/**
 * `missing-indicator`: a code the template expects on a sheet (a data-sheet indicator, a default two-plan row) with no
 * row; no cell. A sheet whose header row is not found is `missing-header-row` alone.
 */
import type { Rule } from '../validate/rule';

export const rule: Rule<'missing-indicator'> = {
  id: 'missing-indicator',
  check: {
    table({ missingLabel, codeRows, expected, report }) {
      if (missingLabel !== null) return;
      const present = new Set(codeRows.map((r) => r.code));
      for (const { code, name } of expected) if (!present.has(code)) report(null, code, { indicator: code, name });
    },
  },
};
