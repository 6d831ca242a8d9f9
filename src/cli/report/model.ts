/**
 * The review report's data (`check DIR --report OUT`): one row per return, sorted so the returns that need a call
 * come first — unreadable files, then by errors (most first), then lowest completeness, then most behind time
 * progress — and each return's findings. Pure: the .xlsx and .html writers render it.
 */
import type { Finding, Lang } from '../../engine/findings';
import type { ReturnReport } from '../../engine/report';
import { matchesUnit } from '../../engine/status';
import { planChanges } from '../../engine/summary/change';
import { roundShown } from '../../engine/display';
import { resolvePhrases } from '../../engine/summary/phrases';
import type { Template } from '../../engine/template/schema';
import { periodOf, type FileResult } from '../results';

export interface PlanColumn {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
}

export interface PlanCell {
  readonly code: string;
  readonly plan: number | null;
  readonly cumulative: number | null;
  /** 完成年计划(%) as a fraction, or null (no plan, plan 0, or the indicator is missing). */
  readonly percent: number | null;
  readonly status: 'exceeded' | 'on-track' | 'behind' | 'no-plan';
}

export interface ReviewRow {
  /** The file's name (no folder): what a reviewer recognises, and the same on every machine. */
  readonly file: string;
  /** The path as given on the command line. */
  readonly path: string;
  /** Why the file could not be read; the rest of the row is empty then. */
  readonly error: string | null;
  readonly unit: string | null;
  readonly period: string | null;
  readonly completeness: number | null;
  readonly errors: number;
  readonly warnings: number;
  /** 序时进度 as a fraction. */
  readonly timeProgress: number | null;
  readonly plans: readonly PlanCell[];
  /** Plan indicators behind time progress. */
  readonly behind: number;
  /** Mean 完成年计划 over the plan indicators that have one (the chart's bar), or null. */
  readonly meanPercent: number | null;
  readonly findings: readonly Finding[];
  /** 同比 against last year's return of the same unit (`--last-year DIR`); undefined when not asked. */
  readonly yearOnYear?: YearOnYear;
}

/** A unit's plan indicators against the same quarter of last year. */
export interface YearOnYear {
  /** Last year's file matched by unit, or null when there is none. */
  readonly file: string | null;
  readonly up: number;
  readonly down: number;
  readonly flat: number;
  /** Each plan indicator's 同比 in the template's words. */
  readonly sentences: readonly string[];
}

/** A return of last year's folder, checked. */
export interface LastYearReturn {
  readonly file: string;
  readonly report: ReturnReport;
}

export interface ReviewModel {
  readonly lang: Lang;
  readonly title: string;
  readonly templateVersion: string;
  readonly planColumns: readonly PlanColumn[];
  /** Whether the rows carry 同比 (a 同比 column). */
  readonly lastYear: boolean;
  readonly rows: readonly ReviewRow[];
  readonly totals: { readonly returns: number; readonly withErrors: number; readonly unreadable: number; readonly behind: number };
}

/** The last segment of a path, for either separator (the model is pure: no node:path). */
export function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function rowOf(r: FileResult, template: Template): ReviewRow {
  if (!r.ok) {
    return {
      file: fileName(r.file),
      path: r.file,
      error: r.error,
      unit: null,
      period: null,
      completeness: null,
      errors: 0,
      warnings: 0,
      timeProgress: null,
      plans: [],
      behind: 0,
      meanPercent: null,
      findings: [],
    };
  }
  const { report } = r;
  const byCode = new Map(report.indicators.map((f) => [f.indicator.code, f]));
  let timeProgress: number | null = null;
  const plans: PlanCell[] = [];
  for (const ind of template.indicators) {
    if (!ind.plan) continue;
    const f = byCode.get(ind.code);
    if (f?.timeProgress !== null && f?.timeProgress !== undefined) timeProgress = f.timeProgress;
    const percent = f?.percentOfPlan ?? null;
    // The engine's own 进度状态 (the one computation 汇总 and 摘要 show), never worked out again here.
    const st = template.progress.statuses;
    const label = f?.progressStatus;
    const status: PlanCell['status'] =
      label === st.exceeded ? 'exceeded' : label === st.onTrack ? 'on-track' : label === st.behind ? 'behind' : 'no-plan';
    plans.push({ code: ind.code, plan: f?.plan ?? null, cumulative: f?.cumulative ?? null, percent, status });
  }
  const percents = plans.map((p) => p.percent).filter((p): p is number => p !== null);
  return {
    file: fileName(r.file),
    path: r.file,
    error: null,
    unit: report.unit,
    period: periodOf(report),
    completeness: report.completeness.overall,
    errors: report.counts.error,
    warnings: report.counts.warning,
    timeProgress,
    plans,
    behind: plans.filter((p) => p.status === 'behind').length,
    meanPercent: percents.length ? percents.reduce((a, b) => a + b, 0) / percents.length : null,
    findings: r.findings,
  };
}

/** How far a return is behind: its mean completion minus time progress (lower is further behind). */
function lag(r: ReviewRow): number {
  if (r.meanPercent === null || r.timeProgress === null) return Number.NEGATIVE_INFINITY;
  return r.meanPercent - r.timeProgress;
}

/** Returns that need a call first: unreadable, most errors, lowest completeness, most behind; then by file. */
export function compareRows(a: ReviewRow, b: ReviewRow): number {
  const ua = a.error !== null ? 1 : 0;
  const ub = b.error !== null ? 1 : 0;
  if (ua !== ub) return ub - ua;
  if (a.errors !== b.errors) return b.errors - a.errors;
  const ca = a.completeness ?? 0;
  const cb = b.completeness ?? 0;
  if (ca !== cb) return ca - cb;
  const la = lag(a);
  const lb = lag(b);
  if (la !== lb) return la < lb ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Last year's return of the same unit (by code when both have one, else folded name) and quarter, and its 同比. */
function yearOnYear(report: ReturnReport, template: Template, lang: Lang, lastYear: readonly LastYearReturn[]): YearOnYear {
  const unit = { unit: report.unit ?? '', divisionCode: report.divisionCode ?? null };
  const p = report.period;
  const match = lastYear.find(
    (l) =>
      matchesUnit(unit, { unit: l.report.unit, divisionCode: l.report.divisionCode ?? null }) &&
      (!p || !l.report.period || (l.report.period.year === p.year - 1 && l.report.period.quarter === p.quarter)),
  );
  if (!match) return { file: null, up: 0, down: 0, flat: 0, sentences: [] };
  const ph = resolvePhrases(template, lang);
  const { changes } = planChanges(report, template, ph, { lastYear: match.report });
  let up = 0;
  let down = 0;
  let flat = 0;
  for (const c of changes) {
    if (c.lastYear === null) continue;
    const shown = c.yearOnYear === null ? Math.sign(c.value - c.lastYear) : roundShown(c.yearOnYear * 100, ph.decimals.percent);
    if (shown > 0) up++;
    else if (shown < 0) down++;
    else flat++;
  }
  return { file: fileName(match.file), up, down, flat, sentences: changes.map((c) => c.text) };
}

export function buildReviewModel(
  results: readonly FileResult[],
  template: Template,
  lang: Lang,
  lastYear?: readonly LastYearReturn[],
): ReviewModel {
  const rows = results
    .map((r) => {
      const row = rowOf(r, template);
      return lastYear && r.ok ? { ...row, yearOnYear: yearOnYear(r.report, template, lang, lastYear) } : row;
    })
    .sort(compareRows);
  return {
    lang,
    title: lang === 'en' ? 'Review of returns' : '报表审核汇总',
    templateVersion: `${template.id} ${template.version}`,
    planColumns: template.indicators.filter((i) => i.plan).map((i) => ({ code: i.code, name: i.name, unit: i.unit })),
    lastYear: lastYear !== undefined,
    rows,
    totals: {
      returns: rows.length,
      withErrors: rows.filter((r) => r.errors > 0).length,
      unreadable: rows.filter((r) => r.error !== null).length,
      behind: rows.filter((r) => r.behind > 0).length,
    },
  };
}

/** Every label the two renderings share, in both languages. */
export const LABELS = {
  'zh-CN': {
    sheet: '审核表',
    unit: '填报单位',
    file: '文件',
    period: '报告期',
    completeness: '完整率(%)',
    errors: '错误数',
    warnings: '警告数',
    timeProgress: '序时进度(%)',
    behind: '滞后指标数',
    percentOf: (code: string, name: string) => `${code} ${name} 完成年计划(%)`,
    note: '备注',
    unreadable: '无法读取',
    findings: '问题清单',
    findingHeaders: ['严重程度', '规则', '位置', '指标', '说明'],
    severity: { error: '错误', warning: '警告', info: '提示' },
    noFindings: '没有发现问题',
    findingsOf: (unit: string, file: string, n: number) => `${unit} · ${file} · ${n} 个问题`,
    unreadableOf: (unit: string, file: string) => `${unit} · ${file} · 无法读取`,
    totals: (n: number, e: number, u: number, b: number) =>
      `共 ${n} 份报表：${e} 份有错误，${u} 份无法读取，${b} 份有指标滞后序时进度`,
    chart: '各单位滞后序时进度的计划指标数',
    chartNote: '条形为完成年计划(%)低于序时进度的计划指标数（分母为有年计划的计划指标）',
    behindOf: (n: number, of: number) => `${n} 项滞后（共 ${of} 项）`,
    status: { exceeded: '超额完成', 'on-track': '达到序时进度', behind: '滞后序时进度', 'no-plan': '无计划' },
    generated: (v: string) => `模板 ${v}，由 fulian-returns check --report 生成`,
    unknownUnit: '（未填单位）',
    table: '审核表（需要跟进的排在前面）',
    yoy: '同比',
    yoyCounts: (y: YearOnYear) => (y.file === null ? '去年无此单位的报表' : `增长${y.up}项，下降${y.down}项，持平${y.flat}项`),
  },
  en: {
    sheet: 'Review',
    unit: 'Unit',
    file: 'File',
    period: 'Period',
    completeness: 'Completeness (%)',
    errors: 'Errors',
    warnings: 'Warnings',
    timeProgress: 'Time progress (%)',
    behind: 'Indicators behind',
    percentOf: (code: string, name: string) => `${code} ${name} of annual plan (%)`,
    note: 'Note',
    unreadable: 'unreadable',
    findings: 'Findings',
    findingHeaders: ['Severity', 'Rule', 'Cell', 'Indicator', 'Message'],
    severity: { error: 'error', warning: 'warning', info: 'info' },
    noFindings: 'No problems found',
    findingsOf: (unit: string, file: string, n: number) => `${unit} · ${file} · ${n} finding(s)`,
    unreadableOf: (unit: string, file: string) => `${unit} · ${file} · unreadable`,
    totals: (n: number, e: number, u: number, b: number) =>
      `${n} returns: ${e} with errors, ${u} unreadable, ${b} with indicators behind time progress`,
    chart: 'Plan indicators behind time progress, per unit',
    chartNote: 'Bars: plan indicators whose 完成年计划(%) is below time progress (of those with an annual plan)',
    behindOf: (n: number, of: number) => `${n} behind (of ${of})`,
    status: { exceeded: 'exceeded', 'on-track': 'on track', behind: 'behind', 'no-plan': 'no plan' },
    generated: (v: string) => `template ${v}, written by fulian-returns check --report`,
    unknownUnit: '(no unit)',
    table: 'Review (returns that need a call first)',
    yoy: 'Year on year',
    yoyCounts: (y: YearOnYear) => (y.file === null ? 'no return of this unit last year' : `${y.up} up, ${y.down} down, ${y.flat} level`),
  },
} as const;

export type Labels = (typeof LABELS)[Lang];

/** The review table's column headers, shared by the HTML and the .xlsx report. */
export function reviewHeaders(model: ReviewModel): string[] {
  const L = LABELS[model.lang];
  return [
    L.unit,
    L.file,
    L.period,
    L.completeness,
    L.errors,
    L.warnings,
    L.timeProgress,
    L.behind,
    ...(model.lastYear ? [L.yoy] : []),
    ...model.planColumns.map((c) => L.percentOf(c.code, c.name)),
  ];
}

export function where(f: Finding): string {
  return f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
}
