/**
 * The engine's public API: everything hosts (task pane, CLI, preview, xlsx layer) need. Pure: no Office.js, React,
 * Node built-ins or file access anywhere under src/engine.
 */
export * from './address';
export * from './cell';
export { toFixedShown, roundShown, formatPercent, formatNumber, displayValue, displayCell } from './display';
export type { SheetView, WorkbookView } from './workbook';
export { MemoryWorkbook, MemorySheet } from './memory-workbook';
export * from './findings';
export type * from './report';
export * from './fill-plan';
export type { Template, Indicator, DataColumnRole, TwoPlanColumnRole, CoverField, TwoPlanDefaultRow } from './template/schema';
export { parseTemplate, parseTemplateJson, standardTemplate, knownTemplates, knownTemplate, type TemplateResult } from './template/load';
export { chooseTemplate, templateKey, type TemplateChoice } from './template/choose';
export { embedTemplate, readEmbeddedTemplate, templateFromSheet, EMBEDDED_TEMPLATE_SHEET } from './template/embed';
export { templateToBook, templateFromBook, relationText, BOOK_SHEETS, type TemplateBook, type BookProblem, type ListValidation } from './template/book';
export { readNumber, type NumberReading, type ReadNote, type ReadContext } from './read/number';
export { readPeriod, readDate, isPhone, isDivisionCode, displayText } from './read/cover';

export { checkReturn, templateSheetOrder, type CheckOptions } from './check';
export {
  checkRevisions,
  comparePeriods,
  withRevisions,
  PreviousReturnError,
  type PreviousMismatch,
  type PreviousMismatchReason,
  type RevisionsResult,
} from './validate/revisions';
export {
  draftSummary,
  lastYearMismatch,
  planChanges,
  type ChangeInput,
  type IndicatorChange,
  formatSummary,
  formatSummaryText,
  formatSummaryMarkdown,
  formatSummaryJson,
  summaryProse,
  SUMMARY_FORMATS,
  type FiguresSummary,
  type SummaryParagraph,
  type SummaryFormat,
} from './summary';
export {
  foldDivisionCode,
  foldUnitName,
  matchesUnit,
  parseExpectList,
  periodWords,
  reminderText,
  reportingStatus,
  type ExpectedUnit,
  type ExpectListProblem,
  type ReceivedReturn,
  type ReportingStatus,
} from './status';
export { formatFindings, severityOf, renderMessage, countBySeverity } from './messages';
export { planFill } from './fill';
export { buildBlankReturn, type BlankReturnOptions } from './blank';
export {
  cumulativeOf,
  rateOf,
  percentOfPlan,
  timeProgress,
  progressStatus,
  directionOf,
  twoPlanStatus,
} from './calc/figures';
