import type { Finding } from '../engine/findings';
import type { Period, ReturnReport } from '../engine/report';

/** One file of a `check` run: its report and rendered findings, or why it could not be read. */
export type FileResult =
  | { readonly file: string; readonly ok: true; readonly report: ReturnReport; readonly findings: readonly Finding[] }
  | { readonly file: string; readonly ok: false; readonly error: string; readonly folder?: true };

/** 2026Q3 — the one spelling of a period the CLI prints. */
export function formatPeriod(p: Period): string {
  return `${p.year}Q${p.quarter}`;
}

/** The period to print: normalised when readable, else as typed, else null. */
export function periodOf(report: ReturnReport): string | null {
  if (report.period) return formatPeriod(report.period);
  const typed = report.periodText?.trim();
  return typed ? typed : null;
}
