import { terminalText } from '../terminal-text';
import type { Template } from '../../engine/template/schema';
import type { WorkbookView } from '../../engine/workbook';
import { loadTemplate, oneLine, templateForReturn, type Command, type Context } from '../context';
import { pathKind } from '../files';
import { gatherInputs, type Inputs } from '../inputs';
import { loadEngine } from '../lazy';
import { json } from '../formatters/json';
import { stylish } from '../formatters/stylish';
import { CliError, UsageError } from '../io';
import type { FileResult } from '../results';
import { loadWorkbook } from '../workbook-file';

export const check: Command = {
  name: 'check',
  summary: { 'zh-CN': '检查报表，列出问题', en: 'check returns and list their problems' },
  help: {
    'zh-CN': `用法：fulian-returns check 文件或文件夹... [--json] [--lang zh-CN|en] [--template 模板文件] [--previous 上期报表] [--report 审核报告 [--last-year 去年文件夹]] [--annotate 文件夹]

按标准模板检查每个报表（文件夹：其中每个电子表格文件，不含子文件夹，跳过 ~$ 临时文件；.xls、.et、.ods 经 LibreOffice 转换后读取，其他文件列出不读）。

选项：
  --json              输出一个 JSON 数组，每个文件一个对象
  --lang zh-CN|en     消息语言（默认 zh-CN）
  --template 文件     使用另一版本的模板（JSON）
  --previous 上期报表 与同一单位同年上一季度的报表比对：已报季度数字被改动时警告（revised-earlier-quarter），
                      存量低于上期所报时警告（stock-decrease）；只能检查一个文件，单位或报告期不符时退出码 2
  --report 文件       另写一份审核报告（.xlsx 或 .html）：每份报表一行，需要跟进的排在前面，下附各自的问题
  --last-year 文件夹  去年同期的报表（与 --report 一起）：审核报告按单位对应去年的报表，增加“同比”一列
  --annotate 文件夹   把每份报表的批注副本（同名）写入该文件夹，用于退回修改：每个问题单元格加批注（说明和规则），
                      另加“问题清单”工作表，每行链接到问题单元格；原文件不变，副本不会写到原文件上
  -h, --help          显示本帮助

退出码：0 无错误（可有警告）；1 至少一个错误；2 无法按要求运行（参数有误、文件缺失或无法读取、模板有误）`,
    en: `Usage: fulian-returns check FILE-OR-DIR... [--json] [--lang zh-CN|en] [--template FILE] [--previous PREV.xlsx] [--report OUT [--last-year DIR2]] [--annotate OUTDIR]

Checks each return against the template (a folder: every spreadsheet file in it, not recursive, skipping ~$ lock files;
.xls, .et and .ods read through LibreOffice, other files listed and not read).

Options:
  --json              print one JSON array with an object per file
  --lang zh-CN|en     language of messages (default zh-CN)
  --template FILE     use another template version (JSON)
  --previous PREV     compare with the same unit's return of the previous quarter of the same year: warn where an
                      already reported quarter was changed (revised-earlier-quarter) or a stock fell below what was
                      reported (stock-decrease); one FILE only; another unit or period exits 2
  --report OUT        also write a review report (.xlsx or .html): a row per return, those that need a call
                      first, each return's findings below
  --last-year DIR2    last year's returns of the same quarter (with --report): matched by unit, the report gains
                      a 同比 column
  --annotate OUTDIR   write into OUTDIR an annotated copy of each return (same name) to send back: a comment on
                      each finding's cell (message and rule id) and a sheet 问题清单 linking to every finding's cell;
                      the inputs are never written
  -h, --help          show this help

Exit codes: 0 no errors (warnings allowed); 1 at least one error; 2 could not run as asked (bad arguments, a missing
or unreadable file, a broken template)`,
  },
  options: {
    json: { type: 'boolean' },
    template: { type: 'string' },
    previous: { type: 'string' },
    report: { type: 'string' },
    annotate: { type: 'string' },
    'last-year': { type: 'string' },
  },
  async run(ctx, args) {
    if (args.positionals.length === 0) throw new UsageError(ctx.m.missingPositional(ctx.lang === 'en' ? 'FILE-OR-DIR' : '要检查的文件或文件夹'), 'check');
    const template = await loadTemplate(ctx, args.options['template'] as string | undefined);
    const previous = await loadPrevious(ctx, args.options['previous'] as string | undefined, args.positionals);
    // --report OUT.xlsx|OUT.html: the review report of the returns (src/cli/report), checked for its name up front.
    const reportFile = args.options['report'] as string | undefined;
    const review = reportFile === undefined ? undefined : await import('../report');
    review?.assertReportFile(ctx, reportFile!);
    // --last-year DIR2: last year's returns of the same units, for the report's 同比 column.
    const lastYearDir = args.options['last-year'] as string | undefined;
    if (lastYearDir !== undefined && reportFile === undefined) {
      throw new UsageError(ctx.lang === 'en' ? '--last-year goes with --report (the review report gains a 同比 column)' : '--last-year 须与 --report 一起使用（审核报告中增加同比一列）', 'check');
    }
    if (lastYearDir !== undefined && (await pathKind(ctx.resolve(lastYearDir))) === 'missing') {
      throw new CliError(`--last-year ${lastYearDir}: ${ctx.m.readFailure('not-found')}`);
    }
    const results = await checkPaths(ctx, template, args.positionals, previous);
    ctx.io.stdout.write(args.options['json'] ? json(results) : stylish(results, ctx.lang, ctx.color));
    if (review) await review.writeReviewReport(ctx, results, template, reportFile!, await lastYearReturns(ctx, template, lastYearDir));
    const annotateDir = args.options['annotate'] as string | undefined;
    const unannotated = annotateDir === undefined ? 0 : await (await import('../annotate')).writeAnnotated(ctx, results, annotateDir);
    return unannotated > 0 ? 2 : exitCode(results);
  },
};

/** Last year's returns, checked quietly (an unreadable one is simply not matched); undefined without --last-year. */
async function lastYearReturns(ctx: Context, template: Template, dir: string | undefined) {
  if (dir === undefined) return undefined;
  const quiet: Context = { ...ctx, io: { ...ctx.io, stderr: { write: () => true }, stderrIsTTY: false } };
  const results = await checkPaths(quiet, template, [dir]);
  return results.flatMap((r) => (r.ok ? [{ file: r.file, report: r.report }] : []));
}

/** 2 when any file could not be read, else 1 when any error finding, else 0. */
export function exitCode(results: readonly FileResult[]): number {
  if (results.some((r) => !r.ok)) return 2;
  return results.some((r) => r.ok && r.report.counts.error > 0) ? 1 : 0;
}

/** Expands folders, then checks every file in turn; a damaged file gets its own entry and the rest go on. */
export async function checkPaths(
  ctx: Context,
  template: Template,
  paths: readonly string[],
  previous?: WorkbookView,
): Promise<FileResult[]> {
  const gathered = await gatherInputs(ctx, paths);
  try {
    return await checkInputs(ctx, template, gathered, previous);
  } finally {
    await gathered.cleanup();
  }
}

async function checkInputs(ctx: Context, template: Template, gathered: Inputs, previous?: WorkbookView): Promise<FileResult[]> {
  const files = gathered.inputs;
  const fromFolder = gathered.fromFolder;
  for (const n of gathered.notices) ctx.io.stderr.write(`fulian-returns: ${n}\n`);

  // A file that cannot be read gets its one line on stderr as it happens (over the progress line, if any).
  const progress = fromFolder && ctx.io.stderrIsTTY === true;
  const started = Date.now();
  const clear = progress ? '\r\u001b[K' : '';
  const results: FileResult[] = [];
  // Many files: checked ahead in a worker pool (src/cli/parallel), taken here in order; null = this thread.
  const pooled = previous ? null : (await import('../parallel/checks')).startChecks(ctx, template, files.filter((f) => f.error === undefined));
  for (const [i, f] of files.entries()) {
    if (progress) ctx.io.stderr.write(`${clear}${ctx.m.progress(i + 1, files.length, terminalText(f.file))}`);
    const r: FileResult =
      f.error !== undefined
        ? { file: f.file, ok: false, error: f.error, ...(f.folder ? { folder: true as const } : {}) }
        : pooled
          ? await pooled.next(f.file)
          : await checkFile(ctx, template, f.file, previous, f.path);
    if (!r.ok) ctx.io.stderr.write(`${clear}fulian-returns: ${terminalText(`${r.file}: ${r.error}`)}\n`);
    results.push(r);
  }
  // A long run ends by saying what it took, where the progress line stood (a terminal only: logs stay stable).
  if (progress) ctx.io.stderr.write(`${clear}${ctx.m.finished(files.length, Date.now() - started)}\n`);
  return results;
}

export async function checkFile(ctx: Context, inForce: Template, file: string, previous?: WorkbookView, path?: string): Promise<FileResult> {
  const loaded = await loadWorkbook(ctx, path ?? file);
  if (!loaded.ok) return { file, ok: false, error: loaded.error };
  const engine = await loadEngine();
  const { checkReturn, formatFindings, PreviousReturnError } = engine;
  const chosen = templateForReturn(ctx, engine, loaded.view, inForce);
  if (!chosen.ok) return { file, ok: false, error: chosen.error };
  const template = chosen.template;
  try {
    const report = checkReturn(loaded.view, template, { previous });
    const findings = formatFindings(report.issues, template, ctx.lang);
    return { file, ok: true, report, findings };
  } catch (e) {
    // --previous of another unit or period: the command cannot run as asked (exit 2, one line).
    if (e instanceof PreviousReturnError) throw new CliError(e.mismatch.message[ctx.lang]);
    return { file, ok: false, error: ctx.m.readFailure('check-failed', oneLine(e instanceof Error ? e.message : String(e))) };
  }
}

/** `--previous PREV.xlsx`: the previous quarter's return, for one FILE; unreadable → exit 2 with one line. */
async function loadPrevious(ctx: Context, file: string | undefined, paths: readonly string[]): Promise<WorkbookView | undefined> {
  if (file === undefined) return undefined;
  if (paths.length !== 1 || (await pathKind(ctx.resolve(paths[0]!))) === 'directory') {
    throw new UsageError(ctx.lang === 'en' ? '--previous takes exactly one return FILE' : '--previous 只能与一个报表文件一起使用', 'check');
  }
  const loaded = await loadWorkbook(ctx, file);
  if (!loaded.ok) throw new CliError(`${file}: ${loaded.error}`);
  return loaded.view;
}
