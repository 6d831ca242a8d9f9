/** `bad-direction`: a two-plan row whose 方向 is none of the template's directions, at the 方向 cell. */
import { isBlank } from '../cell';
import { displayText } from '../read/cover';
import type { Rule } from '../validate/rule';

export const rule: Rule<'bad-direction'> = {
  id: 'bad-direction',
  check: {
    twoPlanRow({ sheet, row, columns, direction, report }) {
      const col = columns.direction;
      if (direction !== null || col === undefined) return;
      const cell = sheet.cell(row, col);
      report('direction', { text: isBlank(cell.value) ? '' : displayText(cell) });
    },
  },
};
