/** `fulian-returns summary FILE [--lang en] [--format text|md|json]`: the figures summary (数据摘要) of a return. */
import type { Lang } from '../../engine/findings';
import type { SummaryFormat } from '../../engine/summary/format';
import { loadTemplate, oneLine, templateForReturn, type Command } from '../context';
import { CliError, UsageError } from '../io';
import { loadEngine } from '../lazy';
import { loadWorkbook } from '../workbook-file';

const FORMATS: readonly SummaryFormat[] = ['text', 'md', 'json'];

const words: Record<Lang, { file: string; badFormat: (v: string) => string; hasErrors: (file: string, n: number) => string; other: (opt: string, file: string, why: string) => string }> = {
  'zh-CN': {
    file: '报表文件',
    badFormat: (v) => `--format 只能是 text、md 或 json，而不是「${v}」`,
    hasErrors: (f, n) => `${f} 有 ${n} 个错误，摘要中的数字可能不准确（运行 fulian-returns check 查看）`,
    other: (opt, f, why) => `${opt} ${f}：${why}`,
  },
  en: {
    file: 'FILE',
    badFormat: (v) => `--format must be text, md or json, not "${v}"`,
    hasErrors: (f, n) => `${f} has ${n} error(s); figures in the summary may be wrong (run fulian-returns check)`,
    other: (opt, f, why) => `${opt} ${f}: ${why}`,
  },
};

export const summaryCommand: Command = {
  name: 'summary',
  summary: { 'zh-CN': '起草数据摘要（工作报告中的数字段落）', en: 'draft the figures summary for the work report' },
  help: {
    'zh-CN': `用法：fulian-returns summary 文件 [--format text|md|json] [--lang zh-CN|en] [--template 模板文件] [--previous 上季度报表] [--last-year 去年同期报表]

按报表中的数字起草数据摘要：每个工作表一段，两纲监测一段，滞后序时进度的计划指标一段。
数字取自工具的计算（累计、完成年计划），措辞取自模板的 phrases 部分；未填或无法读取的指标不写入正文，在段后注明。

选项：
  --previous 文件        同一单位同年上一季度的报表：每个计划指标写环比（比上季度增加/减少……，按累计比较）
  --last-year 文件       同一单位去年同一季度的报表：每个计划指标写同比（同比增长/下降……%）
  --format text|md|json  输出格式：纯文本（默认）、Markdown 或 JSON
  --lang zh-CN|en        摘要语言（默认 zh-CN）
  --template 文件        使用另一版本的模板（JSON），其中的 phrases 决定措辞
  -h, --help             显示本帮助

退出码：0 报表无错误；1 报表有错误（仍输出摘要，并在标准错误输出提示）；2 无法按要求运行（参数有误、文件缺失或无法读取、模板有误）`,
    en: `Usage: fulian-returns summary FILE [--format text|md|json] [--lang zh-CN|en] [--template FILE] [--previous PREV] [--last-year FILE]

Drafts the figures summary of a return: a paragraph per data sheet, one for the two-plan indicators, and one listing
the plan indicators behind time progress. Figures come from the tool's own numbers (累计, percent of plan), wording
from the template's phrases; a blank or unreadable figure is left out of the prose and named in a note.

Options:
  --previous PREV        the same unit's return of the previous quarter of the same year: each plan indicator's
                         change against that quarter's 累计 (环比)
  --last-year FILE       the same unit's return of the same quarter last year: each plan indicator's change in
                         percent (同比)
  --format text|md|json  output as plain text (default), Markdown or JSON
  --lang zh-CN|en        language of the summary (default zh-CN)
  --template FILE        use another template version (JSON); its phrases decide the wording
  -h, --help             show this help

Exit codes: 0 the return has no errors; 1 it has errors (the summary is still printed, with a note on stderr);
2 could not run as asked (bad arguments, a missing or unreadable file, a broken template)`,
  },
  options: { format: { type: 'string' }, template: { type: 'string' }, previous: { type: 'string' }, 'last-year': { type: 'string' } },
  async run(ctx, args) {
    const w = words[ctx.lang];
    const [file, extra] = args.positionals;
    if (file === undefined) throw new UsageError(ctx.m.missingPositional(w.file), 'summary');
    if (extra !== undefined) throw new UsageError(ctx.m.tooManyPositionals(extra), 'summary');
    const format = (args.options['format'] as string | undefined) ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(w.badFormat(format), 'summary');
    const inForce = await loadTemplate(ctx, args.options['template'] as string | undefined);
    const loaded = await loadWorkbook(ctx, file);
    if (!loaded.ok) throw new CliError(`${file}: ${oneLine(loaded.error)}`);
    const engine = await loadEngine();
    const { checkReturn, comparePeriods, draftSummary, formatSummary, lastYearMismatch } = engine;
    const chosen = templateForReturn(ctx, engine, loaded.view, inForce);
    if (!chosen.ok) throw new CliError(`${file}: ${chosen.error}`);
    const template = chosen.template;
    const report = checkReturn(loaded.view, template);
    // --previous and --last-year: the same unit's returns, checked like this one; a mismatch cannot run (exit 2).
    const other = async (opt: string, path: string | undefined) => {
      if (path === undefined) return undefined;
      const l = await loadWorkbook(ctx, path);
      if (!l.ok) throw new CliError(`${path}: ${oneLine(l.error)}`);
      return checkReturn(l.view, template);
    };
    const previousFile = args.options['previous'] as string | undefined;
    const lastYearFile = args.options['last-year'] as string | undefined;
    const previous = await other('--previous', previousFile);
    const lastYear = await other('--last-year', lastYearFile);
    const pm = previous ? comparePeriods(report, previous) : null;
    if (pm && !pm.ok) throw new CliError(w.other('--previous', previousFile!, pm.error.message[ctx.lang]));
    const lm = lastYear ? lastYearMismatch(report, lastYear) : null;
    if (lm) throw new CliError(w.other('--last-year', lastYearFile!, lm[ctx.lang]));
    const out = formatSummary(draftSummary(report, template, ctx.lang, { previous, lastYear }), format as SummaryFormat);
    ctx.io.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
    if (report.counts.error > 0) {
      ctx.io.stderr.write(`fulian-returns: ${w.hasErrors(file, report.counts.error)}\n`);
      return 1;
    }
    return 0;
  },
};
