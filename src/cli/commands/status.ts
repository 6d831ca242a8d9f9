/** `fulian-returns status DIR --expect LIST [--json]`: who has reported (报送情况), and the reminder (催报) to paste. */
import { promises as fsp } from 'node:fs';
import type { ExpectListProblem, ReportingStatus } from '../../engine/status';
import { loadTemplate, type Command, type Context } from '../context';
import { errorDetail } from '../files';
import { CliError, UsageError } from '../io';
import { loadEngine } from '../lazy';
import { terminalText as tt } from '../terminal-text';
import { checkPaths } from './check';

const words = {
  'zh-CN': {
    dir: '报表文件夹',
    noExpect: '缺少 --expect 应报单位名单（每行一个单位，可写作“行政区划代码<Tab>单位名称”）',
    unreadableList: (f: string, d: string) => `--expect ${f}：无法读取名单（${d}）`,
    emptyList: (f: string) => `--expect ${f}：名单中没有单位`,
    listProblem: (f: string, p: ExpectListProblem) =>
      `--expect ${f} 第 ${p.line} 行「${p.text}」：${p.reason === 'bad-code' ? '行政区划代码应为 6 位数字' : p.reason === 'no-name' ? '缺少单位名称' : '与前面的单位重复'}`,
    title: (period: string) => `报送情况（${period}）`,
    received: (n: number, of: number) => `已报送 ${n}/${of}`,
    missing: '未报送',
    unexpected: '名单外的报表',
    duplicates: '重复报送',
    errors: (n: number) => (n > 0 ? `${n} 个错误` : '无错误'),
    none: '无',
    reminder: '催报通知（可直接复制）：',
    otherPeriod: (f: string, p: string, common: string) => `${f} 的报告期为 ${p}，与其他报表（${common}）不同，请核对是否报错了期`,
  },
  en: {
    dir: 'DIR',
    noExpect: '--expect LIST is required (one unit a line, optionally "division-code<TAB>unit name")',
    unreadableList: (f: string, d: string) => `--expect ${f}: cannot read the list (${d})`,
    emptyList: (f: string) => `--expect ${f}: the list names no unit`,
    listProblem: (f: string, p: ExpectListProblem) =>
      `--expect ${f} line ${p.line} "${p.text}": ${p.reason === 'bad-code' ? 'a division code is 6 digits' : p.reason === 'no-name' ? 'no unit name' : 'a unit listed twice'}`,
    title: (period: string) => `Reporting status (${period})`,
    received: (n: number, of: number) => `Received ${n}/${of}`,
    missing: 'Missing',
    unexpected: 'Returns from units not on the list',
    duplicates: 'Sent twice',
    errors: (n: number) => (n > 0 ? `${n} error(s)` : 'no errors'),
    none: 'none',
    reminder: 'Reminder (ready to paste):',
    otherPeriod: (f: string, p: string, common: string) => `${f} is for ${p}, not ${common} like the others; check it is the right period`,
  },
} as const;

export const statusCommand: Command = {
  name: 'status',
  summary: { 'zh-CN': '报送情况：哪些单位已报、未报，并起草催报通知', en: 'who has reported, who has not, and a reminder to paste' },
  help: {
    'zh-CN': `用法：fulian-returns status 文件夹 --expect 名单 [--json] [--lang zh-CN|en] [--template 模板文件]

对照应报单位名单查看报送情况：已报送（及各自的错误数）、未报送、名单外的报表、重复报送，并起草催报通知。
名单为文本文件，每行一个单位，或“行政区划代码<Tab>单位名称”。报表与单位的对应：双方都有行政区划代码时按代码，
否则按填报单位名称（去掉空格，全角字符按半角比较）。

选项：
  --expect 名单       应报单位名单（必填）
  --json              输出 JSON：{ period, received, missing, unexpected, duplicates, reminder }
  --template 文件     使用另一版本的模板（JSON）
  -h, --help          显示本帮助

退出码：0 全部报齐；1 有单位未报送；2 无法按要求运行（参数有误、名单或报表无法读取）`,
    en: `Usage: fulian-returns status DIR --expect LIST [--json] [--lang zh-CN|en] [--template FILE]

Who has reported, against the list of expected units: received (with their error counts), missing, returns from
units not on the list, units that sent twice, and a reminder naming the missing units and the period. LIST is a text
file, one unit a line, optionally "division-code<TAB>unit name". A return matches a unit by 行政区划代码 when both
have one, else by 填报单位 (spaces dropped, full-width characters folded).

Options:
  --expect LIST       the expected units (required)
  --json              print JSON: { period, received, missing, unexpected, duplicates, reminder }
  --template FILE     use another template version (JSON)
  -h, --help          show this help

Exit codes: 0 every unit has reported; 1 some are missing; 2 could not run as asked (bad arguments, an unreadable list
or return)`,
  },
  options: { expect: { type: 'string' }, json: { type: 'boolean' }, template: { type: 'string' } },
  async run(ctx, args) {
    const w = words[ctx.lang];
    if (args.positionals.length === 0) throw new UsageError(ctx.m.missingPositional(w.dir), 'status');
    const listFile = args.options['expect'] as string | undefined;
    if (listFile === undefined) throw new UsageError(w.noExpect, 'status');
    const { parseExpectList, reportingStatus } = await loadEngine();
    let listText: string;
    try {
      listText = await fsp.readFile(ctx.resolve(listFile), 'utf8');
    } catch (e) {
      throw new CliError(w.unreadableList(listFile, errorDetail(e)));
    }
    const list = parseExpectList(listText);
    if (list.problems.length > 0) throw new CliError(w.listProblem(listFile, list.problems[0]!));
    if (list.units.length === 0) throw new CliError(w.emptyList(listFile));

    const template = await loadTemplate(ctx, args.options['template'] as string | undefined);
    const results = await checkPaths(ctx, template, args.positionals);
    const returns = results.flatMap((r) =>
      r.ok
        ? [{ file: r.file, unit: r.report.unit, divisionCode: r.report.divisionCode ?? null, period: r.report.period, errors: r.report.counts.error }]
        : [],
    );
    const status = reportingStatus(list.units, returns, ctx.lang);
    // A return of another period (last quarter's file sent again) still counts as received, and is named.
    for (const r of returns) {
      const p = r.period ? `${r.period.year}Q${r.period.quarter}` : null;
      if (p !== null && status.period !== null && p !== status.period) ctx.io.stderr.write(`fulian-returns: ${w.otherPeriod(tt(r.file), p, status.period)}\n`);
    }
    ctx.io.stdout.write(args.options['json'] ? `${JSON.stringify(status, null, 2)}\n` : statusText(ctx, status, list.units.length));
    // An unreadable return has had its line on stderr; the status is still printed, and the run could not fully run.
    if (results.some((r) => !r.ok)) return 2;
    return status.missing.length > 0 ? 1 : 0;
  },
};

function statusText(ctx: Context, s: ReportingStatus, expected: number): string {
  const w = words[ctx.lang];
  const units = new Set(s.received.map((r) => r.unit));
  const out: string[] = [w.title(s.period ?? '—'), '', `${w.received(units.size, expected)}`];
  for (const r of s.received) out.push(`  ${tt(r.unit)}  ${tt(r.file)}  ${w.errors(r.errors)}`);
  out.push('', `${w.missing} ${s.missing.length}`);
  for (const m of s.missing) out.push(`  ${m.divisionCode ? `${m.divisionCode}  ` : ''}${tt(m.unit)}`);
  if (s.duplicates.length > 0) {
    out.push('', `${w.duplicates} ${s.duplicates.length}`);
    for (const d of s.duplicates) out.push(`  ${tt(d.unit)}  ${d.files.map(tt).join('  ')}`);
  }
  if (s.unexpected.length > 0) {
    out.push('', `${w.unexpected} ${s.unexpected.length}`);
    for (const f of s.unexpected) out.push(`  ${tt(f)}`);
  }
  out.push('', w.reminder, tt(s.reminder), '');
  return out.join('\n');
}
