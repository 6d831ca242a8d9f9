/**
 * `stock-decrease`: a stock lower than in the quarter before, at the later quarter's cell.
 *
 * Within one return (`indicator`), each quarter up to the report quarter. Across returns (`revision`, checked with the
 * previous quarter's return): this report quarter's value below what the previous return reported for its own report
 * quarter. This return holds that earlier quarter too, and the in-return check already warns when the stock falls from
 * it; so the cross-return warning is raised only when the in-return check cannot see the fall — the earlier quarter
 * was revised (or left blank) here. Both point at the report quarter's cell, so one cell carries at most one.
 */
import { plainNumber } from '../read/text';
import { QUARTER_ROLES, quarterValue, quartersUpTo, type QuarterRole, type Rule } from '../validate/rule';
import { fmtNum } from '../validate/values';

const EPS = 1e-9;

export const rule: Rule<'stock-decrease'> = {
  id: 'stock-decrease',
  check: {
    indicator({ row, quarter, report }) {
      if (row.indicator.kind !== 'stock') return;
      for (const { q, role } of quartersUpTo(quarter)) {
        if (q === 1) continue;
        const v = quarterValue(row, q, quarter);
        const prev = quarterValue(row, q - 1, quarter);
        if (v !== null && prev !== null && v < prev - EPS) report(role, { previous: fmtNum(prev), value: fmtNum(v) });
      }
    },
    revision({ indicator, current, previous, report }) {
      if (indicator.kind !== 'stock' || !current.cell(current.quarter)) return;
      const was = previous.figures.quarters[previous.quarter - 1] ?? null;
      const now = current.figures.quarters[current.quarter - 1] ?? null;
      const ownEarlier = current.figures.quarters[previous.quarter - 1] ?? null;
      const seenInReturn = ownEarlier !== null && now !== null && now < ownEarlier - EPS;
      if (was !== null && now !== null && now < was - EPS && !seenInReturn) {
        report(QUARTER_ROLES[current.quarter - 1] as QuarterRole, { previous: plainNumber(was), value: plainNumber(now) });
      }
    },
  },
};
