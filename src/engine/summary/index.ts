export { draftSummary, type FiguresSummary, type SummaryParagraph } from './draft';
export { lastYearMismatch, planChanges, type ChangeInput, type IndicatorChange } from './change';
export {
  formatSummary,
  formatSummaryJson,
  formatSummaryMarkdown,
  formatSummaryText,
  summaryProse,
  SUMMARY_FORMATS,
  type SummaryFormat,
} from './format';
export { resolvePhrases, type ResolvedPhrases } from './phrases';
export { renderPattern, formatPercent, formatValue } from './pattern';
export type { Phrases, PhraseSet } from './phrases-schema';
