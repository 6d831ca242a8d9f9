/** Words of the 诊断 (self-test) tab and the copyable report, zh-CN and en. */
import type { Lang } from '../../engine/findings';
import type { DiagnosticStepId, Diagnosis } from '../host';

export interface DiagnosisStrings {
  readonly tab: string;
  readonly intro: string;
  readonly run: string;
  readonly running: string;
  readonly copy: string;
  readonly copied: string;
  readonly copyFailed: string;
  readonly passed: (ok: number, all: number) => string;
  readonly ok: string;
  readonly failed: string;
  readonly steps: Readonly<Record<DiagnosticStepId, string>>;
  readonly host: string;
  readonly version: string;
  readonly platform: string;
  readonly api: string;
  readonly reportTitle: string;
  readonly unknown: string;
}

const zh: DiagnosisStrings = {
  tab: '诊断',
  intro: '在一张临时工作表上逐项试用本工具用到的每个操作，完成后删除该表，不改动报表。出现问题时，把结果复制给部署本加载项的管理员。',
  run: '运行诊断',
  running: '正在诊断…',
  copy: '复制结果',
  copied: '已复制诊断结果',
  copyFailed: '无法复制，请手动选中下面的文字复制',
  passed: (ok, all) => `${ok} / ${all} 项通过`,
  ok: '通过',
  failed: '失败',
  steps: {
    'add-sheet': '添加临时工作表',
    write: '写入值、公式和格式',
    read: '读回值、公式和数字格式',
    activate: '激活工作表',
    select: '选中单元格',
    'add-mark': '添加标记（条件格式）',
    'find-mark': '按标记找到条件格式',
    'remove-mark': '删除标记',
    'rename-sheet': '重命名工作表',
    calculation: '计算模式与重新计算',
    'remove-sheet': '删除临时工作表',
  },
  host: '宿主',
  version: '版本',
  platform: '平台',
  api: '接口支持',
  reportTitle: '妇联指标报表助手 诊断结果',
  unknown: '未知',
};

const en: DiagnosisStrings = {
  tab: 'Self-test',
  intro: "Tries every operation the add-in uses on a temporary sheet, which it removes afterwards; the return is not changed. If something fails, copy the result to whoever deployed the add-in.",
  run: 'Run self-test',
  running: 'Running the self-test…',
  copy: 'Copy result',
  copied: 'Self-test result copied',
  copyFailed: 'Could not copy; select the text below and copy it',
  passed: (ok, all) => `${ok} of ${all} passed`,
  ok: 'passed',
  failed: 'failed',
  steps: {
    'add-sheet': 'Add a temporary sheet',
    write: 'Write values, formulas and formats',
    read: 'Read values, formulas and number formats back',
    activate: 'Activate the sheet',
    select: 'Select a cell',
    'add-mark': 'Add a mark (conditional format)',
    'find-mark': 'Find the conditional format by its marker',
    'remove-mark': 'Remove the mark',
    'rename-sheet': 'Rename the sheet',
    calculation: 'Calculation mode and recalculation',
    'remove-sheet': 'Remove the temporary sheet',
  },
  host: 'Host',
  version: 'Version',
  platform: 'Platform',
  api: 'API support',
  reportTitle: 'Federation Indicator Returns self-test',
  unknown: 'unknown',
};

export const diagnosisStrings = (lang: Lang): DiagnosisStrings => (lang === 'en' ? en : zh);

/** The self-test as plain text for a support message: environment first, then one line per step with its detail. */
export function diagnosisText(d: Diagnosis, lang: Lang, when: Date = new Date()): string {
  const s = diagnosisStrings(lang);
  const ok = d.steps.filter((x) => x.ok).length;
  return [
    `${s.reportTitle} · ${when.toISOString()}`,
    `${s.host}: ${d.host}`,
    `${s.version}: ${d.version || s.unknown}`,
    `${s.platform}: ${d.platform || s.unknown}`,
    ...(d.apiSupport.length ? [`${s.api}: ${d.apiSupport.join('; ')}`] : []),
    s.passed(ok, d.steps.length),
    ...d.steps.map((x, i) => `${i + 1}. [${x.ok ? s.ok : s.failed}] ${s.steps[x.id]} (${x.id}): ${x.detail}`),
  ].join('\n');
}
