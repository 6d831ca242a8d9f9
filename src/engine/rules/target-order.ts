/** `target-order`: a two-plan 中期目标 outside 基期值 … 终期目标 in the row's direction, at the 中期目标 cell. */
import { displayText } from '../read/cover';
import type { TwoPlanColumnRole } from '../template/schema';
import type { Rule } from '../validate/rule';

export const rule: Rule<'target-order'> = {
  id: 'target-order',
  check: {
    twoPlanRow({ sheet, row, columns, baseline, mid, final, direction, report }) {
      if (!direction || baseline.value === null || mid === null || final === null) return;
      const [lo, hi] = direction === 'higher' ? [baseline.value, final] : [final, baseline.value];
      if (mid >= lo - 1e-9 && mid <= hi + 1e-9) return;
      const show = (role: TwoPlanColumnRole): string => {
        const col = columns[role];
        return col === undefined ? '' : displayText(sheet.cell(row, col));
      };
      report('midTarget', { mid: show('midTarget'), baseline: show('baseline'), final: show('finalTarget') });
    },
  },
};
