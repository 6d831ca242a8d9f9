import type { Lang } from '../../engine/findings';
import type { Indicator, Template } from '../../engine/template/schema';
import { loadTemplate, type Command } from '../context';
import { displayWidth } from '../formatters/stylish';
import { UsageError } from '../io';

export const templateCommand: Command = {
  name: 'template',
  summary: { 'zh-CN': '显示当前使用的模板', en: 'print the template in force' },
  help: {
    'zh-CN': `用法：fulian-returns template [--json] [--template 模板文件]
      fulian-returns template workbook -o 模板.xlsx [--template 模板文件]
      fulian-returns template build 模板.xlsx -o 模板.json

显示当前使用的模板：工作表、封面字段、各表指标（代码、名称、单位、类型、年计划、关系）和两纲默认指标。
workbook 把模板写成工作簿（每部分一张表，另有「说明」表），可在 Excel 或 WPS 中修改；
build 把改好的工作簿转回模板 JSON，有误时逐条指出工作表和单元格。

选项：
  --json              输出模板 JSON
  -o, --output 文件   workbook / build 的输出文件
  --force             覆盖已存在的输出文件
  --lang zh-CN|en     语言（默认 zh-CN）
  --template 文件     载入另一版本的模板（JSON 文件，或内置版本号如 2026.2）
  -h, --help          显示本帮助

退出码：0 成功；2 模板文件无法读取或有误、模板工作簿有误`,
    en: `Usage: fulian-returns template [--json] [--template FILE]
       fulian-returns template workbook -o TEMPLATE.xlsx [--template FILE]
       fulian-returns template build TEMPLATE.xlsx -o TEMPLATE.json

Prints the template in force: sheets, cover fields, each sheet's indicators (code, name, unit, kind, plan, relation)
and the default two-plan rows. workbook writes the template as a workbook to edit in Excel or WPS (one sheet per
part, and a 说明 sheet); build turns an edited workbook back into template JSON, naming each mistake's sheet and cell.

Options:
  --json              print the template as JSON
  -o, --output FILE   the file workbook / build writes
  --force             replace the output file if it exists
  --lang zh-CN|en     language (default zh-CN)
  --template FILE     load another template version (a JSON file, or a shipped version such as 2026.2)
  -h, --help          show this help

Exit codes: 0 done; 2 the template file cannot be read or is invalid, or the template workbook has mistakes`,
  },
  options: { json: { type: 'boolean' }, template: { type: 'string' }, output: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  async run(ctx, args) {
    const [sub, ...rest] = args.positionals;
    if (sub === 'workbook' || sub === 'build') {
      const out = args.options['output'] as string | undefined;
      if (out === undefined) throw new UsageError(ctx.m.missingOption('-o'), 'template');
      const force = args.options['force'] === true;
      if (sub === 'workbook') {
        if (rest.length > 0) throw new UsageError(ctx.m.tooManyPositionals(rest[0]!), 'template');
        const template = await loadTemplate(ctx, args.options['template'] as string | undefined);
        return (await import('../template-book')).writeTemplateBook(ctx, template, out, force);
      }
      if (rest.length === 0) throw new UsageError(ctx.m.missingPositional(ctx.lang === 'en' ? 'TEMPLATE.xlsx' : '模板工作簿'), 'template');
      if (rest.length > 1) throw new UsageError(ctx.m.tooManyPositionals(rest[1]!), 'template');
      return (await import('../template-book')).buildTemplate(ctx, rest[0]!, out, force);
    }
    if (sub !== undefined) throw new UsageError(ctx.m.tooManyPositionals(sub), 'template');
    const template = await loadTemplate(ctx, args.options['template'] as string | undefined);
    ctx.io.stdout.write(args.options['json'] ? `${JSON.stringify(template, null, 2)}\n` : describeTemplate(template, ctx.lang));
    return 0;
  },
};

const words = {
  'zh-CN': {
    sheets: '工作表',
    cover: '封面字段（* 必填）',
    headers: ['代码', '指标名称', '单位', '类型', '年计划', '关系'],
    kind: { flow: '流量', stock: '存量', rate: '比率' },
    yes: '有',
    partOf: (t: string, le: boolean) => `属于 ${t}${le ? '（≤）' : ''}`,
    twoPlan: '默认指标',
    twoPlanHeaders: ['代码', '规划', '领域', '指标名称', '单位', '方向', '基期值', '中期目标', '终期目标'],
    summary: '由工具写入',
    rules: '检查规则',
  },
  en: {
    sheets: 'Sheets',
    cover: 'Cover fields (* required)',
    headers: ['code', 'name', 'unit', 'kind', 'plan', 'relation'],
    kind: { flow: 'flow', stock: 'stock', rate: 'rate' },
    yes: 'yes',
    partOf: (t: string, le: boolean) => `part of ${t}${le ? ' (≤)' : ''}`,
    twoPlan: 'default rows',
    twoPlanHeaders: ['code', 'plan', 'domain', 'name', 'unit', 'direction', 'baseline', 'mid target', 'final target'],
    summary: 'written by the tool',
    rules: 'Rules',
  },
} as const;

/** A plain-text description of a template, for `template` without --json. Pure. */
export function describeTemplate(t: Template, lang: Lang): string {
  const w = words[lang];
  const out: string[] = [];
  out.push(`${t.title[lang]} — ${t.id} ${t.version}`, '');
  out.push(
    `${w.sheets}${lang === 'en' ? ': ' : '：'}${[t.sheets.cover, ...t.sheets.data.map((s) => s.name), t.sheets.twoPlan, `${t.sheets.summary} (${w.summary})`].join(' · ')}`,
    '',
  );
  out.push(`${t.sheets.cover} — ${w.cover}`);
  out.push(`  ${t.cover.fields.map((f) => `${f.label}${f.required === 'error' ? '*' : ''}`).join(' · ')}`, '');
  for (const s of t.sheets.data) {
    out.push(`${s.name} — ${s.title}`);
    const rows = t.indicators
      .filter((i) => i.sheet === s.name)
      .map((i) => [i.code, i.name, i.unit, w.kind[i.kind], i.plan ? w.yes : '', relation(i, w.partOf)]);
    out.push(...table([[...w.headers], ...rows]).map((l) => `  ${l}`), '');
  }
  out.push(`${t.sheets.twoPlan} — ${w.twoPlan}`);
  const tp = t.twoPlan.defaultRows.map((r) => [
    r.code,
    r.plan,
    r.domain,
    r.name,
    r.unit,
    r.direction,
    r.baseline === undefined ? '' : String(r.baseline),
    r.midTarget === undefined ? '' : String(r.midTarget),
    String(r.finalTarget),
  ]);
  out.push(...table([[...w.twoPlanHeaders], ...tp]).map((l) => `  ${l}`), '');
  out.push(`${w.rules}`);
  const rules = Object.entries(t.rules).map(([id, r]) => [id, r.severity]);
  out.push(...table(rules).map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}

function relation(i: Indicator, partOf: (t: string, le: boolean) => string): string {
  if (i.sumOf) return `= ${i.sumOf.join(' + ')}`;
  if (i.ratio) return `${i.ratio.numerator} ÷ ${i.ratio.denominator}`;
  if (i.partOf) return partOf(i.partOf.total, i.partOf.mayNotExceed);
  return '';
}

/** Columns padded by terminal width (CJK counts double); trailing spaces trimmed. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, displayWidth(c))));
  return rows.map((r) =>
    r
      .map((c, j) => c + ' '.repeat(Math.max(0, widths[j]! - displayWidth(c))))
      .join('  ')
      .trimEnd(),
  );
}
