/**
 * Every string of the task pane's own UI, zh-CN first, English on request. Finding messages are not here: they come
 * from the engine (`formatFindings`) through the host's `check(template, lang)`.
 */
import { formatPercent as enginePercent } from '../engine/display';
import type { TemplateProblem } from './applied-template';
import type { HostProblem } from './host';
import type { Lang, Severity } from '../engine/findings';

export type { Lang };

export interface Counts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

export interface UiStrings {
  readonly appTitle: string;
  readonly templateLine: (title: string, version: string) => string;
  /** Where the applied template came from (shown beside its line; nothing for the standard one). */
  readonly templateSource: Readonly<Record<'embedded' | 'shipped' | 'loaded', string>>;
  readonly templateProblem: (p: TemplateProblem) => string;
  readonly templateTitle: string;
  readonly templateHint: string;
  readonly loadTemplate: string;
  readonly forgetTemplate: string;
  readonly templateUnreadable: (file: string, detail: string) => string;
  readonly unitLabel: string;
  readonly periodLabel: string;
  readonly notFilled: string;
  readonly actionsLabel: string;
  readonly checkAgain: string;
  readonly fill: string;
  readonly mark: string;
  readonly clearMarks: string;
  readonly busy: Readonly<Record<'check' | 'fill' | 'mark' | 'clear', string>>;
  readonly errorTitle: string;
  /** A host refusal the user can act on (protection, focus); nothing was changed. */
  readonly hostProblem: (problem: HostProblem) => string;
  readonly dismiss: string;
  readonly completenessTitle: string;
  readonly overall: string;
  readonly completenessOf: (name: string) => string;
  readonly findingsTitle: string;
  readonly severityFilterLabel: string;
  readonly all: string;
  /** Filter labels (plural where the language has one). */
  readonly severity: Readonly<Record<Severity, string>>;
  /** One finding's severity. */
  readonly severityOne: Readonly<Record<Severity, string>>;
  readonly noFindings: string;
  readonly noFindingsOfSeverity: (severity: string) => string;
  readonly sheetGroupLabel: (sheet: string, count: number) => string;
  readonly wholeSheet: string;
  readonly showMore: (hidden: number) => string;
  readonly showRuleIds: string;
  /** One line for a rule found many times on a sheet, and the first of them as the example. */
  readonly bundleTitle: (count: number, severity: string) => string;
  readonly bundleExample: (message: string) => string;
  /** Accessible name of a finding row (the row's visible parts in reading order). */
  readonly findingRowPrefix: (severity: string, sheet: string) => string;
  readonly progressTitle: string;
  readonly timeProgressLabel: (percent: string) => string;
  readonly behind: string;
  readonly behindCount: (n: number) => string;
  readonly noPlan: string;
  readonly indicatorProgressLabel: (code: string, name: string, percent: string, time: string) => string;
  readonly notChecked: string;
  readonly announceChecked: (counts: Counts) => string;
  readonly announceFilled: string;
  /** The button beside the fill's confirmation that shows the summary sheet. */
  readonly openSummary: (sheet: string) => string;
  readonly announceMarked: (cells: number) => string;
  readonly announceCleared: string;
}

const zh: UiStrings = {
  appTitle: '妇联指标报表助手',
  templateLine: (title, version) => `${title} · 版本 ${version}`,
  templateSource: { embedded: '报表自带的模板', shipped: '按报表的模板版本', loaded: '已载入的模板' },
  templateProblem: (p) =>
    p.kind === 'unknown-version'
      ? `报表的模板版本「${p.stamp}」未知：请载入该版本的模板文件`
      : `报表自带的模板有误（${p.detail}），已按标准模板检查`,
  templateTitle: '模板',
  templateHint: '报表没有自带模板时，可载入本单位的模板文件（JSON），以后打开的报表都按它检查。',
  loadTemplate: '载入模板文件…',
  forgetTemplate: '改用标准模板',
  templateUnreadable: (file, detail) => `无法使用模板文件 ${file}：${detail}`,
  unitLabel: '填报单位',
  periodLabel: '报告期',
  notFilled: '未填写',
  actionsLabel: '操作',
  checkAgain: '重新检查',
  fill: '填写汇总',
  mark: '标记问题单元格',
  clearMarks: '清除标记',
  busy: { check: '正在检查…', fill: '正在填写公式和汇总…', mark: '正在标记问题单元格…', clear: '正在清除标记…' },
  errorTitle: '操作失败',
  hostProblem: (p) =>
    p.kind === 'protected'
      ? `${p.sheets.length ? `工作表 ${p.sheets.join('、')} ` : '工作表'}受保护，未做任何更改。请在“审阅 → 撤消工作表保护”后重试。`
      : 'Excel 正忙或另一个窗口获得了焦点，未做任何更改。请回到本工作簿后重试。',
  dismiss: '关闭',
  completenessTitle: '完整率',
  overall: '总体',
  completenessOf: (name) => `${name}完整率`,
  findingsTitle: '问题清单',
  severityFilterLabel: '按严重程度筛选',
  all: '全部',
  severity: { error: '错误', warning: '警告', info: '提示' },
  severityOne: { error: '错误', warning: '警告', info: '提示' },
  noFindings: '没有发现问题。',
  noFindingsOfSeverity: (s) => `没有${s}。`,
  sheetGroupLabel: (sheet, n) => `${sheet}（${n} 项）`,
  wholeSheet: '整表',
  showMore: (n) => `显示其余 ${n} 项`,
  showRuleIds: '显示规则编号',
  bundleTitle: (n, severity) => `同类${severity} ${n} 项`,
  bundleExample: (m) => `如：${m}（展开查看全部单元格）`,
  findingRowPrefix: (severity, sheet) => `${severity}，${sheet} `,
  progressTitle: '年计划完成进度',
  timeProgressLabel: (p) => `序时进度 ${p}`,
  behind: '滞后',
  behindCount: (n) => `${n} 项滞后序时进度`,
  noPlan: '无计划',
  indicatorProgressLabel: (code, name, p, t) => `${code} ${name}：完成年计划 ${p}，序时进度 ${t}`,
  notChecked: '尚未检查',
  announceChecked: (c) =>
    `检查完成：${c.error} 个错误，${c.warning} 个警告${c.info > 0 ? `，${c.info} 个提示` : ''}`,
  announceFilled: '已写入累计公式和汇总表',
  openSummary: (sheet) => `打开${sheet}`,
  announceMarked: (n) => `已标记 ${n} 个问题单元格`,
  announceCleared: '已清除标记',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en: UiStrings = {
  appTitle: 'Federation Indicator Returns',
  templateLine: (title, version) => `${title} · version ${version}`,
  templateSource: { embedded: 'carried by the return', shipped: "the return's template version", loaded: 'loaded template' },
  templateProblem: (p) =>
    p.kind === 'unknown-version'
      ? `The return is stamped with an unknown template version "${p.stamp}": load that version's template file`
      : `The template the return carries is invalid (${p.detail}); checked with the standard template`,
  templateTitle: 'Template',
  templateHint: "When a return carries no template, load your federation's template file (JSON): returns opened later are checked with it.",
  loadTemplate: 'Load template file…',
  forgetTemplate: 'Use the standard template',
  templateUnreadable: (file, detail) => `Cannot use template file ${file}: ${detail}`,
  unitLabel: 'Reporting unit',
  periodLabel: 'Period',
  notFilled: 'not filled',
  actionsLabel: 'Actions',
  checkAgain: 'Check again',
  fill: 'Fill totals',
  mark: 'Mark problem cells',
  clearMarks: 'Clear marks',
  busy: {
    check: 'Checking…',
    fill: 'Writing formulas and the totals…',
    mark: 'Marking problem cells…',
    clear: 'Clearing marks…',
  },
  errorTitle: 'Something went wrong',
  hostProblem: (p) =>
    p.kind === 'protected'
      ? `${p.sheets.length ? `Sheet ${p.sheets.join(', ')} is` : 'A sheet is'} protected; nothing was changed. Unprotect it (Review → Unprotect Sheet) and try again.`
      : 'Excel was busy or another window took the focus; nothing was changed. Go back to this workbook and try again.',
  dismiss: 'Dismiss',
  completenessTitle: 'Completeness',
  overall: 'Overall',
  completenessOf: (name) => `Completeness of ${name}`,
  findingsTitle: 'Findings',
  severityFilterLabel: 'Filter by severity',
  all: 'All',
  severity: { error: 'Errors', warning: 'Warnings', info: 'Notes' },
  severityOne: { error: 'Error', warning: 'Warning', info: 'Note' },
  noFindings: 'No findings.',
  noFindingsOfSeverity: (s) => `No ${s.toLowerCase()}.`,
  sheetGroupLabel: (sheet, n) => `${sheet} (${plural(n, 'finding', 'findings')})`,
  wholeSheet: 'sheet',
  showMore: (n) => `Show ${plural(n, 'more finding', 'more findings')}`,
  showRuleIds: 'Show rule ids',
  bundleTitle: (n) => plural(n, 'similar finding', 'similar findings'),
  bundleExample: (m) => `e.g. ${m} (expand for every cell)`,
  findingRowPrefix: (severity, sheet) => `${severity}, ${sheet} `,
  progressTitle: 'Progress against the annual plan',
  timeProgressLabel: (p) => `Time elapsed ${p}`,
  behind: 'Behind',
  behindCount: (n) => `${plural(n, 'indicator', 'indicators')} behind schedule`,
  noPlan: 'no plan',
  indicatorProgressLabel: (code, name, p, t) => `${code} ${name}: ${p} of the annual plan, time elapsed ${t}`,
  notChecked: 'Not checked yet',
  announceChecked: (c) =>
    `Check complete: ${plural(c.error, 'error', 'errors')}, ${plural(c.warning, 'warning', 'warnings')}` +
    (c.info > 0 ? `, ${plural(c.info, 'note', 'notes')}` : ''),
  announceFilled: 'Cumulative formulas and the totals sheet written',
  openSummary: () => 'Open the totals sheet',
  announceMarked: (n) => `${plural(n, 'problem cell', 'problem cells')} marked`,
  announceCleared: 'Marks cleared',
};

const STRINGS: Readonly<Record<Lang, UiStrings>> = { 'zh-CN': zh, en };

export function uiStrings(lang: Lang): UiStrings {
  return STRINGS[lang];
}

/** zh-CN unless Office's display language is English (`en`, `en-US`, `en-GB`, …). */
export function langFromDisplayLanguage(displayLanguage: string | null | undefined): Lang {
  return typeof displayLanguage === 'string' && /^en(?:-|_|$)/i.test(displayLanguage.trim()) ? 'en' : 'zh-CN';
}

/** A fraction as a percent with two decimals, as Excel shows it under `0.00%` (the engine's one rounding). */
export function formatPercent(fraction: number): string {
  return enginePercent(fraction, 2);
}
