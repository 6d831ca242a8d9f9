/** `unknown-indicator`: a data-sheet row whose code the template lacks on that sheet, at the code cell (两纲监测 takes a federation's own rows). */
import type { Rule } from '../validate/rule';

export const rule: Rule<'unknown-indicator'> = {
  id: 'unknown-indicator',
  check: {
    table({ kind, name, codeRows, report }) {
      if (kind !== 'data') return;
      for (const { row, col, code, firstRow, known } of codeRows) {
        if (firstRow === null && !known) report({ row, col }, code, { indicator: code, sheet: name });
      }
    },
  },
};
