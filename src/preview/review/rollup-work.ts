/**
 * The reviewer's downloads, made in the page's worker: the roll-up (merge's own code, src/xlsx/merge.ts, over the
 * returns' bytes), and
 * the review workbook (as `check --report OUT.xlsx`) and the annotated returns (as `check --annotate`) in one zip.
 */
import type { Lang } from '../../engine/findings';
import type { Template } from '../../engine/template/schema';
import { buildReviewModel } from '../../cli/report/model';
import { reviewXlsx } from '../../cli/report/xlsx';
import type { FileResult } from '../../cli/results';
import { zipSync } from 'fflate';
import { annotateXlsx } from '../../xlsx/annotate';
import { describeRefusal, mergeReturns, messages as mergeMessages, type MergeInput } from '../../xlsx/merge';
import type { ReviewItem } from '../work';

type Ok = Extract<ReviewItem, { ok: true }>;

export interface AnnotateInput {
  /** The return's name in the batch (`folder/name.xlsx`); the copy in the zip keeps the file name. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly findings: Ok['findings'];
}

export type RollupResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly unit: string; readonly period: string; readonly merged: number; readonly note: string }
  | { readonly ok: false; readonly refusal: string };

/** The roll-up of the returns given (in the order given, as merge takes its files), by merge's own code, or why not. */
export async function rollupWork(
  inputs: readonly MergeInput[],
  template: Template,
  options: { lang: Lang; allowErrors: boolean; allowDuplicates: boolean },
): Promise<RollupResult> {
  const out = await mergeReturns(inputs, { template, lang: options.lang, allowErrors: options.allowErrors, allowDuplicates: options.allowDuplicates });
  if (!out.ok) return { ok: false, refusal: describeRefusal(out.refusal, options.lang) };
  const m = mergeMessages(options.lang);
  const notes = [
    out.withErrors ? m.withErrors(out.withErrors) : '',
    out.duplicates ? m.duplicatesMerged(out.duplicates) : '',
    out.lacking.length ? m.lacking(out.lacking.join(m.listSep)) : '',
  ].filter(Boolean);
  return { ok: true, bytes: out.bytes, unit: out.unit, period: out.period, merged: out.merged, note: notes.join(' ') };
}

/** The review workbook of `check … --report OUT.xlsx` over the same results. */
export async function reviewWorkbookWork(items: readonly ReviewItem[], template: Template, lang: Lang): Promise<Uint8Array> {
  const results: FileResult[] = items.map((it) =>
    it.ok ? { file: it.file, ok: true, report: it.report, findings: it.findings } : { file: it.file, ok: false, error: it.error },
  );
  return reviewXlsx(buildReviewModel(results, template, lang));
}

/** The annotated returns of `check --annotate` (comments on each finding's cell and a 问题清单 sheet), as one zip. */
export function annotatedZipWork(returns: readonly AnnotateInput[], lang: Lang): { zip: Uint8Array; failed: { name: string; error: string }[] } {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  const failed: { name: string; error: string }[] = [];
  for (const r of returns) {
    const base = r.name.slice(r.name.lastIndexOf('/') + 1);
    try {
      // Stored, not deflated again: an .xlsx is a zip already.
      files[base] = [annotateXlsx(r.bytes, r.findings, { lang }), { level: 0 }];
    } catch (e) {
      failed.push({ name: r.name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { zip: zipSync(files), failed };
}
