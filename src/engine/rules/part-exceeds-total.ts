/** `part-exceeds-total`: in a quarter up to the report quarter, a part above its total (both numbers). */
import { quarterValue, quartersUpTo, type Rule } from '../validate/rule';
import { fmtNum } from '../validate/values';

export const rule: Rule<'part-exceeds-total'> = {
  id: 'part-exceeds-total',
  check: {
    indicator({ row, found, quarter, report }) {
      const partOf = row.indicator.partOf;
      if (!partOf?.mayNotExceed) return;
      const total = found.get(partOf.total);
      if (!total) return;
      for (const { q, role } of quartersUpTo(quarter)) {
        const v = quarterValue(row, q, quarter);
        const t = quarterValue(total, q, quarter);
        if (v !== null && t !== null && v > t + 1e-9) {
          report(role, { value: fmtNum(v), total: partOf.total, totalValue: fmtNum(t), totalName: total.indicator.name });
        }
      }
    },
  },
};
