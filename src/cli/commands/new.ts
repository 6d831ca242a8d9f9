import { text } from '../../engine/cell';
import { readPeriod } from '../../engine/read/cover';
import { loadTemplate, oneLine, type Command } from '../context';
import { writeFailure } from '../atomic-write';
import { terminalText } from '../terminal-text';
import { errorDetail, writeFileAtomic } from '../files';
import { loadEngine, loadXlsx } from '../lazy';
import { CliError, UsageError } from '../io';
import { formatPeriod } from '../results';

export const newReturn: Command = {
  name: 'new',
  summary: { 'zh-CN': '新建一份空白报表（封面已填）', en: 'create a blank return, cover filled' },
  help: {
    'zh-CN': `用法：fulian-returns new --unit 单位名称 --period 2026Q3 -o 输出文件 [--force] [--template 模板文件]

按模板新建一份空白报表：封面填好单位和报告期，各表有表头、指标代码、名称、计量单位和两纲默认指标，其余留空待填。
用 --template 指定的模板会保存在报表中（隐藏的「模板定义」工作表），检查、填写和任务窗格都按它进行。

选项：
  --unit 名称         填报单位（按文本写入，即使以 = + - @ 开头）
  --period 报告期     如 2026Q3、2026年第3季度、2026年第三季度
  -o, --output 文件   输出文件
  --force             覆盖已存在的输出文件
  --lang zh-CN|en     消息语言（默认 zh-CN）
  --template 文件     使用另一版本的模板（JSON 文件，或内置版本号如 2026.2）
  -h, --help          显示本帮助

退出码：0 已创建；2 无法按要求运行（参数有误、输出文件已存在、无法写入）`,
    en: `Usage: fulian-returns new --unit NAME --period 2026Q3 -o OUT [--force] [--template FILE]

Creates a blank return of the template: the cover names the unit and period; every sheet has its headers, codes,
names and units and the default two-plan rows; everything else is left blank to type into. A --template FILE is
carried in the return (a very hidden sheet 模板定义), so check, fill and the task pane use it with no file beside it.

Options:
  --unit NAME         reporting unit (written as text, even when it starts with = + - @)
  --period PERIOD     e.g. 2026Q3, 2026年第3季度, 2026年第三季度
  -o, --output OUT    the file to create
  --force             replace OUT if it exists
  --lang zh-CN|en     language of messages (default zh-CN)
  --template FILE     use another template version (a JSON file, or a shipped version such as 2026.2)
  -h, --help          show this help

Exit codes: 0 created; 2 could not run as asked (bad arguments, OUT exists, cannot write)`,
  },
  options: {
    unit: { type: 'string' },
    period: { type: 'string' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    template: { type: 'string' },
  },
  async run(ctx, args) {
    if (args.positionals.length > 0) throw new UsageError(ctx.m.tooManyPositionals(args.positionals[0]!), 'new');
    const unit = args.options['unit'] as string | undefined;
    const period = args.options['period'] as string | undefined;
    const out = args.options['output'] as string | undefined;
    if (unit === undefined) throw new UsageError(ctx.m.missingOption('--unit'), 'new');
    if (period === undefined) throw new UsageError(ctx.m.missingOption('--period'), 'new');
    if (out === undefined) throw new UsageError(ctx.m.missingOption('-o'), 'new');
    if (unit.trim() === '') throw new UsageError(ctx.m.emptyUnit, 'new');
    const p = readPeriod({ value: text(period) });
    if (!p) throw new CliError(ctx.m.badPeriod(period));
    const template = await loadTemplate(ctx, args.options['template'] as string | undefined);

    const [{ buildBlankReturn, embedTemplate, knownTemplates, EMBEDDED_TEMPLATE_SHEET }, { writeNewXlsx }] = await Promise.all([loadEngine(), loadXlsx()]);
    let bytes: Uint8Array;
    try {
      const book = buildBlankReturn(template, { unit, period });
      // A federation's own template travels in the return (engine/template/embed.ts); a shipped version needs not.
      const own = !knownTemplates().includes(template);
      if (own) embedTemplate(book, template);
      bytes = await writeNewXlsx(book, own ? { veryHiddenSheets: [EMBEDDED_TEMPLATE_SHEET] } : {});
    } catch (e) {
      throw new CliError(ctx.m.internalError(oneLine(e instanceof Error ? e.message : String(e))));
    }
    try {
      await writeFileAtomic(ctx.resolve(out), bytes, { noClobber: args.options['force'] !== true });
    } catch (e) {
      throw new CliError(writeFailure(ctx.m, out, e, errorDetail));
    }
    ctx.io.stdout.write(`${ctx.m.created(terminalText(out), terminalText(unit), formatPeriod(p))}\n`);
    return 0;
  },
};
