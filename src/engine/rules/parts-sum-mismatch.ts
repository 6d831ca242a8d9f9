/** `parts-sum-mismatch`: exhaustive parts that, all numbers, do not add up to the total (money within its tolerance). */
import { sumExact } from '../calc/sum';
import { quarterValue, quartersUpTo, type Rule } from '../validate/rule';
import { fmtNum } from '../validate/values';

export const rule: Rule<'parts-sum-mismatch'> = {
  id: 'parts-sum-mismatch',
  check: {
    indicator({ row, found, quarter, template, report }) {
      const { sumOf, unit } = row.indicator;
      if (!sumOf) return;
      const allowed = template.units[unit] !== undefined ? template.tolerances.money + 1e-9 : 1e-9;
      for (const { q, role } of quartersUpTo(quarter)) {
        const v = quarterValue(row, q, quarter);
        if (v === null) continue;
        const parts = sumOf.map((c) => quarterValue(found.get(c), q, quarter));
        if (!parts.every((p): p is number => p !== null)) continue;
        const sum = sumExact(parts);
        if (Math.abs(sum - v) > allowed) report(role, { value: fmtNum(v), sum: fmtNum(sum), parts: sumOf.join('+') });
      }
    },
  },
};
