/** Every rule module of src/engine/rules, by id (one file per rule id of the contract's table). */
import type { RuleId } from '../findings';
import type { CoverFieldRule, IndicatorRule, Rule, TwoPlanRowRule } from './rule';
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

const all: readonly Rule[] = Object.values(RULES);
/** The rules checkDataSheets runs on every indicator found. */
export const INDICATOR_RULES: readonly IndicatorRule[] = all.filter((r): r is IndicatorRule => r.scope === 'indicator');
/** The rules checkCover runs on a non-blank field value, by field type. */
export const COVER_FIELD_RULES: readonly CoverFieldRule[] = all.filter((r): r is CoverFieldRule => r.scope === 'cover-field');
/** The rules checkTwoPlan runs on every row of 两纲监测. */
export const TWO_PLAN_ROW_RULES: readonly TwoPlanRowRule[] = all.filter((r): r is TwoPlanRowRule => r.scope === 'two-plan-row');
