/**
 * Hook for `revised-earlier-quarter` (a later issue): with the previous quarter's return of the same unit, each
 * quarter cell before the report quarter that differs from what that return reported earns a warning at the cell,
 * params { indicator, name, column, previous, value }. Not implemented yet: reports nothing.
 */
import type { Quarter } from '../report';
import type { Template } from '../template/schema';
import type { WorkbookView } from '../workbook';
import type { DataSheetsRead } from './data-sheets';
import type { IssueSink } from './issues';

export function checkRevisions(
  previous: WorkbookView,
  template: Template,
  current: DataSheetsRead,
  quarter: Quarter,
  sink: IssueSink,
): void {
  void previous;
  void template;
  void current;
  void quarter;
  void sink;
}
