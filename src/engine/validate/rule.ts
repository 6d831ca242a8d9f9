/**
 * The shape of a rule module (src/engine/rules/<id>.ts), ESLint-style: an `id` from the contract's table, the scope it
 * runs in, and `check`, which reports through its context. Rules whose detection is part of reading (a sheet, a row, a
 * number) keep it there and carry only their id and scope.
 */
import type { Cell } from '../cell';
import type { CellParams, OwnParams, RowParams, RuleId } from '../findings';
import type { IndicatorFigures, Quarter } from '../report';
import type { Direction } from '../report';
import type { TargetReading } from '../read/target';
import { QUARTER_ROLES } from '../template/quarters';
import type { DataColumnRole, Template, TwoPlanColumnRole } from '../template/schema';
import type { SheetView } from '../workbook';
import type { IndicatorRead } from './data-sheets';
import type { CellReading } from './values';

/** One indicator of a data sheet, once the report quarter is known and its figures are computed. */
export interface IndicatorContext<R extends RuleId = RuleId> {
  readonly row: IndicatorRead;
  readonly figures: IndicatorFigures;
  readonly found: ReadonlyMap<string, IndicatorRead>;
  readonly quarter: Quarter;
  /** false when the quarter was inferred (报告期 unreadable). */
  readonly periodKnown: boolean;
  readonly template: Template;
  readonly sheet: SheetView;
  /** Reports this rule at the row's cell in `role`'s column (no cell when the sheet lacks it); the row and column are added. */
  report(role: DataColumnRole, params: OwnParams<R, CellParams>): void;
}

/** One field of 封面: its value cell (not blank) and the field's type. */
export interface CoverFieldContext {
  readonly cell: Cell;
  readonly type: Template['cover']['fields'][number]['type'];
}

/** One row of 两纲监测 as read: its baseline, targets as typed and as numbers, and its direction. */
export interface TwoPlanRowContext<R extends RuleId = RuleId> {
  readonly sheet: SheetView;
  readonly row: number;
  readonly columns: Partial<Record<TwoPlanColumnRole, number>>;
  readonly baseline: CellReading;
  readonly midTyped: TargetReading;
  readonly finalTyped: TargetReading;
  /** The targets as numbers (relative ones resolved against 基期值), null when not a number. */
  readonly mid: number | null;
  readonly final: number | null;
  readonly direction: Direction | null;
  /** Reports this rule at the row's cell in `role`'s column, with the row's code and name. */
  report(role: TwoPlanColumnRole, params: OwnParams<R, RowParams>): void;
}

export interface TwoPlanRowRule<R extends RuleId = RuleId> {
  readonly id: R;
  readonly scope: 'two-plan-row';
  check(ctx: TwoPlanRowContext<R>): void;
}

export interface IndicatorRule<R extends RuleId = RuleId> {
  readonly id: R;
  readonly scope: 'indicator';
  check(ctx: IndicatorContext<R>): void;
}

/** A cover field rule: `accepts` says whether a non-blank value of a field of its type is well formed. */
export interface CoverFieldRule<R extends RuleId = RuleId> {
  readonly id: R;
  readonly scope: 'cover-field';
  readonly fieldType: CoverFieldContext['type'];
  accepts(cell: Cell): boolean;
}

/** Detected while reading: a sheet or row (`structure`), a number (`reading`), a 封面 field, or the previous quarter's return. */
export interface ReadingRule<R extends RuleId = RuleId> {
  readonly id: R;
  readonly scope: 'structure' | 'reading' | 'cover' | 'revisions';
  readonly check?: undefined;
}

export type Rule<R extends RuleId = RuleId> = IndicatorRule<R> | TwoPlanRowRule<R> | CoverFieldRule<R> | ReadingRule<R>;

export { QUARTER_ROLES };

/** A quarter's number of an indicator, null when blank, failed, absent or after the report quarter. */
export function quarterValue(r: IndicatorRead | undefined, q: number, quarter: Quarter): number | null {
  if (!r || q > quarter) return null;
  return r.quarters[q - 1]?.value ?? null;
}

/** Each quarter up to the report quarter, with its column role. */
export function* quartersUpTo(quarter: Quarter): Generator<{ q: number; role: (typeof QUARTER_ROLES)[number] }> {
  for (let q = 1; q <= quarter; q++) yield { q, role: QUARTER_ROLES[q - 1] as (typeof QUARTER_ROLES)[number] };
}
