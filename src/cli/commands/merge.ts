/**
 * `fulian-returns merge FILE-OR-DIR... -o OUT [--unit NAME] [--allow-errors]` (spec section 6): the returns of one
 * period rolled up into one new return. Streams: workers read and check the files and send back compact results; this
 * thread keeps running sums and one small row per return, never the workbooks. The roll-up is then written the way
 * `new` + `fill` write a return: a MemoryWorkbook through writeNewXlsx, then checkReturn + planFill + patchXlsx.
 */
import type { Finding, Lang } from '../../engine/findings';
import type { Template } from '../../engine/template/schema';
import { loadTemplate, oneLine, type Command, type Context } from '../context';
import { writeFailure } from '../atomic-write';
import type { ParsedArgs } from '../args';
import { errorDetail, writeFileAtomic } from '../files';
import { gatherInputs, type Input, type Inputs } from '../inputs';
import { terminalText } from '../terminal-text';
import { CliError, UsageError } from '../io';
import { findDuplicates, type DuplicateReason } from '../duplicates';
import { firstOutOfRange } from '../number-range';
import type { MergeItem, Task } from '../parallel/task';

type Ok = Extract<MergeItem, { ok: true }>;

const MAX_LISTED_ERRORS = 10;

const text = {
  'zh-CN': {
    what: '要汇总的文件或文件夹',
    emptyUnit: '--unit 不能为空',
    noXlsx: (dir: string) => `${dir}：文件夹中没有 .xlsx 文件`,
    notFound: (p: string) => `${p}：找不到该文件或文件夹`,
    outputIsInput: (out: string) => `输出文件 ${out} 也是输入文件；汇总不会改动任何输入文件，请换一个输出文件名`,
    unreadable: (n: number) => `${n} 个文件无法读取，未汇总：`,
    periodsDiffer: (common: string) => `报告期不一致，未汇总（多数报表为 ${common}）：`,
    versionsDiffer: (inForce: string) => `模板版本不一致，未汇总（所用模板为 ${inForce}，可用 --template 指定其他版本）：`,
    noPeriod: '无法识别的报告期',
    item: (file: string, why: string) => `${file}（${why}）`,
    sep: '；',
    refused: (n: number) => `${n} 份报表有错误，未汇总（修改后重试，或加 --allow-errors 照常汇总）：`,
    errorsOf: (file: string, unit: string | null, n: number) => `${file}${unit ? `（${unit}）` : ''}：${n} 个错误`,
    more: (n: number) => `……另有 ${n} 个错误`,
    merged: (n: number, out: string, unit: string, period: string) => `已汇总 ${n} 份报表 → ${out}：${unit}，${period}`,
    withErrors: (n: number) => `其中 ${n} 份有错误，已照常计入（见「各单位」表的错误数）`,
    duplicates: (n: number) => `${n} 份报表与另一份属同一单位，未汇总（确属不同单位请加 --allow-duplicates）：`,
    duplicate: (a: string, b: string, why: DuplicateReason, v: string) =>
      `${b} 与 ${a}${{ 'same-bytes': '内容完全相同', 'same-code': `行政区划代码相同（${v}）`, 'same-unit': `填报单位相同（${v}）` }[why]}`,
    duplicatesMerged: (n: number) => `其中 ${n} 份与另一份属同一单位，已按 --allow-duplicates 照常计入`,
    outOfRange: (cell: string) => `汇总后 ${cell} 超出 Excel 能表示的数值范围（±9.99999999999999E+307），未汇总；请核对各报表该格的数值`,
    suffix: '汇总',
  },
  en: {
    what: 'FILE-OR-DIR',
    emptyUnit: '--unit must not be empty',
    noXlsx: (dir: string) => `${dir}: no .xlsx file in the folder`,
    notFound: (p: string) => `${p}: no such file or folder`,
    outputIsInput: (out: string) => `the output ${out} is also an input; merge never changes an input, choose another output name`,
    unreadable: (n: number) => `${n} file(s) could not be read; nothing merged: `,
    periodsDiffer: (common: string) => `the returns are of different periods; nothing merged (most are ${common}): `,
    versionsDiffer: (inForce: string) =>
      `returns of another template version; nothing merged (the template in force is ${inForce}; --template loads another): `,
    noPeriod: 'unreadable period',
    item: (file: string, why: string) => `${file} (${why})`,
    sep: '; ',
    refused: (n: number) => `${n} return(s) have errors; nothing merged (fix them, or add --allow-errors to merge anyway):`,
    errorsOf: (file: string, unit: string | null, n: number) => `${file}${unit ? ` (${unit})` : ''}: ${n} error(s)`,
    more: (n: number) => `… and ${n} more error(s)`,
    merged: (n: number, out: string, unit: string, period: string) => `merged ${n} returns → ${out}: ${unit}, ${period}`,
    withErrors: (n: number) => `${n} of them have errors and were merged anyway (see the error counts in 各单位)`,
    duplicates: (n: number) => `${n} return(s) are of a unit already given; nothing merged (add --allow-duplicates if they are distinct units): `,
    duplicate: (a: string, b: string, why: DuplicateReason, v: string) =>
      `${b} repeats ${a} (${{ 'same-bytes': 'identical content', 'same-code': `same 行政区划代码 ${v}`, 'same-unit': `same 填报单位 ${v}` }[why]})`,
    duplicatesMerged: (n: number) => `${n} of them repeat a unit already given and were merged anyway (--allow-duplicates)`,
    outOfRange: (cell: string) => `the sum at ${cell} is beyond the numbers Excel can hold (±9.99999999999999E+307); nothing merged; check that cell in the returns`,
    suffix: '汇总',
  },
} as const satisfies Record<Lang, unknown>;

export const merge: Command = {
  name: 'merge',
  summary: { 'zh-CN': '把同一报告期的多份报表汇总成一份', en: 'roll the returns of one period up into one return' },
  help: {
    'zh-CN': `用法：fulian-returns merge 文件或文件夹... -o 输出文件 [--unit 单位名称] [--allow-errors] [--template 模板文件]

把同一报告期、同一模板版本的多份报表汇总成一份新报表（文件夹：其中每个 .xlsx，不含子文件夹）：
各数据表用户填写的单元格（年计划、各季度）逐格相加，比率行留空、其累计由公式计算；累计、完成年计划(%)、
序时进度(%) 的公式和「汇总」表与 fill 写的完全一样；「两纲监测」沿用第一份报表的指标行和目标值，本期值留空；
新增「各单位」表，每份报表一行：填报单位、文件、完整率(%)、错误数、警告数及各计划指标的累计。
无法识别的数值按空白计。每份报表封面「模板版本」一行须与所用模板一致（没有该行的旧报表按所用模板计），
汇总报表写上同一版本。不改动任何输入文件；输出文件原子写入。

选项：
  -o, --output 文件   输出文件（必填；已存在时不覆盖，除非加 --force）
  --unit 名称         汇总报表的填报单位（默认：第一份报表的单位加「汇总」）
  --allow-errors      有错误的报表也照常汇总（默认拒绝并列出）
  --allow-duplicates  同一单位（行政区划代码、填报单位或文件内容相同）的多份报表也照常汇总（默认拒绝并列出）
  --force             覆盖已存在的输出文件
  --lang zh-CN|en     消息语言（默认 zh-CN）
  --template 文件     使用另一版本的模板（JSON）
  -h, --help          显示本帮助

环境变量 FULIAN_RETURNS_JOBS：并行线程数（默认为 CPU 数；1 为单线程）。

退出码：0 已汇总；1 有报表存在错误（未汇总）；2 无法按要求运行（参数有误、文件缺失或无法读取、报告期或模板版本不一致）`,
    en: `Usage: fulian-returns merge FILE-OR-DIR... -o OUT [--unit NAME] [--allow-errors] [--template FILE]

Rolls the returns of one period and template version up into one new return (a folder: every .xlsx in it, not
recursive): every data-sheet cell users type (年计划, the quarters) is the sum over the returns; rate rows are left
blank and their 累计 computed; the formulas of 累计, 完成年计划(%), 序时进度(%) and the 汇总 sheet are exactly what fill
writes; 两纲监测 carries the first return's rows and targets with 本期值 blank; a sheet 各单位 lists one row per return
(unit, file, completeness, errors, warnings, 累计 of each plan indicator). Unreadable values count as blank. Each
return's cover row 模板版本 must name the template in force (older returns without the row are taken as it); the
roll-up carries that version. No input is changed; the output is written atomically.

Options:
  -o, --output OUT    the roll-up to write (required; never replaced unless --force)
  --unit NAME         填报单位 of the roll-up (default: the first return's unit followed by 汇总)
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
    const unitOption = args.options['unit'] as string | undefined;
    if (unitOption !== undefined && unitOption.trim() === '') throw new UsageError(s.emptyUnit, 'merge');
    const allowErrors = args.options['allow-errors'] === true;
    const template = await loadTemplate(ctx, args.options['template'] as string | undefined);

    const gathered = await expandInputs(ctx, args.positionals);
    try {
      return await mergeInputs(ctx, args, gathered.inputs, { out, unitOption, allowErrors, template });
    } finally {
      await gathered.cleanup();
    }
  },
};

async function mergeInputs(
  ctx: Context,
  args: ParsedArgs,
  inputs: readonly Input[],
  o: { out: string; unitOption: string | undefined; allowErrors: boolean; template: Template },
): Promise<number> {
  const s = text[ctx.lang];
  const { out, unitOption, allowErrors, template } = o;
  const files = inputs.map((i) => i.file);
  const outPath = ctx.resolve(out);
  if (files.some((f) => ctx.resolve(f) === outPath)) throw new CliError(s.outputIsInput(out));

  const [{ Rollup }, { mapInOrder, chooseJobs }, templates, { EMBEDDED_TEMPLATE_SHEET, embedTemplate }] = await Promise.all([
    import('../../engine/rollup'),
    import('../parallel/pool'),
    import('../../engine/template/load'),
    import('../../engine/template/embed'),
  ]);
  // The sums wait for the template: without --template, the returns' own (carried or stamped) version decides it.
  const contributions: Ok['contribution'][] = [];
  const carried = new Map<string, Template>();
  const items: Ok[] = [];
  const unreadable: { file: string; error: string }[] = [];
  let twoPlan: Ok['twoPlan'] = null;
  const tasks: Task[] = inputs.map((input, i) => ({ kind: 'merge', file: input.file, ...(input.path ? { path: input.path } : {}), carryTwoPlan: i === 0 }));
  const known = new Map(inputs.filter((i) => i.error !== undefined).map((i) => [i.file, i.error!]));
  await mapInOrder<MergeItem>(
    tasks.filter((t) => !known.has(t.file)),
    { jobs: chooseJobs(ctx.io.env, tasks.length), setup: { template, explicit: template !== templates.standardTemplate(), lang: ctx.lang, cwd: ctx.io.cwd } },
    (item, i) => {
      if (!item.ok) {
        unreadable.push(item);
        return;
      }
      contributions.push(item.contribution);
      if (i === 0) twoPlan = item.twoPlan;
      const key = `${item.template.id} ${item.template.version}`;
      if (item.carried && !carried.has(key)) carried.set(key, item.carried);
      // Keep only what the listing and 各单位 need: the contributions hold the numbers.
      items.push({ ...item, contribution: { values: {} }, twoPlan: null, carried: null, errors: item.errors.slice(0, MAX_LISTED_ERRORS + 1) });
    },
    (task, e) => ({ file: task.file, ok: false, error: ctx.m.readFailure('check-failed', oneLine(e.message)) }),
  );

  for (const [file, error] of known) unreadable.push({ file, error });
  // Exit 2 says why on one line, naming the odd files.
  const list = (xs: readonly { file: string; why: string }[]): string => xs.map((x) => s.item(x.file, x.why)).join(s.sep);
  if (unreadable.length > 0) {
    throw new CliError(`${s.unreadable(unreadable.length)}${list(unreadable.map((u) => ({ file: u.file, why: u.error })))}`);
  }
  // Template versions first: a return of another version is not comparable at all. Each return's 封面 stamp is
  // compared with the template in force (so stamps that disagree with one another always name the odd ones); a
  // return without a stamp (made before stamps existed) is taken as the template in force.
  // With --template, every return must be stamped with it; without, the returns' own versions (the template each
  // carries, or the shipped version its stamp names) must agree, and the most common one is in force.
  const explicit = template !== templates.standardTemplate();
  const resolved = (it: Ok): string => `${it.template.id} ${it.template.version}`;
  const versionKey = explicit ? (it: Ok): string => (it.stamp ? `${it.stamp.id} ${it.stamp.version}`.trim() : inForceOf(template)) : resolved;
  const inForce = explicit ? inForceOf(template) : majority(items, resolved) || inForceOf(template);
  const oddVersions = items.filter((it) => versionKey(it) !== inForce);
  if (oddVersions.length > 0) {
    throw new CliError(`${s.versionsDiffer(inForce)}${list(oddVersions.map((it) => ({ file: it.file, why: versionKey(it) })))}`);
  }
  const rollupTemplate = explicit ? template : (templates.knownTemplate(inForce) ?? carried.get(inForce) ?? template);
  const rollup = new Rollup(rollupTemplate);
  for (const c of contributions.splice(0)) rollup.add(c);
  const periodKey = (it: Ok): string => (it.period ? `${it.period.year}Q${it.period.quarter}` : '');
  const periodShown = (it: Ok): string => periodKey(it) || (it.periodText ? `${s.noPeriod}「${it.periodText}」` : s.noPeriod);
  const period = majority(items.filter((it) => periodKey(it) !== ''), periodKey);
  const oddPeriods = items.filter((it) => periodKey(it) !== period || period === '');
  if (oddPeriods.length > 0) {
    throw new CliError(`${s.periodsDiffer(period || s.noPeriod)}${list(oddPeriods.map((it) => ({ file: it.file, why: periodShown(it) })))}`);
  }
  // Two returns of one unit would be counted twice.
  const duplicates = findDuplicates(items);
  if (duplicates.length > 0 && args.options['allow-duplicates'] !== true) {
    const shown = duplicates.slice(0, MAX_LISTED_ERRORS).map((d) => s.duplicate(d.first.file, d.again.file, d.reason, d.value));
    const more = duplicates.length > MAX_LISTED_ERRORS ? `${s.sep}…（+${duplicates.length - MAX_LISTED_ERRORS}）` : '';
    throw new CliError(`${s.duplicates(duplicates.length)}${shown.join(s.sep)}${more}`);
  }
  const withErrors = items.filter((it) => it.counts.error > 0);
  if (withErrors.length > 0 && !allowErrors) {
    ctx.io.stderr.write(`fulian-returns: ${listRefused(s, withErrors)}\n`);
    return 1;
  }

  const first = items[0]!;
  const unit = unitOption ?? `${first.unit ?? ''}${s.suffix}`;
  const [{ checkReturn }, { planFill }, { readXlsx, writeNewXlsx, patchXlsx }] = await Promise.all([
    import('../../engine/check'),
    import('../../engine/fill'),
    import('../../xlsx'),
  ]);
  let bytes: Uint8Array;
  try {
    const book = rollup.build({ unit, period, units: items.map((it) => it.unitRow), twoPlan });
    // A sum past Excel's range would be written as #NUM!: refused, naming the cell.
    const over = firstOutOfRange(book);
    if (over) throw new CliError(s.outOfRange(over));
    // A federation's own template goes up the chain with the roll-up, as `new --template` put it in each return.
    const own = !templates.knownTemplates().includes(rollupTemplate);
    if (own) embedTemplate(book, rollupTemplate);
    const fresh = await writeNewXlsx(book, own ? { veryHiddenSheets: [EMBEDDED_TEMPLATE_SHEET] } : {});
    // The same path as `fill`: read the new package back, check it, plan the fill, patch it in.
    const { view } = await readXlsx(fresh);
    const report = checkReturn(view, rollupTemplate);
    bytes = patchXlsx(fresh, planFill(view, rollupTemplate, report));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(ctx.m.internalError(oneLine(e instanceof Error ? e.message : String(e))));
  }
  try {
    await writeFileAtomic(outPath, bytes, { noClobber: args.options['force'] !== true });
  } catch (e) {
    throw new CliError(writeFailure(ctx.m, out, e, errorDetail));
  }
  ctx.io.stdout.write(`${s.merged(items.length, terminalText(out), terminalText(unit), period)}\n`);
  if (withErrors.length > 0) ctx.io.stdout.write(`${s.withErrors(withErrors.length)}\n`);
  if (duplicates.length > 0) ctx.io.stdout.write(`${s.duplicatesMerged(duplicates.length)}\n`);
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

/** The most common key (ties: the one seen first). */
const inForceOf = (t: Template): string => `${t.id} ${t.version}`;

function majority<T>(items: readonly T[], key: (t: T) => string): string {
  const counts = new Map<string, number>();
  for (const it of items) counts.set(key(it), (counts.get(key(it)) ?? 0) + 1);
  let best = '';
  let n = -1;
  for (const [k, c] of counts) {
    if (c > n) {
      best = k;
      n = c;
    }
  }
  return best;
}

function listRefused(s: (typeof text)[Lang], items: readonly Ok[]): string {
  const lines = [s.refused(items.length)];
  for (const it of items) {
    lines.push(`  ${terminalText(s.errorsOf(it.file, it.unit, it.counts.error))}`);
    for (const f of it.errors.slice(0, MAX_LISTED_ERRORS)) lines.push(`    ${terminalText(`${where(f)}  ${f.message}`)}  ${f.rule}`);
    if (it.counts.error > MAX_LISTED_ERRORS) lines.push(`    ${s.more(it.counts.error - MAX_LISTED_ERRORS)}`);
  }
  return lines.join('\n');
}

function where(f: Finding): string {
  return f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
}
