import type { Indicator, Template } from '../template/schema';

/**
 * The standard template widened to `dataRows` data-sheet indicators (for benchmarks): extra flow indicators
 * `X0001`, `X0002`, … (unit 人, every fifth with a plan) spread over the data sheets in turn. A template, not code:
 * the engine handles it like any federation's own version.
 */
export function stressTemplate(base: Template, dataRows: number): Template {
  const out = structuredClone(base) as Template & { indicators: Indicator[] };
  const sheets = out.sheets.data.map((s) => s.name);
  const extra = Math.max(0, dataRows - out.indicators.length);
  for (let i = 1; i <= extra; i++) {
    out.indicators.push({
      code: `X${String(i).padStart(4, '0')}`,
      sheet: sheets[i % sheets.length] ?? '',
      name: `压力测试指标${i}`,
      unit: '人',
      kind: 'flow',
      plan: i % 5 === 0,
      integer: true,
    });
  }
  return { ...out, version: `${base.version}-stress${dataRows}` };
}

