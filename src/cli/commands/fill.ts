import { loadTemplate, oneLine, templateForReturn, type Command } from '../context';
import { writeFailure } from '../atomic-write';
import { terminalText } from '../terminal-text';
import { errorDetail, writeFileAtomic } from '../files';
import { loadEngine, loadXlsx } from '../lazy';
import { CliError, UsageError } from '../io';
import { describeXlsxError, loadWorkbook } from '../workbook-file';

export const fill: Command = {
  name: 'fill',
  summary: { 'zh-CN': '写入计算公式、达标状态和汇总表', en: 'write the formulas, 达标状态 and the 汇总 sheet' },
  help: {
    'zh-CN': `用法：fulian-returns fill 文件 [-o 输出文件] [--template 模板文件]

写入工具负责的单元格（累计、完成年计划(%)、序时进度(%) 的公式，两纲监测的达标状态）和整张「汇总」表。
用户填写的单元格保持原值、原公式和原格式。不给 -o 时原地替换文件（原子操作：先写临时文件再改名）。

选项：
  -o, --output 文件   写到另一个文件，原文件不动
  --lang zh-CN|en     消息语言（默认 zh-CN）
  --template 文件     使用另一版本的模板（JSON）
  -h, --help          显示本帮助

退出码：0 无错误；1 报表有错误（仍会写入）；2 无法按要求运行`,
    en: `Usage: fulian-returns fill FILE [-o OUT] [--template FILE]

Writes the tool-owned cells (formulas of 累计, 完成年计划(%), 序时进度(%); 两纲监测 达标状态) and the whole 汇总 sheet.
Every user-typed cell keeps its value, formula and format. Without -o, FILE is replaced atomically (temp file, rename).

Options:
  -o, --output OUT    write to OUT and leave FILE untouched
  --lang zh-CN|en     language of messages (default zh-CN)
  --template FILE     use another template version (JSON)
  -h, --help          show this help

Exit codes: 0 no errors; 1 the return has errors (it is still written); 2 could not run as asked`,
  },
  options: { output: { type: 'string', short: 'o' }, template: { type: 'string' } },
  async run(ctx, args) {
    const [file, ...extra] = args.positionals;
    if (file === undefined) throw new UsageError(ctx.m.missingPositional(ctx.lang === 'en' ? 'FILE' : '要填写的文件'), 'fill');
    if (extra.length > 0) throw new UsageError(ctx.m.tooManyPositionals(extra[0]!), 'fill');
    const inForce = await loadTemplate(ctx, args.options['template'] as string | undefined);
    const out = (args.options['output'] as string | undefined) ?? file;

    const [engine, { patchXlsx }] = await Promise.all([loadEngine(), loadXlsx()]);
    const { checkReturn, planFill } = engine;
    const loaded = await loadWorkbook(ctx, file);
    if (!loaded.ok) throw new CliError(`${file}: ${loaded.error}`);
    const chosen = templateForReturn(ctx, engine, loaded.view, inForce);
    if (!chosen.ok) throw new CliError(`${file}: ${chosen.error}`);
    const template = chosen.template;
    let report;
    let plan;
    try {
      report = checkReturn(loaded.view, template);
      plan = planFill(loaded.view, template, report);
    } catch (e) {
      throw new CliError(`${file}: ${ctx.m.readFailure('check-failed', oneLine(e instanceof Error ? e.message : String(e)))}`);
    }
    let bytes: Uint8Array;
    try {
      bytes = patchXlsx(loaded.bytes, plan);
    } catch (e) {
      // The input was read within the limit, so this is the filled package passing it: say so, not "too large to read".
      if ((e as { reason?: string } | null)?.reason === 'too-large') throw new CliError(`${file}: ${ctx.m.filledTooLarge}`);
      throw new CliError(`${file}: ${describeXlsxError(ctx, e)}`);
    }
    let outcome;
    try {
      outcome = await writeFileAtomic(ctx.resolve(out), bytes);
    } catch (e) {
      throw new CliError(writeFailure(ctx.m, out, e, errorDetail));
    }
    const shown = terminalText(outcome.viaLink ? outcome.written : out);
    ctx.io.stdout.write(
      `${ctx.m.filled(shown, plan.toolOwned.length, plan.summary.cells.length, report.counts.error, report.counts.warning)}${outcome.viaLink ? ctx.m.viaLink(terminalText(out), terminalText(outcome.written)) : ''}\n`,
    );
    return report.counts.error > 0 ? 1 : 0;
  },
};
