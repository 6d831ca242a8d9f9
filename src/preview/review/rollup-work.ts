/**
 * The reviewer's downloads, made in the page's worker from the returns' compact results: the roll-up (as `merge`
 * makes it: the same Rollup sums, then written, read back, checked, planned and patched exactly as `fill` does) and
 * the review workbook (as `check --report OUT.xlsx`) and the annotated returns (as `check --annotate`) in one zip.
 */
import { checkReturn } from '../../engine/check';
import { planFill } from '../../engine/fill';
import type { Lang } from '../../engine/findings';
import { Rollup } from '../../engine/rollup';
import type { Template } from '../../engine/template/schema';
import { buildReviewModel } from '../../cli/report/model';
import { reviewXlsx } from '../../cli/report/xlsx';
import type { FileResult } from '../../cli/results';
import { zipSync } from 'fflate';
import { annotateXlsx } from '../../xlsx/annotate';
import { patchXlsx } from '../../xlsx/patch';
import { readXlsx } from '../../xlsx/read';
import { writeNewXlsx } from '../../xlsx/write';
import type { ReviewItem } from '../work';

type Ok = Extract<ReviewItem, { ok: true }>;

export interface AnnotateInput {
  /** The return's name in the batch (`folder/name.xlsx`); the copy in the zip keeps the file name. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly findings: Ok['findings'];
}

export type RollupRefusal =
  | { readonly kind: 'none' }
  | { readonly kind: 'versions'; readonly inForce: string; readonly files: readonly { file: string; version: string }[] }
  | { readonly kind: 'periods'; readonly common: string; readonly files: readonly { file: string; period: string }[] }
  | { readonly kind: 'errors'; readonly files: readonly { file: string; unit: string | null; errors: number }[] };

export type RollupResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly unit: string; readonly period: string; readonly count: number }
  | { readonly ok: false; readonly refusal: RollupRefusal };

const periodKey = (it: Ok): string => (it.report.period ? `${it.report.period.year}Q${it.report.period.quarter}` : '');

/** The most common key (ties: the one seen first), as merge picks the common period. */
function majority(keys: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  let best = '';
  let n = -1;
  for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
  return best;
}

/** The refusals of `merge`, in its order: another template version, then another period, then errors (unless allowed). */
export function rollupRefusal(items: readonly Ok[], template: Template, allowErrors: boolean): RollupRefusal {
  const inForce = `${template.id} ${template.version}`;
  const versionOf = (it: Ok): string => (it.report.stamp ? `${it.report.stamp.id} ${it.report.stamp.version}`.trim() : inForce);
  const oddVersions = items.filter((it) => versionOf(it) !== inForce);
  if (oddVersions.length) return { kind: 'versions', inForce, files: oddVersions.map((it) => ({ file: it.file, version: versionOf(it) })) };
  const common = majority(items.map(periodKey).filter((k) => k !== ''));
  const oddPeriods = items.filter((it) => periodKey(it) !== common || common === '');
  if (oddPeriods.length) {
    return { kind: 'periods', common, files: oddPeriods.map((it) => ({ file: it.file, period: periodKey(it) || (it.report.periodText ?? '') })) };
  }
  const withErrors = items.filter((it) => it.report.counts.error > 0);
  if (withErrors.length && !allowErrors) {
    return { kind: 'errors', files: withErrors.map((it) => ({ file: it.file, unit: it.report.unit, errors: it.report.counts.error })) };
  }
  return { kind: 'none' };
}

/** The roll-up of `items` (in the order given, as merge takes its files), or why merge would refuse it. */
export async function rollupWork(items: readonly Ok[], template: Template, options: { unit?: string; allowErrors: boolean }): Promise<RollupResult> {
  const refusal = rollupRefusal(items, template, options.allowErrors);
  if (refusal.kind !== 'none') return { ok: false, refusal };
  const rollup = new Rollup(template);
  for (const it of items) rollup.add(it.contribution);
  const first = items[0]!;
  const period = periodKey(first);
  const unit = options.unit ?? `${first.report.unit ?? ''}汇总`;
  const book = rollup.build({ unit, period, units: items.map((it) => it.unitRow), twoPlan: first.twoPlan });
  const fresh = await writeNewXlsx(book);
  const { view } = await readXlsx(fresh);
  const report = checkReturn(view, template);
  return { ok: true, bytes: patchXlsx(fresh, planFill(view, template, report)), unit, period, count: items.length };
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
