/**
 * 同比 and 环比 of the plan indicators: each one's 累计 against the same quarter of last year (a percent change) and
 * against the previous quarter's 累计 (a difference in its unit), worded by the template's `change` phrases. Pure:
 * the three reports come checked; figures are the engine's own, rounded once where they are shown.
 */
import type { Period, ReturnReport } from '../report';
import { foldUnitName, matchesUnit } from '../status';
import type { Indicator, Template } from '../template/schema';
import { proseFigure, proseName, proseUnit } from './prose';
import { formatPercent, roundShown } from '../display';
import { formatValue, renderPattern } from './pattern';
import type { ResolvedPhrases } from './phrases';

export interface IndicatorChange {
  readonly code: string;
  readonly name: string;
  readonly value: number;
  /** The previous quarter's 累计, or null (not given, or no figure there). */
  readonly previous: number | null;
  /** The same quarter of last year's 累计, or null. */
  readonly lastYear: number | null;
  /** (value − lastYear) ÷ lastYear as a fraction; null without a figure, or when last year's was 0. */
  readonly yearOnYear: number | null;
  /** value − previous, in the indicator's unit. */
  readonly quarterOnQuarter: number | null;
  readonly text: string;
}

export interface ChangeInput {
  readonly previous?: ReturnReport;
  readonly lastYear?: ReturnReport;
}

function figure(report: ReturnReport | undefined, ind: Indicator): number | null {
  if (!report) return null;
  return proseFigure(report, report.indicators.find((f) => f.indicator.code === ind.code), ind);
}

/** A fraction's words: up, down or level once rounded as shown (a change that shows as 0.00% is level). */
function yoyWords(ph: ResolvedPhrases, value: number, last: number | null): { text: string | null; fraction: number | null } {
  if (last === null) return { text: null, fraction: null };
  const c = ph.change;
  if (last === 0) return { text: value === 0 ? c.yoyFlat : c.yoyFromZero, fraction: null };
  const fraction = (value - last) / last;
  const d = ph.decimals.percent;
  if (roundShown(fraction * 100, d) === 0) return { text: c.yoyFlat, fraction };
  const percent = formatPercent(Math.abs(fraction), d);
  return { text: renderPattern(fraction > 0 ? c.yoyUp : c.yoyDown, { percent }), fraction };
}

function qoqWords(ph: ResolvedPhrases, ind: Indicator, value: number, previous: number | null): { text: string | null; delta: number | null } {
  if (previous === null) return { text: null, delta: null };
  const c = ph.change;
  const delta = roundShown(value - previous, ph.decimals.value);
  if (delta === 0) return { text: c.qoqFlat, delta: 0 };
  const values = { delta: formatValue(Math.abs(delta), ph.decimals.value), unit: proseUnit(ph, ind) };
  return { text: renderPattern(delta > 0 ? c.qoqUp : c.qoqDown, values), delta };
}

/** Per plan indicator with a figure this quarter and at least one to compare with: its change, worded. */
export function planChanges(report: ReturnReport, template: Template, ph: ResolvedPhrases, input: ChangeInput): { changes: IndicatorChange[]; missing: Indicator[] } {
  const changes: IndicatorChange[] = [];
  const missing: Indicator[] = [];
  for (const ind of template.indicators) {
    if (!ind.plan) continue;
    const value = figure(report, ind);
    if (value === null) continue;
    const previous = figure(input.previous, ind);
    const lastYear = figure(input.lastYear, ind);
    if (previous === null && lastYear === null) {
      missing.push(ind);
      continue;
    }
    const yoy = yoyWords(ph, value, lastYear);
    const qoq = qoqWords(ph, ind, value, previous);
    const text = renderPattern(ph.change.sentence, {
      code: ind.code,
      name: proseName(ph, ind),
      value: formatValue(value, ph.decimals.value),
      unit: proseUnit(ph, ind),
      yoy: yoy.text,
      qoq: qoq.text,
    });
    if (text === null) continue;
    changes.push({ code: ind.code, name: proseName(ph, ind), value, previous, lastYear, yearOnYear: yoy.fraction, quarterOnQuarter: qoq.delta, text });
  }
  return { changes, missing };
}

/** Why last year's return cannot be compared with this one, in both languages; null when it can. */
export function lastYearMismatch(current: ReturnReport, lastYear: ReturnReport): { readonly 'zh-CN': string; readonly en: string } | null {
  const zh = (p: Period) => `${p.year}年第${p.quarter}季度`;
  const en = (p: Period) => `${p.year}Q${p.quarter}`;
  const unit = { unit: current.unit ?? '', divisionCode: current.divisionCode ?? null };
  if (!current.unit || foldUnitName(current.unit) === '' || !matchesUnit(unit, { unit: lastYear.unit, divisionCode: lastYear.divisionCode ?? null })) {
    return {
      'zh-CN': `去年同期报表的填报单位「${lastYear.unit?.trim() ?? ''}」与本期「${current.unit?.trim() ?? ''}」不同`,
      en: `Last year's return is from "${lastYear.unit?.trim() ?? ''}", not "${current.unit?.trim() ?? ''}"`,
    };
  }
  const cp = current.period;
  const lp = lastYear.period;
  if (!cp || !lp) {
    return { 'zh-CN': '报告期无法识别，无法与去年同期比对', en: 'A reporting period is not readable; cannot compare with last year' };
  }
  if (lp.year !== cp.year - 1 || lp.quarter !== cp.quarter) {
    const want: Period = { year: cp.year - 1, quarter: cp.quarter };
    return {
      'zh-CN': `去年同期报表的报告期为${zh(lp)}，应为${zh(want)}`,
      en: `Last year's return is for ${en(lp)}; expected ${en(want)}`,
    };
  }
  return null;
}
