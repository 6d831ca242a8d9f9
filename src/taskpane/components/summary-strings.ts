/** Words of the 摘要 tab and the previous-return picker, zh-CN and en. */
import type { Lang } from '../../engine/findings';

export interface SummaryStrings {
  readonly tabCheck: string;
  readonly tabSummary: string;
  readonly tabsLabel: string;
  readonly summaryIntro: string;
  readonly copyAll: string;
  readonly copyParagraph: (heading: string) => string;
  readonly copied: string;
  readonly copyFailed: string;
  readonly notesLabel: string;
  readonly notePrefix: string;
  readonly noReport: string;
  readonly previousTitle: string;
  readonly previousHint: string;
  readonly pickPrevious: string;
  readonly readingPrevious: string;
  readonly comparingWith: (file: string, period: string) => string;
  readonly stopComparing: string;
  readonly previousUnreadable: (file: string, why: string) => string;
}

const zh: SummaryStrings = {
  tabCheck: '检查',
  tabSummary: '摘要',
  tabsLabel: '视图',
  summaryIntro: '按报表数字起草，可复制到工作报告；数字取自本工具的计算。',
  copyAll: '复制摘要',
  copyParagraph: (h) => `复制「${h}」段`,
  copied: '已复制到剪贴板',
  copyFailed: '无法写入剪贴板，请选中文字后手动复制',
  notesLabel: '注',
  notePrefix: '注：',
  noReport: '检查完成后显示摘要。',
  previousTitle: '与上期报表比对',
  previousHint: '选择同一单位同年上一季度的报表，标出已报季度被改动的数字。',
  pickPrevious: '选择上期报表…',
  readingPrevious: '正在读取上期报表…',
  comparingWith: (f, p) => `正在与上期报表「${f}」（${p}）比对`,
  stopComparing: '取消比对',
  previousUnreadable: (f, why) => `无法读取「${f}」：${why}`,
};

const en: SummaryStrings = {
  tabCheck: 'Check',
  tabSummary: 'Summary',
  tabsLabel: 'Views',
  summaryIntro: 'Drafted from the return’s figures, ready to paste into the work report; figures come from the tool’s own calculation.',
  copyAll: 'Copy summary',
  copyParagraph: (h) => `Copy the “${h}” paragraph`,
  copied: 'Copied to the clipboard',
  copyFailed: 'Could not write to the clipboard; select the text and copy it by hand',
  notesLabel: 'Notes',
  notePrefix: 'Note: ',
  noReport: 'The summary shows once the check has run.',
  previousTitle: 'Compare with the previous return',
  previousHint: 'Pick the same unit’s return of the previous quarter to flag figures changed since they were reported.',
  pickPrevious: 'Pick the previous return…',
  readingPrevious: 'Reading the previous return…',
  comparingWith: (f, p) => `Comparing with the previous return “${f}” (${p})`,
  stopComparing: 'Stop comparing',
  previousUnreadable: (f, why) => `Cannot read “${f}”: ${why}`,
};

export const summaryStrings = (lang: Lang): SummaryStrings => (lang === 'en' ? en : zh);
