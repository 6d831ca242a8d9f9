/** How an indicator appears in prose: its figure (or none), its name and its unit. Shared by the summary's parts. */
import type { IndicatorFigures, ReturnReport } from '../report';
import type { Indicator } from '../template/schema';
import type { ResolvedPhrases } from './phrases';

const PREFIX = /^\s*其中\s*[：:]\s*/;

/**
 * An indicator's 累计 as prose may state it: null when blank, unreadable, or (flow) a quarter up to the report quarter
 * is missing, or (stock) the report quarter's value is. Shared by the summary's paragraphs and its 同比 / 环比.
 */
export function proseFigure(report: ReturnReport, f: IndicatorFigures | undefined, ind: Indicator): number | null {
  if (!f || f.row === null || f.cumulative === null || !Number.isFinite(f.cumulative)) return null;
  // The quarter the engine used (from 报告期, or the last filled quarter when 报告期 is unreadable).
  const q = report.period?.quarter ?? report.quarter;
  if (q !== undefined && ind.kind === 'flow' && f.quarters.slice(0, q).some((v) => v === null)) return null;
  if (q !== undefined && ind.kind === 'stock' && f.quarters[q - 1] === null) return null;
  return f.cumulative;
}

/** An indicator's name in prose: its phrase name, else the template name without a leading 其中：. */
export function proseName(ph: ResolvedPhrases, ind: Indicator): string {
  return ph.indicators[ind.code]?.name ?? ind.name.replace(PREFIX, '');
}

/** An indicator's unit in prose, or null (a rate, or a unit the phrases write as nothing). */
export function proseUnit(ph: ResolvedPhrases, ind: Indicator): string | null {
  const u = ph.units[ind.unit] ?? ind.unit;
  return u === '' || ind.kind === 'rate' ? null : u;
}

