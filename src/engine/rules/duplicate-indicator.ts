/** `duplicate-indicator`: a code appearing again on a sheet, at the later code cell (its row is not read). */
import type { Rule } from '../validate/rule';

export const rule: Rule<'duplicate-indicator'> = {
  id: 'duplicate-indicator',
  check: {
    table({ codeRows, report }) {
      for (const { row, col, code, firstRow } of codeRows) {
        if (firstRow !== null) report({ row, col }, code, { indicator: code, firstRow });
      }
    },
  },
};
