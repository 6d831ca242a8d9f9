/**
 * Drafting the figures summary (数据摘要) from a checked return: one paragraph per data sheet, one for the two-plan
 * indicators, one listing the plan indicators behind time progress. Pure: every figure comes from the report (the
 * engine's own 累计, 完成年计划 and two-plan counts), every word from the template's phrases. A figure that is blank
 * or unreadable is never written (and never as 0): it is named in a note under its paragraph.
 */
import type { Lang } from '../findings';
import type { IndicatorFigures, ReturnReport, TwoPlanCounts } from '../report';
import type { Indicator, Template } from '../template/schema';
import { formatPercent, formatValue, renderPattern, type PatternValues } from './pattern';
import { resolvePhrases, type ResolvedPhrases } from './phrases';
import { proseFigure, proseName, proseUnit } from './prose';
import { planChanges, type ChangeInput, type IndicatorChange } from './change';

export interface SummaryParagraph {
  /** The data sheet's name, or 'twoPlan' / 'behind'. */
  readonly sheet: string;
  readonly heading: string;
  readonly text: string;
  /** Figures left out of the prose (blank or unreadable), and the like. */
  readonly notes: readonly string[];
}

export interface FiguresSummary {
  readonly lang: Lang;
  /** 同比 / 环比 per plan indicator, when a previous or last year's return was given. */
  readonly changes?: readonly IndicatorChange[];
  readonly title: string;
  readonly unit: string | null;
  readonly period: string | null;
  readonly paragraphs: readonly SummaryParagraph[];
}


interface Ctx {
  readonly template: Template;
  readonly report: ReturnReport;
  readonly ph: ResolvedPhrases;
  readonly figures: ReadonlyMap<string, IndicatorFigures>;
  readonly byCode: ReadonlyMap<string, Indicator>;
  readonly period: string;
}

function nameOf(ctx: Ctx, ind: Indicator): string {
  return proseName(ctx.ph, ind);
}

function unitOf(ctx: Ctx, ind: Indicator): string | null {
  return proseUnit(ctx.ph, ind);
}

/** The figure an indicator contributes to prose, or null when it is blank, unreadable or incomplete. */
function valueOf(ctx: Ctx, ind: Indicator): number | null {
  return proseFigure(ctx.report, ctx.figures.get(ind.code), ind);
}

function shown(ctx: Ctx, ind: Indicator, v: number): string {
  return ind.kind === 'rate' ? formatPercent(v, ctx.ph.decimals.percent) : formatValue(v, ctx.ph.decimals.value);
}

function isExhaustivePart(ctx: Ctx, ind: Indicator): boolean {
  if (!ind.partOf) return false;
  const total = ctx.byCode.get(ind.partOf.total);
  return !!total && total.sheet === ind.sheet && (total.sumOf?.includes(ind.code) ?? false);
}

function isAttachedPart(ctx: Ctx, ind: Indicator): boolean {
  if (!ind.partOf || isExhaustivePart(ctx, ind)) return false;
  return ctx.byCode.get(ind.partOf.total)?.sheet === ind.sheet;
}

/** A rate whose numerator is a ≤-part of its denominator is already said as that part's share. */
function isSaidAsShare(ctx: Ctx, ind: Indicator): boolean {
  if (!ind.ratio) return false;
  const num = ctx.byCode.get(ind.ratio.numerator);
  return num?.partOf?.total === ind.ratio.denominator;
}

function baseValues(ctx: Ctx, ind: Indicator, v: number): Record<string, string | null> {
  const f = ctx.figures.get(ind.code);
  const d = ctx.ph.decimals;
  return {
    period: ctx.period,
    code: ind.code,
    name: nameOf(ctx, ind),
    value: shown(ctx, ind, v),
    unit: unitOf(ctx, ind),
    plan: f?.plan != null ? formatValue(f.plan, d.value) : null,
    percentOfPlan: f?.percentOfPlan != null ? formatPercent(f.percentOfPlan, d.percent) : null,
    timeProgress: f?.timeProgress != null ? formatPercent(f.timeProgress, d.percent) : null,
  };
}

/**
 * A name that ends in its own unit (家庭教育受益人次, 人次) drops it where the pattern puts the figure and the unit right
 * after the name: "家庭教育受益29000人次", not "家庭教育受益人次29000人次".
 */
function renderFigure(pattern: string, values: Record<string, string | null>): string | null {
  const { name, unit } = values;
  if (pattern.includes('{name}{value}{unit}') && name && unit && name.length > unit.length && name.endsWith(unit)) {
    return renderPattern(pattern, { ...values, name: name.slice(0, -unit.length) });
  }
  return renderPattern(pattern, values);
}

/** One indicator's clause with the clauses of its ≤-parts; null when its own figure is missing. */
function clause(ctx: Ctx, ind: Indicator, sheetInds: readonly Indicator[], parentAvailable: boolean): string | null {
  const v = valueOf(ctx, ind);
  if (v === null) return null;
  const ph = ctx.ph;
  const own = ph.indicators[ind.code];
  const values: Record<string, string | null> = baseValues(ctx, ind, v);

  // {parts}: the exhaustive parts that have figures.
  const partSep = own?.partSeparator ?? ph.partSeparator;
  const parts = (ind.sumOf ?? [])
    .map((c) => ctx.byCode.get(c))
    .filter((p): p is Indicator => !!p && p.sheet === ind.sheet)
    .map((p) => {
      const pv = valueOf(ctx, p);
      return pv === null ? null : renderFigure(ph.part, baseValues(ctx, p, pv));
    })
    .filter((s): s is string => s !== null);
  values.parts = parts.length > 0 ? parts.join(partSep) : null;

  // {parentName}, {parentValue}, {share}: a ≤-part over its total.
  const parent = ind.partOf ? ctx.byCode.get(ind.partOf.total) : undefined;
  const parentValue = parent && parentAvailable ? valueOf(ctx, parent) : null;
  values.parentName = parent && parentValue !== null ? nameOf(ctx, parent) : null;
  values.parentValue = parent && parentValue !== null ? shown(ctx, parent, parentValue) : null;
  values.share = parentValue !== null && parentValue > 0 ? formatPercent(v / parentValue, ph.decimals.share) : null;

  // {attached}: the clauses of ≤-parts of this indicator on the same sheet, in template order.
  const attached = sheetInds
    .filter((p) => p.partOf?.total === ind.code && isAttachedPart(ctx, p))
    .map((p) => clause(ctx, p, sheetInds, true))
    .filter((s): s is string => s !== null)
    .map((s) => ph.attachSeparator + s)
    .join('');
  values.attached = attached;

  const candidates: string[] = [];
  if (own?.pattern !== undefined) candidates.push(own.pattern);
  if (ind.kind === 'rate') candidates.push(ph.rate);
  if (values.share !== null) candidates.push(ph.share);
  if (values.parts !== null) candidates.push(ph.total);
  candidates.push(ph.generic);
  for (const p of candidates) {
    const text = renderFigure(p, values);
    if (text === null) continue;
    return p.includes('{attached}') ? text : text + attached;
  }
  return null;
}

function item(ctx: Ctx, ind: Indicator): string {
  return renderPattern(ctx.ph.notes.item, { code: ind.code, name: nameOf(ctx, ind) }) ?? ind.code;
}

function dataParagraph(ctx: Ctx, sheet: string): SummaryParagraph {
  const ph = ctx.ph;
  const inds = ctx.template.indicators.filter((i) => i.sheet === sheet);
  const groups: string[] = [];
  const blank: string[] = [];
  const noPlan: string[] = [];
  for (const ind of inds) {
    const v = valueOf(ctx, ind);
    if (v === null) {
      if (ind.kind !== 'rate') blank.push(item(ctx, ind));
      continue;
    }
    if (ind.plan && ctx.figures.get(ind.code)?.plan == null) noPlan.push(item(ctx, ind));
    if (ph.indicators[ind.code]?.omit || isSaidAsShare(ctx, ind)) continue;
    // Parts are drafted inside their total's clause while the total has a figure; otherwise on their own.
    const total = ind.partOf ? ctx.byCode.get(ind.partOf.total) : undefined;
    if (total && (isExhaustivePart(ctx, ind) || isAttachedPart(ctx, ind)) && valueOf(ctx, total) !== null) continue;
    const c = total && valueOf(ctx, total) === null ? clauseAlone(ctx, ind, inds) : clause(ctx, ind, inds, true);
    if (c !== null) groups.push(c);
  }
  const clauses = groups.join(ph.clauseSeparator);
  const heading = ph.headings[sheet] ?? sheet;
  const text =
    groups.length === 0
      ? ph.emptyParagraph
      : (renderPattern(ph.paragraph, { period: ctx.period, sheet, heading, clauses }) ?? clauses);
  const notes: string[] = [];
  if (blank.length > 0) notes.push(renderPattern(ph.notes.blank, { items: blank.join(ph.listSeparator) }) ?? '');
  if (noPlan.length > 0) notes.push(renderPattern(ph.notes.noPlan, { items: noPlan.join(ph.listSeparator) }) ?? '');
  return { sheet, heading, text, notes };
}

/** A part whose total has no figure: drafted on its own, without a share. */
function clauseAlone(ctx: Ctx, ind: Indicator, inds: readonly Indicator[]): string | null {
  return clause(ctx, ind, inds, false);
}

function twoPlanParagraph(ctx: Ctx): SummaryParagraph {
  const ph = ctx.ph;
  const t = ctx.template;
  const totalLabel = t.summary.twoPlanBlock.totalLabel;
  const counts = ctx.report.twoPlan.counts;
  const perPlan = counts.filter((c) => c.plan !== totalLabel);
  const total: TwoPlanCounts =
    counts.find((c) => c.plan === totalLabel) ??
    perPlan.reduce<TwoPlanCounts>(
      (a, c) => ({
        plan: totalLabel,
        total: a.total + c.total,
        final: a.final + c.final,
        mid: a.mid + c.mid,
        below: a.below + c.below,
        noData: a.noData + c.noData,
      }),
      { plan: totalLabel, total: 0, final: 0, mid: 0, below: 0, noData: 0 },
    );
  const heading = ph.headings.twoPlan ?? t.sheets.twoPlan;
  const notes: string[] = [];
  // 无数据 rows: those with no 本期值, then those that cannot be judged (spec section 1), each named under its reason.
  const noDataRows = ctx.report.twoPlan.rows.filter((r) => r.status === t.twoPlan.statuses.noData);
  const note = (pattern: string, rows: readonly (typeof noDataRows)[number][]): void => {
    if (rows.length === 0) return;
    const items = rows.map((r) => renderPattern(ph.notes.item, { code: r.code, name: r.name }) ?? r.code);
    notes.push(renderPattern(pattern, { items: items.join(ph.listSeparator) }) ?? '');
  };
  note(ph.notes.twoPlanNoData, noDataRows.filter((r) => r.value === null));
  note(ph.notes.twoPlanUnjudged, noDataRows.filter((r) => r.value !== null));
  if (total.total === 0) return { sheet: 'twoPlan', heading, text: ph.twoPlanEmpty, notes };
  const share = (n: number) => formatPercent(n / total.total, ph.decimals.twoPlanShare);
  const values = (c: TwoPlanCounts): PatternValues => ({
    plan: ph.headings[c.plan] ?? c.plan,
    total: String(c.total),
    final: String(c.final),
    mid: c.mid > 0 ? String(c.mid) : null,
    below: String(c.below),
    noData: c.noData > 0 ? String(c.noData) : null,
  });
  const plans = perPlan
    .filter((c) => c.total > 0)
    .map((c) => renderPattern(ph.twoPlanPlan, values(c)))
    .filter((s): s is string => s !== null);
  const text =
    renderPattern(ph.twoPlan, {
      ...values(total),
      finalShare: share(total.final),
      midShare: total.mid > 0 ? share(total.mid) : null,
      belowShare: share(total.below),
      period: ctx.period,
      plans: plans.length > 0 ? plans.join(ph.clauseSeparator) : null,
    }) ?? '';
  return { sheet: 'twoPlan', heading, text, notes };
}

function behindParagraph(ctx: Ctx): SummaryParagraph {
  const ph = ctx.ph;
  const behindLabel = ctx.template.progress.statuses.behind;
  const items: string[] = [];
  for (const ind of ctx.template.indicators) {
    // Every indicator the engine finds behind, as 汇总 block 1 lists it (a blank quarter counts 0 there too).
    const f = ctx.figures.get(ind.code);
    if (!f || f.progressStatus !== behindLabel || f.percentOfPlan === null || f.cumulative === null) continue;
    const s = renderPattern(ph.behindItem, baseValues(ctx, ind, f.cumulative));
    if (s !== null) items.push(s);
  }
  const text =
    items.length === 0
      ? ph.behindNone
      : (renderPattern(ph.behind, { count: String(items.length), items: items.join(ph.listSeparator), period: ctx.period }) ??
        '');
  return { sheet: 'behind', heading: ph.headings.behind ?? behindLabel, text, notes: [] };
}

function changeParagraph(ctx: Ctx, input: ChangeInput): { paragraph: SummaryParagraph; changes: IndicatorChange[] } {
  const ph = ctx.ph;
  const { changes, missing } = planChanges(ctx.report, ctx.template, ph, input);
  const text =
    changes.length === 0
      ? ''
      : (renderPattern(ph.change.paragraph, { period: ctx.period, items: changes.map((c) => c.text).join(ph.clauseSeparator) }) ?? '');
  const notes =
    missing.length > 0 ? [renderPattern(ph.change.missing, { items: missing.map((i) => item(ctx, i)).join(ph.listSeparator) }) ?? ''] : [];
  return { paragraph: { sheet: 'change', heading: ph.headings.change ?? 'change', text, notes }, changes };
}

/**
 * Drafts the figures summary of a checked return in a language, with the template's phrases. Given the previous
 * quarter's and/or last year's same-quarter return (`summary --previous --last-year`), a last paragraph words each plan
 * indicator's 同比 and 环比.
 */
export function draftSummary(report: ReturnReport, template: Template, lang: Lang, compare: ChangeInput = {}): FiguresSummary {
  const ph = resolvePhrases(template, lang);
  const q = report.period?.quarter;
  const period = q !== undefined ? ph.periods[q - 1] : ph.periodUnknown;
  const ctx: Ctx = {
    template,
    report,
    ph,
    figures: new Map(report.indicators.map((f) => [f.indicator.code, f])),
    byCode: new Map(template.indicators.map((i) => [i.code, i])),
    period,
  };
  const paragraphs: SummaryParagraph[] = template.sheets.data.map((s) => dataParagraph(ctx, s.name));
  paragraphs.push(twoPlanParagraph(ctx), behindParagraph(ctx));
  const change = compare.previous || compare.lastYear ? changeParagraph(ctx, compare) : undefined;
  if (change) paragraphs.push(change.paragraph);
  const title =
    renderPattern(ph.title, {
      unit: report.unit ?? '',
      year: report.period ? String(report.period.year) : null,
      period,
      periodText: report.periodText,
    }) ?? '';
  return { lang, title, unit: report.unit, period: report.periodText, paragraphs, ...(change ? { changes: change.changes } : {}) };
}
