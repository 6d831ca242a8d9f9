/** `check … --report OUT.xlsx|OUT.html`: the review report of a checked folder, written atomically. */
import { extname } from 'node:path';
import type { Template } from '../../engine/template/schema';
import type { Context } from '../context';
import { writeFailure } from '../atomic-write';
import { errorDetail, writeFileAtomic } from '../files';
import { CliError, UsageError } from '../io';
import type { FileResult } from '../results';
import { buildReviewModel, type LastYearReturn } from './model';

export type ReportFormat = 'xlsx' | 'html';

/** The format of a report file by its extension, or null. */
export function reportFormat(file: string): ReportFormat | null {
  const ext = extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.html' || ext === '.htm') return 'html';
  return null;
}

/** Throws a usage error (exit 2) before any checking when OUT has neither extension. */
export function assertReportFile(ctx: Context, file: string): void {
  if (reportFormat(file) !== null) return;
  throw new UsageError(
    ctx.lang === 'en' ? `--report ${file}: the report must end in .xlsx or .html` : `--report ${file}：审核报告的文件名须以 .xlsx 或 .html 结尾`,
    'check',
  );
}

export async function writeReviewReport(
  ctx: Context,
  results: readonly FileResult[],
  template: Template,
  file: string,
  lastYear?: readonly LastYearReturn[],
): Promise<void> {
  assertReportFile(ctx, file);
  const target = ctx.resolve(file);
  if (results.some((r) => ctx.resolve(r.file) === target)) {
    throw new CliError(ctx.lang === 'en' ? `--report ${file} is one of the returns checked; choose another name` : `--report ${file} 是被检查的报表之一，请换一个文件名`);
  }
  const model = buildReviewModel(results, template, ctx.lang, lastYear);
  let bytes: Uint8Array;
  if (reportFormat(file) === 'html') {
    const { reviewHtml } = await import('./html');
    bytes = new TextEncoder().encode(reviewHtml(model));
  } else {
    const { reviewXlsx } = await import('./xlsx');
    bytes = await reviewXlsx(model);
  }
  try {
    await writeFileAtomic(target, bytes);
  } catch (e) {
    throw new CliError(writeFailure(ctx.m, file, e, errorDetail));
  }
  // Where it went, as an absolute path (stderr: stdout may be --json).
  ctx.io.stderr.write(`fulian-returns: ${ctx.lang === 'en' ? `review report written to ${target}` : `审核报告已写入 ${target}`}\n`);
}
