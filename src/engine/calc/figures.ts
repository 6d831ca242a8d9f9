/** The tool's calculations (spec sections 1–2): 累计 by kind, 完成年计划(%), 序时进度(%), 进度状态, 达标状态. */
import type { Direction, Quarter } from '../report';
import { ABOUT_TOLERANCE, type ResolvedTarget } from '../read/target';
import type { Indicator, Template } from '../template/schema';
import { sumExact } from './sum';

type Q4 = readonly [number | null, number | null, number | null, number | null];

/**
 * 累计 of a flow or stock up to the report quarter: flow = sum (blank or unreadable quarters count 0), stock = the
 * report quarter's value (0 when blank) — what the tool's SUM / reference formulas show, exact to the typed decimals.
 */
export function cumulativeOf(kind: Indicator['kind'], quarters: Q4, quarter: Quarter): number {
  if (kind === 'stock') return quarters[quarter - 1] ?? 0;
  return sumExact(quarters.slice(0, quarter).map((v) => v ?? 0));
}

/** A rate's 累计: numerator 累计 ÷ denominator 累计, null when the denominator is 0 or unknown. */
export function rateOf(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return numerator / denominator;
}

/** 完成年计划(%) as a fraction: null when there is no plan or it is 0, or no 累计. */
export function percentOfPlan(cumulative: number | null, plan: number | null): number | null {
  if (plan === null || plan === 0 || cumulative === null) return null;
  return cumulative / plan;
}

/** 序时进度(%) as a fraction, from the template. */
export function timeProgress(template: Template, quarter: Quarter): number {
  return template.progress.timeProgressByQuarter[quarter - 1];
}

const EPS = 1e-12;

/** 进度状态: 无计划 / 超额完成 / 达到序时进度 / 滞后序时进度 (labels from the template). */
export function progressStatus(template: Template, plan: number | null, pct: number | null, tp: number): string {
  const s = template.progress.statuses;
  if (plan === null || plan === 0 || pct === null) return s.noPlan;
  if (pct >= 1 - EPS) return s.exceeded;
  if (pct >= tp - EPS) return s.onTrack;
  return s.behind;
}

/** Reads a two-plan 方向 cell's text by the template's accepted spellings. */
export function directionOf(template: Template, textValue: string): Direction | null {
  const s = textValue.trim();
  if (template.twoPlan.directions.higher.includes(s)) return 'higher';
  if (template.twoPlan.directions.lower.includes(s)) return 'lower';
  return null;
}

export function meets(direction: Direction, value: number, target: number): boolean {
  return direction === 'higher' ? value >= target - EPS : value <= target + EPS;
}

/**
 * Meets a resolved target: a number in the row's direction; an approximate level (`50%左右`) within 5% of it either
 * side, whatever the direction; a qualitative aim (`逐步提高`) when the value is better than 基期值 in the direction.
 */
export function meetsTarget(direction: Direction, value: number, target: ResolvedTarget): boolean {
  switch (target.kind) {
    case 'number':
      return meets(direction, value, target.value);
    case 'about':
      return Math.abs(value - target.value) <= ABOUT_TOLERANCE * Math.abs(target.value) + 1e-9 * Math.max(1, Math.abs(target.value));
    case 'better-than-base':
      return direction === 'higher' ? value > target.base + EPS : value < target.base - EPS;
  }
}

export interface TwoPlanStatusInput {
  /** 本期值 cell is blank. */
  readonly valueBlank: boolean;
  /** 本期值 as read (null when unreadable). */
  readonly value: number | null;
  readonly direction: Direction | null;
  /** Resolved against 基期值 (read/target.ts); null when blank, unreadable or lacking its 基期值. */
  readonly midTarget: ResolvedTarget | null;
  readonly finalTarget: ResolvedTarget | null;
}

/**
 * 达标状态, exclusive and in this order: blank 本期值 → 无数据; meets 终期目标 → 已实现终期目标; meets 中期目标 (when
 * there is one) → 达到中期目标; otherwise 未达标. A row that cannot be judged (no readable 终期目标, 本期值 or 方向) is
 * 无数据 too, beside its own finding, so the four counts of 汇总 block 3 always add up to 监测指标数 (spec section 1).
 */
export function twoPlanStatus(template: Template, i: TwoPlanStatusInput): string {
  const s = template.twoPlan.statuses;
  if (i.valueBlank) return s.noData;
  if (i.value === null || i.direction === null || i.finalTarget === null) return s.noData;
  if (meetsTarget(i.direction, i.value, i.finalTarget)) return s.final;
  if (i.midTarget !== null && meetsTarget(i.direction, i.value, i.midTarget)) return s.mid;
  return s.below;
}
