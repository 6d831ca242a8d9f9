import type { CheckOptions } from '../engine/check';
import type { Finding, Lang } from '../engine/findings';
import type { ReturnReport } from '../engine/report';
import type { Template } from '../engine/template/schema';
import type { SheetView } from '../engine/workbook';

export interface CheckOutcome {
  readonly report: ReturnReport;
  readonly findings: readonly Finding[];
  /** The workbook's sheet names, in order (for messages about missing or renamed sheets). */
  readonly sheetNames: readonly string[];
}

/** The operations of the self-test (诊断), in the order they run; the pane labels each by its id. */
export const DIAGNOSTIC_STEPS = [
  'add-sheet',
  'write',
  'read',
  'activate',
  'select',
  'add-mark',
  'find-mark',
  'remove-mark',
  'rename-sheet',
  'calculation',
  'remove-sheet',
] as const;
export type DiagnosticStepId = (typeof DIAGNOSTIC_STEPS)[number];

export interface DiagnosticStep {
  readonly id: DiagnosticStepId;
  readonly ok: boolean;
  /** What the host saw: the value read back, the error's code and message, the calculation mode… (not translated). */
  readonly detail: string;
}

export interface Diagnosis {
  /** The host application as it names itself, e.g. `Excel` or `WPS 表格`. */
  readonly host: string;
  /** Its version and platform as the host reports them (`16.0.17928.20114`, `PC`), or '' when it does not say. */
  readonly version: string;
  readonly platform: string;
  /** The API levels the host supports, e.g. `ExcelApi 1.6: yes` (empty when the host has no such notion). */
  readonly apiSupport: readonly string[];
  readonly steps: readonly DiagnosticStep[];
}

/**
 * The workbook as the task pane sees it. The Office.js implementation is `excel.ts` and its parts (the WPS one in
 * `src/wps`); components receive a host as a prop and never import Office themselves, so tests and the preview can
 * hand them another one.
 *
 * Every write acts on the workbook as it is at that moment (contract section 7): `fill` and `highlight` read what
 * they need in the same batch in which they write, never an earlier check's layout.
 */
export interface WorkbookHost {
  /**
   * Reads what a check needs (one context.sync; two when a template sheet is missing) and runs the engine;
   * `options.previous` (the previous quarter's return, read from a file) adds the revisions since last quarter.
   */
  check(template: Template, lang: Lang, options?: CheckOptions): Promise<CheckOutcome>;
  /** Reads the workbook and writes the tool-owned formulas and 汇总 planned from that read: one read sync, one write. */
  fill(template: Template): Promise<void>;
  /** Activates the sheet, then selects the cell (or the sheet's A1 when cell is null). */
  select(sheet: string, cell: string | null): Promise<void>;
  /**
   * Reads and checks the workbook, then marks the cells of that check's findings (replacing earlier marks) with a
   * fill colour, without touching the cells' own formats: one read, one write. Returns the check it marked.
   */
  highlight(template: Template, lang: Lang, options?: CheckOptions): Promise<CheckOutcome>;
  /** Removes every mark `highlight` added, found by its marker, restoring each cell exactly: one read, one write. */
  clearHighlights(): Promise<void>;
  /** The self-test: each operation the pane uses, on a temporary sheet it adds and removes. */
  diagnose(): Promise<Diagnosis>;
  /**
   * The values of one sheet by name (a very hidden one too), or null when the workbook has no such sheet: how the pane
   * finds the template a return carries (engine/template/embed.ts). One context.sync when absent, two when present.
   * Optional: a host without it applies the template it is given.
   */
  readSheet?(name: string): Promise<SheetView | null>;
}

/** What stopped a host operation, as the pane can say it in the user's language. */
export type HostProblem =
  /** The sheets are protected (Review → Unprotect Sheet); names empty when Excel did not say which. */
  | { readonly kind: 'protected'; readonly sheets: readonly string[] }
  /** Another window took the focus mid-call (a workbook opened or switched to): nothing was changed. */
  | { readonly kind: 'focus' };

export class HostError extends Error {
  constructor(
    readonly problem: HostProblem,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}
