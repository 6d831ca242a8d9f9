/** `check --json`: exactly one JSON array, an object per file (spec section 5). Pure. */
import type { Finding, Severity } from '../../engine/findings';
import { periodOf, type FileResult } from '../results';

export interface JsonFileEntry {
  readonly file: string;
  readonly template: { readonly id: string; readonly version: string };
  readonly unit: string | null;
  readonly period: string | null;
  readonly completeness: { readonly overall: number; readonly sheets: Readonly<Record<string, number>> };
  readonly counts: Readonly<Record<Severity, number>>;
  readonly findings: readonly Finding[];
}

export interface JsonErrorEntry {
  readonly file: string;
  readonly error: string;
}

export function jsonEntry(r: FileResult): JsonFileEntry | JsonErrorEntry {
  if (!r.ok) return { file: r.file, error: r.error };
  const { report } = r;
  return {
    file: r.file,
    template: { id: report.template.id, version: report.template.version },
    unit: report.unit,
    period: periodOf(report),
    completeness: { overall: report.completeness.overall, sheets: { ...report.completeness.sheets } },
    counts: { error: report.counts.error, warning: report.counts.warning, info: report.counts.info },
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      sheet: f.sheet,
      cell: f.cell,
      indicator: f.indicator,
      message: f.message,
    })),
  };
}

export function json(results: readonly FileResult[]): string {
  return `${JSON.stringify(results.map(jsonEntry), null, 2)}\n`;
}
