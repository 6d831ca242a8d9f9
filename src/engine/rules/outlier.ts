/**
 * `outlier`: a quarter over `outlierQuarterFactor` times the mean of the other filled quarters (where that mean is above
 * 0), or 累计 over `outlierPlanFactor` times 年计划. Not for rates.
 */
import { quarterValue, quartersUpTo, type Rule } from '../validate/rule';
import { fmtNum } from '../validate/values';

export const rule: Rule<'outlier'> = {
  id: 'outlier',
  check: {
    indicator({ row, figures, quarter, template, report }) {
      if (row.indicator.kind === 'rate') return;
      const tol = template.tolerances;
      for (const { q, role } of quartersUpTo(quarter)) {
        const v = quarterValue(row, q, quarter);
        if (v === null) continue;
        const others: number[] = [];
        for (let o = 1; o <= quarter; o++) {
          const ov = o === q ? null : quarterValue(row, o, quarter);
          if (ov !== null) others.push(ov);
        }
        if (others.length === 0) continue;
        const mean = others.reduce((a, b) => a + b, 0) / others.length;
        if (mean > 0 && v > tol.outlierQuarterFactor * mean) {
          report(role, { value: fmtNum(v), factor: tol.outlierQuarterFactor, reference: fmtNum(mean) });
        }
      }
      const { cumulative, plan } = figures;
      if (cumulative !== null && plan !== null && plan > 0 && cumulative > tol.outlierPlanFactor * plan) {
        report('cumulative', { value: fmtNum(cumulative), factor: tol.outlierPlanFactor, reference: fmtNum(plan) });
      }
    },
  },
};
