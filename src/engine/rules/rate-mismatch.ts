/** `rate-mismatch`: a typed quarter rate off numerator ÷ denominator by more than `ratePoints` percentage points. */
import { rateOf } from '../calc/figures';
import { quartersUpTo, type IndicatorRule } from '../validate/rule';
import { fmtPct } from '../validate/values';

export const rule: IndicatorRule<'rate-mismatch'> = {
  id: 'rate-mismatch',
  scope: 'indicator',
  check({ row, found, quarter, template, report }) {
    const ratio = row.indicator.ratio;
    if (!ratio) return;
    const tolerance = template.tolerances.ratePoints / 100;
    for (const { q, role } of quartersUpTo(quarter)) {
      const typed = row.quarters[q - 1];
      if (!typed || typed.failed || typed.value === null) continue;
      const num = found.get(ratio.numerator)?.quarters[q - 1]?.value ?? null;
      const den = found.get(ratio.denominator)?.quarters[q - 1]?.value ?? null;
      const computed = rateOf(num, den);
      if (computed !== null && Math.abs(typed.value - computed) > tolerance + 1e-12) {
        report(role, { typed: fmtPct(typed.value), computed: fmtPct(computed), numerator: ratio.numerator, denominator: ratio.denominator });
      }
    }
  },
};
