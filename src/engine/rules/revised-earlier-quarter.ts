/**
 * `revised-earlier-quarter` (checked with the previous quarter's return): a quarter cell before this report quarter whose
 * value differs from what that return reported. Numbers compare as read (so `1262余` and `1262` agree), anything
 * unreadable by its text; the message shows both.
 */
import type { Cell } from '../cell';
import { displayText } from '../read/cover';
import { plainNumber } from '../read/text';
import { QUARTER_ROLES, type QuarterRole, type Rule } from '../validate/rule';

const EPS = 1e-9;
const differ = (a: number, b: number) => Math.abs(a - b) > EPS * Math.max(1, Math.abs(a), Math.abs(b));
const bare = (cell: Cell) => displayText(cell).replace(/\s+/g, '');

function shown(reading: number | null, cell: Cell, unit: string): string {
  if (reading !== null) return unit === '%' ? `${plainNumber(reading * 100, 2)}%` : plainNumber(reading);
  const t = displayText(cell);
  return t === '' ? '—' : t;
}

export const rule: Rule<'revised-earlier-quarter'> = {
  id: 'revised-earlier-quarter',
  check: {
    revision({ indicator, current, previous, report }) {
      for (let q = 1; q < current.quarter; q++) {
        const now = current.cell(q);
        const was = previous.cell(q);
        if (!now || !was) continue;
        const cv = current.figures.quarters[q - 1] ?? null;
        const pv = previous.figures.quarters[q - 1] ?? null;
        const revised = cv !== null && pv !== null ? differ(cv, pv) : cv !== null || pv !== null || bare(now) !== bare(was);
        if (revised) report(QUARTER_ROLES[q - 1] as QuarterRole, { previous: shown(pv, was, indicator.unit), value: shown(cv, now, indicator.unit) });
      }
    },
  },
};
