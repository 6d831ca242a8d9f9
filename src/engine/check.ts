/** checkReturn: one pass over a return, yielding its issues, figures, completeness and layout (a ReturnReport). */
import type { Quarter, ReturnReport } from './report';
import type { Template } from './template/schema';
import type { WorkbookView } from './workbook';
import { countBySeverity } from './messages';
import { checkCover } from './validate/cover';
import { checkDataSheets, readDataSheets } from './validate/data-sheets';
import { IssueSink } from './validate/issues';
import { checkRevisions, PreviousReturnError, withRevisions } from './validate/revisions';
import { checkTwoPlan } from './validate/two-plan';

export interface CheckOptions {
  /**
   * The same unit's return of the previous quarter: adds `revised-earlier-quarter` and the cross-return
   * `stock-decrease` (validate/revisions.ts). Another unit or not the quarter before throws `PreviousReturnError`.
   */
  readonly previous?: WorkbookView;
}

/** Template sheets in the order findings are sorted by. */
export function templateSheetOrder(template: Template): string[] {
  return [template.sheets.cover, ...template.sheets.data.map((d) => d.name), template.sheets.twoPlan, template.sheets.summary];
}

/**
 * Checks a return against a template. Never throws on workbook content: every problem becomes an issue.
 *
 * The report quarter comes from 封面 报告期. When it is unreadable (bad-period or blank), the checks use the last
 * quarter that holds any value on the data sheets (Q1 when none) as the report quarter, so required cells, relations and
 * 累计 still mean something; `future-quarter-filled` is not reported then, and `report.period` stays null.
 */
export function checkReturn(view: WorkbookView, template: Template, options: CheckOptions = {}): ReturnReport {
  const sink = new IssueSink(templateSheetOrder(template));
  const cover = checkCover(view, template, sink);
  const read = readDataSheets(view, template);
  const periodKnown = cover.period !== null;
  const quarter: Quarter = cover.period?.quarter ?? ((Math.max(1, read.lastFilledQuarter) as Quarter));
  const data = checkDataSheets(view, template, sink, read, quarter, periodKnown);
  const twoPlan = checkTwoPlan(view, template, sink);

  const issues = sink.sorted();
  const required = data.completeness.reduce((a, s) => a + s.requiredCells, 0);
  const filled = data.completeness.reduce((a, s) => a + s.filledCells, 0);
  const report: ReturnReport = {
    template: { id: template.id, version: template.version },
    stamp: cover.stamp,
    unit: cover.unit,
    divisionCode: cover.divisionCode,
    periodText: cover.periodText,
    period: cover.period,
    quarter,
    issues,
    counts: countBySeverity(issues, template),
    completeness: {
      overall: required === 0 ? 1 : filled / required,
      sheets: Object.fromEntries(data.completeness.map((s) => [s.sheet, s.fraction])),
      detail: data.completeness,
    },
    indicators: data.figures,
    twoPlan: { rows: twoPlan.rows, counts: twoPlan.counts },
    layout: { dataSheets: read.layouts, twoPlan: twoPlan.layout },
  };
  if (!options.previous) return report;
  const revisions = checkRevisions(view, options.previous, template, report, checkReturn(options.previous, template));
  if (!revisions.ok) throw new PreviousReturnError(revisions.error);
  return withRevisions(report, revisions.issues, template);
}
