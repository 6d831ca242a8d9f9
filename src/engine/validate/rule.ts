/**
 * The shape of a rule module (src/engine/rules/<id>.ts), ESLint-style: an `id` from the contract's table and `check`,
 * its visitors by what they visit (ESLint's node selectors): the checkers read a return and call, for each thing read,
 * the visitor of every rule that has one (validate/rules.ts). A visitor reports through its context: what it reports
 * are its rule's own params (findings.ts), and where the finding points is the context's to say.
 */
import { rateOf } from '../calc/figures';
import type { Cell } from '../cell';
import type { CellParams, FieldParams, OwnParams, RowParams, RuleId, RuleParams } from '../findings';
import { displayText } from '../read/cover';
import type { NumberReading, ReadNote, ReadRefusal } from '../read/number';
import type { TargetReading } from '../read/target';
import type { Direction, IndicatorFigures, Quarter } from '../report';
import type { CoverField, DataColumnRole, Indicator, Template, TwoPlanColumnRole } from '../template/schema';
import { QUARTER_ROLES } from '../template/quarters';
import type { SheetView } from '../workbook';
import type { IndicatorRead } from './data-sheets';
import type { CodeRow } from './layout';
import type { CellReading } from './values';

/** A template sheet the check looks for (封面, each data sheet, 两纲监测), present in the return or not. */
export interface SheetContext<R extends RuleId = RuleId> {
  readonly name: string;
  readonly present: boolean;
  /** Reports this rule about the sheet (no cell). */
  report(params: RuleParams[R]): void;
}

/**
 * A data sheet or 两纲监测 present in the return: its header row located or not, and the code rows below it. A table
 * whose header row is not found has no rows (nothing below it was read).
 */
export interface TableContext<R extends RuleId = RuleId> {
  readonly kind: 'data' | 'two-plan';
  readonly name: string;
  /** The label looked for and not found: 指标代码's (no header row), or a required column's; null when located. */
  readonly missingLabel: string | null;
  readonly codeRows: readonly CodeRow[];
  /** The codes the template expects on the sheet, with their names. */
  readonly expected: readonly { readonly code: string; readonly name: string }[];
  /** Reports this rule at a cell of the sheet (null: no cell), about an indicator or none. */
  report(at: { readonly row: number; readonly col: number } | null, indicator: string | null, params: RuleParams[R]): void;
}

/** One field of 封面: its value cell, null when its label row is absent or the cell blank. */
export interface CoverFieldContext<R extends RuleId = RuleId> {
  readonly field: CoverField;
  readonly value: Cell | null;
  /** Reports this rule at the field's value cell (no cell when its label row is absent); label and key are added. */
  report(params: OwnParams<R, FieldParams>): void;
}

/** One numeric cell as the shared reader read it (a data sheet's 年计划 and quarters; a 两纲监测 value or target). */
export interface CellContext<R extends RuleId = RuleId> {
  readonly reading: NumberReading;
  /** Reports this rule at the cell; the row's code and name and the column's label are added. */
  report(params: OwnParams<R, CellParams>): void;
}

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
  /** The row's 达标状态 as the tool judges it ('' when it cannot). */
  readonly status: string;
  /** The header label of `role`'s column. */
  label(role: TwoPlanColumnRole): string;
  /** Reports this rule at the row's cell in `role`'s column, with the row's code and name. */
  report(role: TwoPlanColumnRole, params: OwnParams<R, RowParams>): void;
}

export type QuarterRole = (typeof QUARTER_ROLES)[number];

/** One indicator as one of the two returns (this quarter's, the previous quarter's) holds it. */
export interface ReturnSide {
  readonly quarter: Quarter;
  readonly figures: IndicatorFigures;
  /** The indicator's cell of quarter `q` (1–4), null when the sheet has no such column. */
  cell(q: number): Cell | null;
}

/** One indicator found in both this return and the same unit's return of the quarter before. */
export interface RevisionContext<R extends RuleId = RuleId> {
  readonly indicator: Indicator;
  readonly current: ReturnSide;
  readonly previous: ReturnSide;
  /** Reports this rule at this return's cell of the quarter in `role`; the row and column are added. */
  report(role: QuarterRole, params: OwnParams<R, CellParams>): void;
}

/** What a rule visits, by what the checkers read: a rule has the visitors it needs. */
export interface Visitors<R extends RuleId = RuleId> {
  sheet?(ctx: SheetContext<R>): void;
  table?(ctx: TableContext<R>): void;
  coverField?(ctx: CoverFieldContext<R>): void;
  cell?(ctx: CellContext<R>): void;
  indicator?(ctx: IndicatorContext<R>): void;
  twoPlanRow?(ctx: TwoPlanRowContext<R>): void;
  revision?(ctx: RevisionContext<R>): void;
}

export interface Rule<R extends RuleId = RuleId> {
  readonly id: R;
  readonly check: Visitors<R>;
}

export { QUARTER_ROLES };
export type { CodeRow };

/** A rule the shared reader (read/number.ts) decides: its refusal or one of its notes of this id, with its params, at the cell. */
export function readerRule<R extends ReadRefusal['rule'] | ReadNote['rule']>(id: R): Rule<R> {
  return {
    id,
    check: {
      cell({ reading, report }) {
        const verdicts = reading.kind === 'invalid' ? [reading] : reading.kind === 'number' ? reading.notes : [];
        for (const v of verdicts) if (v.rule === id) report(v.params as OwnParams<R, CellParams>);
      },
    },
  };
}

/** A rule on the form of one 封面 field type's value: reports the value as shown when `accepts` refuses it. */
export function fieldFormatRule<R extends 'bad-period' | 'bad-phone' | 'bad-date' | 'bad-division-code'>(
  id: R,
  type: CoverField['type'],
  accepts: (cell: Cell) => boolean,
): Rule<R> {
  return {
    id,
    check: {
      coverField({ field, value, report }) {
        if (field.type === type && value && !accepts(value)) report({ text: displayText(value) } as OwnParams<R, FieldParams>);
      },
    },
  };
}

/** A quarter's number of an indicator, null when blank, failed, absent or after the report quarter. */
export function quarterValue(r: IndicatorRead | undefined, q: number, quarter: Quarter): number | null {
  if (!r || q > quarter) return null;
  return r.quarters[q - 1]?.value ?? null;
}

/** Each quarter up to the report quarter, with its column role. */
export function* quartersUpTo(quarter: Quarter): Generator<{ q: number; role: QuarterRole }> {
  for (let q = 1; q <= quarter; q++) yield { q, role: QUARTER_ROLES[q - 1] as QuarterRole };
}

/** A rate's quarter computed as numerator ÷ denominator, as read; null when either is not a number or the denominator is 0. */
export function computedRate(found: ReadonlyMap<string, IndicatorRead>, ratio: NonNullable<Indicator['ratio']>, q: number): number | null {
  const at = (code: string): number | null => found.get(code)?.quarters[q - 1]?.value ?? null;
  return rateOf(at(ratio.numerator), at(ratio.denominator));
}

/** 年计划 and each quarter of an indicator as read, with its column role. */
export function cellsOf(row: IndicatorRead): { role: 'plan' | QuarterRole; reading: CellReading }[] {
  return [{ role: 'plan', reading: row.plan }, ...row.quarters.map((reading, i) => ({ role: QUARTER_ROLES[i] as QuarterRole, reading }))];
}
