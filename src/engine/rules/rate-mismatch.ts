/** `rate-mismatch`: a typed quarter rate off numerator ÷ denominator by more than `ratePoints` percentage points. */
import { computedRate, quartersUpTo, type Rule } from '../validate/rule';
import { fmtPct } from '../validate/values';

export const rule: Rule<'rate-mismatch'> = {
  id: 'rate-mismatch',
  check: {
    indicator({ row, found, quarter, template, report }) {
      const ratio = row.indicator.ratio;
      if (!ratio) return;
      const tolerance = template.tolerances.ratePoints / 100;
      for (const { q, role } of quartersUpTo(quarter)) {
        const typed = row.quarters[q - 1];
        if (!typed || typed.failed || typed.value === null) continue;
        const computed = computedRate(found, ratio, q);
        if (computed !== null && Math.abs(typed.value - computed) > tolerance + 1e-12) {
          report(role, { typed: fmtPct(typed.value), computed: fmtPct(computed), numerator: ratio.numerator, denominator: ratio.denominator });
        }
      }
    },
  },
};
