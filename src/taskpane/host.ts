import type { CheckOptions } from '../engine/check';
import type { Finding, Lang } from '../engine/findings';
import type { ReturnReport } from '../engine/report';
import type { Template } from '../engine/template/schema';

export interface CheckOutcome {
  readonly report: ReturnReport;
  readonly findings: readonly Finding[];
  /** The workbook's sheet names, in order (for messages about missing or renamed sheets). */
  readonly sheetNames: readonly string[];
}

/**
 * The workbook as the task pane sees it. The Office.js implementation lives in `excel.ts`; components receive a
 * host as a prop and never import Office themselves, so tests and the preview can hand them another one.
 */
export interface WorkbookHost {
  /**
   * Reads what a check needs (one context.sync; two when a template sheet is missing) and runs the engine;
   * `options.previous` (the previous quarter's return, read from a file) adds the revisions since last quarter.
   */
  check(template: Template, lang: Lang, options?: CheckOptions): Promise<CheckOutcome>;
  /** Writes the tool-owned formulas and the 汇总 sheet planned from the last check, in one context.sync. */
  fill(template: Template): Promise<void>;
  /** Activates the sheet, then selects the cell (or the sheet's A1 when cell is null). */
  select(sheet: string, cell: string | null): Promise<void>;
  /** Marks the findings' cells with a fill colour, without touching the cells' own formats (one context.sync). */
  highlight(findings: readonly Finding[]): Promise<void>;
  /** Removes every mark `highlight` added, restoring each cell exactly (one context.sync). */
  clearHighlights(): Promise<void>;
}
