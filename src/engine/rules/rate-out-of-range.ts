/**
 * `rate-out-of-range`: a rate above 100% — a quarter's typed rate (whether or not it also disagrees with its parts), or
 * where none is typed the computed one, and the rate's 累计 over the year.
 */
import { computedRate, quartersUpTo, type Rule } from '../validate/rule';
import { fmtPct } from '../validate/values';

export const rule: Rule<'rate-out-of-range'> = {
  id: 'rate-out-of-range',
  check: {
    indicator({ row, figures, found, quarter, report }) {
      const ratio = row.indicator.ratio;
      if (ratio) {
        for (const { q, role } of quartersUpTo(quarter)) {
          const typed = row.quarters[q - 1];
          if (!typed || typed.failed) continue;
          if (typed.value !== null) {
            if (typed.value > 1 + 1e-9) report(role, { rate: fmtPct(typed.value) });
            continue;
          }
          const computed = computedRate(found, ratio, q);
          if (computed !== null && computed > 1 + 1e-9) report(role, { rate: fmtPct(computed) });
        }
      }
      if (row.indicator.kind === 'rate' && figures.cumulative !== null && figures.cumulative > 1 + 1e-9) {
        report('cumulative', { rate: fmtPct(figures.cumulative) });
      }
    },
  },
};
