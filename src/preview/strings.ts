/** The web page's own words (the task pane brings its own), zh-CN first, English on request. */
import type { Lang } from '../engine/findings';

export interface PreviewStrings {
  readonly title: string;
  readonly toolbar: string;
  readonly open: string;
  readonly download: string;
  readonly language: string;
  readonly localOnly: string;
  readonly loading: string;
  readonly sample: string;
  readonly loadFailed: (name: string, reason: string) => string;
  readonly downloadFailed: (reason: string) => string;
  readonly grid: (sheet: string) => string;
  readonly tabs: string;
  readonly empty: string;
  readonly taskPane: string;
  readonly fileLabel: (name: string) => string;
  readonly dismiss: string;
  readonly modes: string;
  readonly staffMode: string;
  readonly reviewMode: string;
}

const zh: PreviewStrings = {
  title: '妇联指标报表助手 · 网页版',
  toolbar: '工具栏',
  open: '打开报表…',
  download: '下载已填写的工作簿',
  language: '界面语言',
  localOnly: '文件只在本机浏览器中读取，不会上传。',
  loading: '正在读取工作簿…',
  sample: '示例报表',
  loadFailed: (name, reason) => `无法读取“${name}”：${reason}`,
  downloadFailed: (reason) => `无法生成已填写的工作簿：${reason}`,
  grid: (sheet) => `工作表“${sheet}”（只读）`,
  tabs: '工作表',
  empty: '没有打开的工作簿',
  taskPane: '任务窗格',
  fileLabel: (name) => `当前文件：${name}`,
  dismiss: '关闭',
  modes: '使用方式',
  staffMode: '填报',
  reviewMode: '审核',
};

const en: PreviewStrings = {
  title: 'Federation Indicator Returns · web page',
  toolbar: 'Toolbar',
  open: 'Open a return…',
  download: 'Download the filled workbook',
  language: 'Language',
  localOnly: 'Read in this browser, never uploaded.',
  loading: 'Reading the workbook…',
  sample: 'sample return',
  loadFailed: (name, reason) => `Cannot read “${name}”: ${reason}`,
  downloadFailed: (reason) => `Cannot make the filled workbook: ${reason}`,
  grid: (sheet) => `Sheet “${sheet}” (read-only)`,
  tabs: 'Sheets',
  empty: 'No workbook open',
  taskPane: 'Task pane',
  fileLabel: (name) => `File: ${name}`,
  dismiss: 'Dismiss',
  modes: 'Mode',
  staffMode: 'Fill in',
  reviewMode: 'Review',
};

export const previewStrings = (lang: Lang): PreviewStrings => (lang === 'en' ? en : zh);

/** Office's displayLanguage for a UI language. */
export const displayLanguageOf = (lang: Lang): string => (lang === 'en' ? 'en-US' : 'zh-CN');
