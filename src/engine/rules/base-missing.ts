/** `base-missing`: a relative or qualitative two-plan target with a blank 基期值, at the 基期值 cell. */
import { displayText } from '../read/cover';
import { needsBase } from '../read/target';
import type { Rule } from '../validate/rule';

export const rule: Rule<'base-missing'> = {
  id: 'base-missing',
  check: {
    twoPlanRow({ sheet, row, columns, baseline, midTyped, finalTyped, report }) {
      const relative = [midTyped, finalTyped].find(needsBase);
      if (!relative || !baseline.blank || columns.baseline === undefined) return;
      const col = relative === finalTyped ? columns.finalTarget : columns.midTarget;
      report('baseline', { target: col === undefined ? '' : displayText(sheet.cell(row, col)) });
    },
  },
};
