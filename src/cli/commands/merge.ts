/**
 * `fulian-returns merge FILE-OR-DIR... -o OUT [--unit NAME] [--preparer NAME] [--reviewer NAME] [--phone TEL]
 * [--date DATE] [--allow-errors] [--allow-duplicates]` (spec section 6): a thin shell over src/xlsx/merge.ts (shared
 * with the web page). Workers read and check the files and send back compact MergeItems; this thread feeds them to a
 * Merger (the returns' typed numbers and one small row each, never the workbooks), then writes its bytes atomically.
 */
import type { Lang } from '../../engine/findings';
import { loadTemplate, oneLine, type Command, type Context } from '../context';
import { writeFailure } from '../atomic-write';
import type { ParsedArgs } from '../args';
import { errorDetail, writeFileAtomic } from '../files';
import { gatherInputs, type Input, type Inputs } from '../inputs';
import { terminalText } from '../terminal-text';
import { CliError, UsageError } from '../io';
import type { Task } from '../parallel/task';
import type { MergeItem, MergeOptions, MergeOutcome } from '../../xlsx/merge';

const text = {
  'zh-CN': {
    what: '要汇总的文件或文件夹',
    noXlsx: (dir: string) => `${dir}：文件夹中没有报表文件（.xlsx、.xlsm、.xls、.et、.ods）`,
    notFound: (p: string) => `${p}：找不到该文件或文件夹`,
    outputIsInput: (out: string) => `输出文件 ${out} 也是输入文件；汇总不会改动任何输入文件，请换一个输出文件名`,
  },
  en: {
    what: 'FILE-OR-DIR',
    noXlsx: (dir: string) => `${dir}: no return file in the folder (.xlsx, .xlsm, .xls, .et, .ods)`,
    notFound: (p: string) => `${p}: no such file or folder`,
    outputIsInput: (out: string) => `the output ${out} is also an input; merge never changes an input, choose another output name`,
  },
} as const satisfies Record<Lang, unknown>;

export const merge: Command = {
  name: 'merge',
  summary: { 'zh-CN': '把同一报告期的多份报表汇总成一份', en: 'roll the returns of one period up into one return' },
  help: {
    'zh-CN': `用法：fulian-returns merge 文件或文件夹... -o 输出文件 [--unit 单位名称] [--preparer 姓名] [--reviewer 姓名]
       [--phone 电话] [--date 日期] [--allow-errors] [--template 模板文件]

把同一报告期、同一模板版本的多份报表汇总成一份新报表（文件夹：其中每个电子表格文件，不含子文件夹；.xls、.et、.ods 经 LibreOffice 转换）：
各数据表用户填写的单元格（年计划、各季度）逐格相加，比率行留空、其累计由公式计算；累计、完成年计划(%)、
序时进度(%) 的公式和「汇总」表与 fill 写的完全一样；「两纲监测」沿用第一份报表的指标行和目标值，本期值留空；
新增「各单位」表，每份报表一行：填报单位、文件、完整率(%)、错误数、警告数及各计划指标的累计；
输入本身是汇总报表时（逐级汇总），其后接着列出它「各单位」表中的各行，并在「上级单位」列注明。
用 --preparer、--reviewer、--phone、--date 写入汇总报表的封面（填报日期默认为今天），汇总报表即可作为一份报表再上报。
无法识别的数值按空白计。每份报表封面「模板版本」一行须与所用模板一致（没有该行的旧报表按所用模板计），
汇总报表写上同一版本。不改动任何输入文件；输出文件原子写入。

选项：
  -o, --output 文件   输出文件（必填；已存在时不覆盖，除非加 --force）
  --unit 名称         汇总报表的填报单位（默认：第一份报表的单位加「汇总」）
  --preparer 姓名     汇总报表封面的填报人
  --reviewer 姓名     汇总报表封面的审核人
  --phone 电话        汇总报表封面的联系电话
  --date 日期         汇总报表封面的填报日期（默认：今天）
  --allow-errors      有错误的报表也照常汇总（默认拒绝并列出）
  --allow-duplicates  同一单位（行政区划代码、填报单位或文件内容相同）的多份报表也照常汇总（默认拒绝并列出）
  --force             覆盖已存在的输出文件
  --lang zh-CN|en     消息语言（默认 zh-CN）
  --template 文件     使用另一版本的模板（JSON）
  -h, --help          显示本帮助

环境变量 FULIAN_RETURNS_JOBS：并行线程数（默认为 CPU 数；1 为单线程）。

退出码：0 已汇总；1 有报表存在错误（未汇总）；2 无法按要求运行（参数有误、文件缺失或无法读取、报告期或模板版本不一致）`,
    en: `Usage: fulian-returns merge FILE-OR-DIR... -o OUT [--unit NAME] [--preparer NAME] [--reviewer NAME]
       [--phone TEL] [--date DATE] [--allow-errors] [--template FILE]

Rolls the returns of one period and template version up into one new return (a folder: every spreadsheet file in it,
not recursive; .xls, .et, .ods through LibreOffice): every data-sheet cell users type (年计划, the quarters) is the sum over the returns; rate rows are left
blank and their 累计 computed; the formulas of 累计, 完成年计划(%), 序时进度(%) and the 汇总 sheet are exactly what fill
writes; 两纲监测 carries the first return's rows and targets with 本期值 blank; a sheet 各单位 lists one row per return
(unit, file, completeness, errors, warnings, 累计 of each plan indicator), followed, for an input that is itself a
roll-up (逐级汇总), by the rows of its own 各单位 with their 上级单位. --preparer, --reviewer, --phone and --date fill the
roll-up's cover (填报日期 defaults to today), so it goes up a level as a return of its own. Unreadable values count as
blank. Each
return's cover row 模板版本 must name the template in force (older returns without the row are taken as it); the
roll-up carries that version. No input is changed; the output is written atomically.

Options:
  -o, --output OUT    the roll-up to write (required; never replaced unless --force)
  --unit NAME         填报单位 of the roll-up (default: the first return's unit followed by 汇总)
  --preparer NAME     填报人 on the roll-up's cover
  --reviewer NAME     审核人 on the roll-up's cover
  --phone TEL         联系电话 on the roll-up's cover
  --date DATE         填报日期 on the roll-up's cover (default: today)
  --allow-errors      merge returns that have errors too (default: refuse and list them)
  --allow-duplicates  merge several returns of one unit (same 行政区划代码, 填报单位 or bytes) (default: refuse, naming them)
  --force             replace OUT when it exists
  --lang zh-CN|en     language of messages (default zh-CN)
  --template FILE     use another template version (JSON)
  -h, --help          show this help

Environment: FULIAN_RETURNS_JOBS = worker threads (default: the number of CPUs; 1 = this thread only).

Exit codes: 0 merged; 1 some returns have errors (nothing merged); 2 could not run as asked (bad arguments, a missing
or unreadable file, different periods or template versions)`,
  },
  options: {
    output: { type: 'string', short: 'o' },
    unit: { type: 'string' },
    preparer: { type: 'string' },
    reviewer: { type: 'string' },
    phone: { type: 'string' },
    date: { type: 'string' },
    'allow-errors': { type: 'boolean' },
    'allow-duplicates': { type: 'boolean' },
    force: { type: 'boolean' },
    template: { type: 'string' },
  },
  async run(ctx, args) {
    const s = text[ctx.lang];
    if (args.positionals.length === 0) throw new UsageError(ctx.m.missingPositional(s.what), 'merge');
    const out = args.options['output'] as string | undefined;
    if (out === undefined) throw new UsageError(ctx.m.missingOption('-o'), 'merge');
    const option = (name: string): string | undefined => args.options[name] as string | undefined;
    const given = <K extends string>(key: K): { [P in K]?: string } =>
      (option(key) !== undefined ? { [key]: option(key) } : {}) as { [P in K]?: string };
    const template = await loadTemplate(ctx, option('template'));
    const { standardTemplate } = await import('../../engine/template/load');
    const options: MergeOptions = {
      template,
      explicit: template !== standardTemplate(),
      lang: ctx.lang,
      allowErrors: args.options['allow-errors'] === true,
      allowDuplicates: args.options['allow-duplicates'] === true,
      ...given('unit'),
      cover: { ...given('preparer'), ...given('reviewer'), ...given('phone'), ...given('date') },
    };
    const { mergeCoverCells, describeRefusal } = await import('../../xlsx/merge');
    const cover = mergeCoverCells(template, options);
    if (!cover.ok) throw new UsageError(describeRefusal(cover.refusal, ctx.lang), 'merge');
    const gathered = await expandInputs(ctx, args.positionals);
    try {
      return await mergeInputs(ctx, args, gathered.inputs, out, options);
    } finally {
      await gathered.cleanup();
    }
  },
};

async function mergeInputs(ctx: Context, args: ParsedArgs, inputs: readonly Input[], out: string, options: MergeOptions): Promise<number> {
  const s = text[ctx.lang];
  const files = inputs.map((i) => i.file);
  const outPath = ctx.resolve(out);
  if (files.some((f) => ctx.resolve(f) === outPath)) throw new CliError(s.outputIsInput(out));

  const [{ Merger, describeRefusal, messages }, { mapInOrder, chooseJobs }] = await Promise.all([
    import('../../xlsx/merge'),
    import('../parallel/pool'),
  ]);
  const merger = new Merger(options);
  const tasks: Task[] = inputs.map((input, i) => ({ kind: 'merge', file: input.file, ...(input.path ? { path: input.path } : {}), carryTwoPlan: i === 0 }));
  const known = new Map(inputs.filter((i) => i.error !== undefined).map((i) => [i.file, i.error!]));
  const { template, explicit, lang } = options;
  await mapInOrder<MergeItem>(
    tasks.filter((t) => !known.has(t.file)),
    { jobs: chooseJobs(ctx.io.env, tasks.length), setup: { template, explicit, lang, cwd: ctx.io.cwd } },
    (item) => merger.add(item),
    (task, e) => ({ file: task.file, ok: false, error: ctx.m.readFailure('check-failed', oneLine(e.message)) }),
  );
  for (const [file, error] of known) merger.add({ file, ok: false, error });

  let outcome: MergeOutcome;
  try {
    outcome = await merger.finish();
  } catch (e) {
    throw new CliError(ctx.m.internalError(oneLine(e instanceof Error ? e.message : String(e))));
  }
  if (!outcome.ok) {
    // Returns with errors: exit 1, listing them; anything else could not run as asked: exit 2 on one line.
    if (outcome.refusal.kind !== 'errors') throw new CliError(describeRefusal(outcome.refusal, ctx.lang));
    ctx.io.stderr.write(`fulian-returns: ${describeRefusal(outcome.refusal, ctx.lang, terminalText)}\n`);
    return 1;
  }
  try {
    await writeFileAtomic(outPath, outcome.bytes, { noClobber: args.options['force'] !== true });
  } catch (e) {
    throw new CliError(writeFailure(ctx.m, out, e, errorDetail));
  }
  const m = messages(ctx.lang);
  ctx.io.stdout.write(`${m.merged(outcome.merged, terminalText(out), terminalText(outcome.unit), outcome.period)}\n`);
  if (outcome.withErrors > 0) ctx.io.stdout.write(`${m.withErrors(outcome.withErrors)}\n`);
  if (outcome.duplicates > 0) ctx.io.stdout.write(`${m.duplicatesMerged(outcome.duplicates)}\n`);
  if (outcome.lacking.length > 0) ctx.io.stdout.write(`${m.lacking(outcome.lacking.join(m.listSep))}\n`);
  // The default unit (first return's + 汇总) is what the contract names, and almost never the reviewer's own.
  if (args.options['unit'] === undefined) ctx.io.stdout.write(`${m.unitGuessed(terminalText(outcome.unit))}\n`);
  return 0;
}

/**
 * Files named on the command line and the spreadsheet files of folders (each once, in the order given), with .xls,
 * .et and .ods converted; the other files of a folder are named on stderr as no returns.
 */
async function expandInputs(ctx: Context, paths: readonly string[]): Promise<Inputs> {
  const s = text[ctx.lang];
  const gathered = await gatherInputs(ctx, paths, {
    onMissing: (p) => {
      throw new CliError(s.notFound(p));
    },
  });
  const empty = gathered.inputs.find((i) => i.error === ctx.m.readFailure('no-xlsx-in-folder'));
  if (empty) {
    await gathered.cleanup();
    throw new CliError(s.noXlsx(empty.file));
  }
  for (const n of gathered.notices) ctx.io.stderr.write(`fulian-returns: ${n}\n`);
  const seen = new Set<string>();
  const inputs = gathered.inputs.filter((i) => {
    const key = ctx.resolve(i.file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...gathered, inputs };
}
