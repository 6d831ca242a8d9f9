/**
 * Every rule module of src/engine/rules, by id (one file per rule id of the contract's table), and the loop the
 * checkers run them with: `visit` calls each rule's visitor of a scope on one thing read, binding `report` to its id.
 */
import { joinParams, type CellParams, type RuleId } from '../findings';
import type { NumberReading } from '../read/number';
import type { IssueSink } from './issues';
import type { Rule, TableContext, Visitors } from './rule';
import { rule as approximateValue } from '../rules/approximate-value';
import { rule as badDate } from '../rules/bad-date';
import { rule as badDirection } from '../rules/bad-direction';
import { rule as badDivisionCode } from '../rules/bad-division-code';
import { rule as badPeriod } from '../rules/bad-period';
import { rule as badPhone } from '../rules/bad-phone';
import { rule as baseMissing } from '../rules/base-missing';
import { rule as coverFieldMissing } from '../rules/cover-field-missing';
import { rule as cumulativeMismatch } from '../rules/cumulative-mismatch';
import { rule as duplicateIndicator } from '../rules/duplicate-indicator';
import { rule as formulaError } from '../rules/formula-error';
import { rule as fullWidthDigits } from '../rules/full-width-digits';
import { rule as futureQuarterFilled } from '../rules/future-quarter-filled';
import { rule as missingHeaderRow } from '../rules/missing-header-row';
import { rule as missingIndicator } from '../rules/missing-indicator';
import { rule as missingSheet } from '../rules/missing-sheet';
import { rule as negativeValue } from '../rules/negative-value';
import { rule as notANumber } from '../rules/not-a-number';
import { rule as notInteger } from '../rules/not-integer';
import { rule as outlier } from '../rules/outlier';
import { rule as partExceedsTotal } from '../rules/part-exceeds-total';
import { rule as partsSumMismatch } from '../rules/parts-sum-mismatch';
import { rule as planMissing } from '../rules/plan-missing';
import { rule as rateMismatch } from '../rules/rate-mismatch';
import { rule as rateOutOfRange } from '../rules/rate-out-of-range';
import { rule as requiredMissing } from '../rules/required-missing';
import { rule as revisedEarlierQuarter } from '../rules/revised-earlier-quarter';
import { rule as stockDecrease } from '../rules/stock-decrease';
import { rule as targetMissing } from '../rules/target-missing';
import { rule as targetOrder } from '../rules/target-order';
import { rule as unitInCell } from '../rules/unit-in-cell';
import { rule as unknownIndicator } from '../rules/unknown-indicator';

export const RULES: { readonly [R in RuleId]: Rule<R> } = {
  'approximate-value': approximateValue,
  'bad-date': badDate,
  'bad-direction': badDirection,
  'bad-division-code': badDivisionCode,
  'bad-period': badPeriod,
  'bad-phone': badPhone,
  'base-missing': baseMissing,
  'cover-field-missing': coverFieldMissing,
  'cumulative-mismatch': cumulativeMismatch,
  'duplicate-indicator': duplicateIndicator,
  'formula-error': formulaError,
  'full-width-digits': fullWidthDigits,
  'future-quarter-filled': futureQuarterFilled,
  'missing-header-row': missingHeaderRow,
  'missing-indicator': missingIndicator,
  'missing-sheet': missingSheet,
  'negative-value': negativeValue,
  'not-a-number': notANumber,
  'not-integer': notInteger,
  'outlier': outlier,
  'part-exceeds-total': partExceedsTotal,
  'parts-sum-mismatch': partsSumMismatch,
  'plan-missing': planMissing,
  'rate-mismatch': rateMismatch,
  'rate-out-of-range': rateOutOfRange,
  'required-missing': requiredMissing,
  'revised-earlier-quarter': revisedEarlierQuarter,
  'stock-decrease': stockDecrease,
  'target-missing': targetMissing,
  'target-order': targetOrder,
  'unit-in-cell': unitInCell,
  'unknown-indicator': unknownIndicator,
};

type Scope = keyof Visitors;
type ContextOf<S extends Scope> = Parameters<NonNullable<Visitors[S]>>[0];
type Visitor<S extends Scope> = (ctx: ContextOf<S>) => void;

const SCOPES: readonly Scope[] = ['sheet', 'table', 'coverField', 'cell', 'indicator', 'twoPlanRow', 'revision'];
/** For each scope, the rules that visit it with their visitor (the rules' order does not matter: the sink sorts). */
const VISITORS = Object.fromEntries(
  SCOPES.map((scope) => [
    scope,
    Object.values(RULES as Readonly<Record<RuleId, Rule>>).flatMap((rule) => {
      const v = rule.check[scope] as Visitor<typeof scope> | undefined;
      return v ? [{ id: rule.id, visit: v.bind(rule.check) }] : [];
    }),
  ]),
) as unknown as { readonly [S in Scope]: readonly { readonly id: RuleId; readonly visit: Visitor<S> }[] };

type ReportOf<S extends Scope> = ContextOf<S>['report'];

/**
 * Runs the `scope` visitor of every rule that has one on one thing read: `facts` is what the visitors see, and
 * `report(id, …)` what a visitor's `report(…)` does for rule `id`. One context serves every rule in turn (a visitor
 * reports while it runs, never later).
 */
export function visit<S extends Scope>(scope: S, facts: Omit<ContextOf<S>, 'report'>, report: (id: RuleId, ...args: Parameters<ReportOf<S>>) => void): void {
  let current: RuleId | null = null;
  const ctx = {
    ...facts,
    report: (...args: Parameters<ReportOf<S>>) => {
      if (current !== null) report(current, ...args);
    },
  } as unknown as ContextOf<S>;
  for (const { id, visit: v } of VISITORS[scope]) {
    current = id;
    v(ctx);
  }
  current = null;
}

/** The ids of the rules that visit `scope`. */
export const rulesVisiting = (scope: Scope): RuleId[] => VISITORS[scope].map((v) => v.id);

/** Runs the sheet rules on a template sheet the check looks for. */
export function checkSheet(sink: IssueSink, name: string, present: boolean): void {
  visit('sheet', { name, present }, (id, params) => sink.add(id, name, 0, 0, null, params));
}

/** Runs the table rules on a data sheet or 两纲监测 present in the return. */
export function checkTable(sink: IssueSink, table: Omit<TableContext, 'report'>): void {
  visit('table', table, (id, at, indicator, params) => sink.add(id, table.name, at?.row ?? 0, at?.col ?? 0, indicator, params));
}

/** Runs the reading rules on one numeric cell read at (row, col) of `sheet`, in `role`'s column of a row `placeOf` names. */
export function checkCell<Role>(
  sink: IssueSink,
  at: { readonly sheet: string; readonly row: number; readonly col: number },
  placeOf: (role: Role) => CellParams,
  role: Role,
  reading: NumberReading,
): void {
  if (reading.kind === 'blank') return;
  visit('cell', { reading }, (id, params) => {
    const place = placeOf(role);
    sink.add(id, at.sheet, at.row, at.col, place.indicator, joinParams<RuleId, CellParams>(place, params));
  });
}
