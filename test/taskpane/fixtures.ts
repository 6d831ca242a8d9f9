/* Hand-built check outcomes and a recording fake host for the task-pane tests (independent of the engine's rules). */
import type { Finding, Severity } from '../../src/engine/findings';
import type { IndicatorFigures, ReturnReport } from '../../src/engine/report';
import { standardTemplate } from '../../src/engine/template/load';
import type { Template } from '../../src/engine/template/schema';
import type { CheckOutcome, Diagnosis, WorkbookHost } from '../../src/taskpane/host';

export const template: Template = standardTemplate();

export const finding = (
  severity: Severity,
  sheet: string,
  cell: string | null,
  rule: Finding['rule'],
  message: string,
  indicator: string | null = null,
): Finding => ({ rule, severity, sheet, cell, indicator, message });

/** Three errors, two warnings and one note over three sheets, in an order that is not grouped by sheet. */
export const sampleFindings: readonly Finding[] = [
  finding('error', '创业就业', 'E7', 'not-a-number', '创业就业 E7：“无” 不是数字', 'A05'),
  finding('warning', '封面', 'B5', 'cover-field-missing', '封面 B5：审核人未填写'),
  finding('error', '维权服务', 'F9', 'part-exceeds-total', '维权服务 F9：B02 大于 B01', 'B02'),
  finding('warning', '创业就业', 'F3', 'approximate-value', '创业就业 F3：“1262余” 按 1262 计', 'A01'),
  finding('info', '创业就业', null, 'unknown-indicator', '创业就业：模板中没有 Z99'),
  finding('error', '创业就业', 'D12', 'plan-missing', '创业就业 D12：A14 缺少年计划', 'A14'),
];

const figures = (
  code: string,
  percentOfPlan: number | null,
  timeProgress: number | null,
  progressStatus: string,
): IndicatorFigures => {
  const indicator = template.indicators.find((i) => i.code === code);
  if (!indicator) throw new Error(`no indicator ${code}`);
  return {
    indicator,
    row: 3,
    plan: percentOfPlan === null ? null : 1000,
    quarters: [1, 1, 1, null],
    cumulative: percentOfPlan === null ? null : percentOfPlan * 1000,
    percentOfPlan,
    timeProgress,
    progressStatus,
  };
};

export function sampleReport(findings: readonly Finding[] = sampleFindings): ReturnReport {
  const s = template.progress.statuses;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    template: { id: template.id, version: template.version },
    unit: '临夏州妇联',
    periodText: '2026年第三季度',
    period: { year: 2026, quarter: 3 },
    issues: [],
    counts,
    completeness: {
      overall: 0.9,
      sheets: { 创业就业: 0.8, 维权服务: 1 },
      detail: [
        { sheet: '创业就业', requiredCells: 10, filledCells: 8, requiredIndicators: 5, filledIndicators: 3, fraction: 0.8 },
        { sheet: '维权服务', requiredCells: 10, filledCells: 10, requiredIndicators: 5, filledIndicators: 5, fraction: 1 },
      ],
    },
    indicators: [
      figures('A01', 1.0706, 0.75, s.exceeded),
      figures('A02', null, 0.75, s.noPlan), // not a plan indicator: no bar
      figures('A03', 0.5, 0.75, s.behind),
      figures('A14', null, 0.75, s.noPlan),
    ],
    twoPlan: { rows: [], counts: [] },
    layout: { dataSheets: [], twoPlan: null },
  };
}

export const sampleOutcome = (findings: readonly Finding[] = sampleFindings): CheckOutcome => ({
  report: sampleReport(findings),
  findings,
  sheetNames: ['封面', '创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设', '两纲监测'],
});

export type Call =
  | { readonly op: 'check'; readonly lang: string }
  | { readonly op: 'fill' }
  | { readonly op: 'select'; readonly sheet: string; readonly cell: string | null }
  | { readonly op: 'highlight'; readonly count: number }
  | { readonly op: 'clearHighlights' }
  | { readonly op: 'diagnose' };

/** A WorkbookHost that records its calls; `fail` makes the named operation reject with that message. */
export class FakeHost implements WorkbookHost {
  readonly calls: Call[] = [];
  readonly fail = new Map<Call['op'], string>();
  diagnosis: Diagnosis = { host: 'Excel', version: '16.0', platform: 'PC', apiSupport: ['ExcelApi 1.6'], steps: [] };
  constructor(public outcome: CheckOutcome = sampleOutcome()) {}

  private maybeFail(op: Call['op']): Promise<void> {
    const msg = this.fail.get(op);
    return msg === undefined ? Promise.resolve() : Promise.reject(new Error(msg));
  }

  async check(_t: Template, lang: 'zh-CN' | 'en'): Promise<CheckOutcome> {
    this.calls.push({ op: 'check', lang });
    await this.maybeFail('check');
    return this.outcome;
  }
  async fill(): Promise<void> {
    this.calls.push({ op: 'fill' });
    await this.maybeFail('fill');
  }
  async select(sheet: string, cell: string | null): Promise<void> {
    this.calls.push({ op: 'select', sheet, cell });
    await this.maybeFail('select');
  }
  async highlight(_t: Template, lang: 'zh-CN' | 'en'): Promise<CheckOutcome> {
    this.calls.push({ op: 'highlight', count: this.outcome.findings.length });
    void lang;
    await this.maybeFail('highlight');
    return this.outcome;
  }
  async diagnose(): Promise<Diagnosis> {
    this.calls.push({ op: 'diagnose' });
    await this.maybeFail('diagnose');
    return this.diagnosis;
  }
  async clearHighlights(): Promise<void> {
    this.calls.push({ op: 'clearHighlights' });
    await this.maybeFail('clearHighlights');
  }

  ops(): string[] {
    return this.calls.map((c) => c.op);
  }
}
