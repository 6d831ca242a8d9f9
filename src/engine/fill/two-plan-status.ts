/** 两纲监测's 达标状态: one formula per row, judging the row's own cells as the engine judges them. */
import { isPercentFormat, type Cell } from '../cell';
import type { TwoPlanLayout } from '../report';
import { ABOUT_TOLERANCE, readTarget, type TargetReading } from '../read/target';
import { roundSignificant } from '../read/text';
import type { Template, TwoPlanColumnRole } from '../template/schema';
import type { SheetView } from '../workbook';
import {
  ABS,
  add,
  AND,
  cell,
  eq,
  FALSE,
  ge,
  group,
  gt,
  IF,
  IFERROR,
  ISERROR,
  ISNUMBER,
  ISTEXT,
  le,
  lt,
  mul,
  ne,
  NOT,
  num,
  OR,
  str,
  sub,
  TRIM,
  TRUE,
  type Expr,
} from '../formula/expr';
import { PLAIN, POINTS, term, typedOf, type Readings, type Typed } from './typed';

export type TwoPlanColumns = TwoPlanLayout['columns'];

export interface TwoPlanOperands {
  readonly value: Typed;
  readonly finalTarget: Typed;
  readonly midTarget: Typed;
  readonly baseline: Typed;
  /** 1, or 100 where a % row's comparisons run in percent points (the engine's readings are fractions). */
  readonly scale: number;
}

const CLEAN_ROW: TwoPlanOperands = { value: PLAIN, finalTarget: PLAIN, midTarget: PLAIN, baseline: PLAIN, scale: 1 };

const OPERAND_ROLES = ['value', 'finalTarget', 'midTarget', 'baseline'] as const;

/** A target cell's form where it is not a number: relative to 基期值, qualitative or approximate (read/target.ts). */
type TargetForm = Extract<TargetReading, { kind: 'relative' | 'qualitative' | 'approximate' }> | null;

export interface TargetForms {
  readonly finalTarget: TargetForm;
  readonly midTarget: TargetForm;
}

const NO_FORMS: TargetForms = { finalTarget: null, midTarget: null };

export function targetForms(sheet: SheetView | undefined, rd: Readings, row: number, unit: string, c: TwoPlanColumns): TargetForms {
  const form = (role: 'finalTarget' | 'midTarget'): TargetForm => {
    const col = c[role];
    if (!sheet || col === undefined) return null;
    const t = readTarget(sheet.cell(row, col), { unit, units: rd.template.units });
    return t.kind === 'relative' || t.kind === 'qualitative' || t.kind === 'approximate' ? t : null;
  };
  return { finalTarget: form('finalTarget'), midTarget: form('midTarget') };
}

/**
 * How the status formula must refer to one row's 本期值, 终期目标 and 中期目标. The engine reads every cell of a % row
 * as a fraction: a number in percent points (unformatted, `70`) ÷ 100, a percent-formatted number (`0.75` shown as
 * `75%`, what Excel stores when a user types 75%) as it is, text (`约20%`, `20`) as points ÷ 100. The formula compares
 * the cells as they stand, so a read text's constant takes the scale of the row's plain numbers — percent points
 * (fraction × 100) unless they are all percent-formatted fractions; and where the row mixes both kinds of plain
 * number, it compares fractions, referring to the unformatted ones as `X/100`.
 */
export function twoPlanOperands(sheet: SheetView | undefined, rd: Readings, row: number, unit: string, c: TwoPlanColumns): TwoPlanOperands {
  const plainTyped = (role: TwoPlanColumnRole): Typed => typedOf(sheet, row, c[role], unit, rd);
  // A target typed with its direction (`≥90`, `不低于90`) is the number after it, as the engine reads targets.
  const typed = (role: TwoPlanColumnRole): Typed => {
    const t = plainTyped(role);
    const col = c[role];
    if (t.kind !== 'text' || (role !== 'finalTarget' && role !== 'midTarget') || !sheet || col === undefined) return t;
    const r = readTarget(sheet.cell(row, col), { unit, units: rd.template.units });
    return r.kind === 'number' ? { kind: 'read', value: r.reading.value } : t;
  };
  const ops: Record<(typeof OPERAND_ROLES)[number], Typed> = {
    value: typed('value'),
    finalTarget: typed('finalTarget'),
    midTarget: typed('midTarget'),
    baseline: typed('baseline'),
  };
  if (unit !== '%' || !sheet) return { ...ops, scale: 1 };
  const numberCell = (role: TwoPlanColumnRole): Cell | undefined => {
    const col = c[role];
    const at = col === undefined ? undefined : sheet.cell(row, col);
    return at?.value.kind === 'number' ? at : undefined;
  };
  const fraction = (role: TwoPlanColumnRole): boolean => isPercentFormat(numberCell(role)?.numberFormat);
  const numbers = OPERAND_ROLES.filter((role) => numberCell(role) !== undefined);
  const fractions = numbers.filter(fraction);
  if (fractions.length > 0 && fractions.length < numbers.length) {
    for (const role of numbers) if (!fraction(role)) ops[role] = POINTS;
    return { ...ops, scale: 1 };
  }
  return { ...ops, scale: fractions.length > 0 ? 1 : 100 };
}

/**
 * 达标状态 of one two-plan row, reading 方向 from the row itself so a user's own direction is honoured. Where the row's
 * cells hold messy values (`ops`), it follows the engine: read text through its guard; a row that cannot be judged
 * (blank or spaces-only 本期值, unreadable text or an error in 本期值 or 终期目标, no 终期目标, unreadable 方向) → 无数据;
 * anything but a number in 中期目标 → no mid target. A target typed as plans write it (`forms`) is judged as the
 * engine judges it while the text stays: relative to the row's 基期值 cell (`比2020年降20%` → 基期值 × 0.8), better
 * than 基期值 (`逐步提高`), within 5% of a level (`50%左右`); without a number in 基期值 it is 无数据 (final) or no mid
 * target (mid). A number typed over it later is compared as any number target.
 */
export function statusFormula(
  template: Template,
  row: number,
  c: TwoPlanColumns,
  ops: TwoPlanOperands = CLEAN_ROW,
  forms: TargetForms = NO_FORMS,
): Expr {
  const at = (col: number): Expr => cell(row, col);
  const dir = TRIM(at(c.direction));
  const anyOf = (list: readonly string[]): Expr => OR(...list.map((s) => eq(dir, str(s))));
  const hi = anyOf(template.twoPlan.directions.higher);
  const lo = anyOf(template.twoPlan.directions.lower);
  const v = at(c.value);
  const fin = at(c.finalTarget);
  const st = template.twoPlan.statuses;
  const V = term(v, ops.value, ops.scale);
  const meets = (target: Expr): Expr => OR(AND(hi, ge(V, target)), AND(lo, le(V, target)));
  const baseCol = c['baseline'];
  const B = baseCol === undefined ? null : term(at(baseCol), ops.baseline, ops.scale);
  const baseKnown = baseCol === undefined ? FALSE : ops.baseline.kind === 'read' ? TRUE : ISNUMBER(at(baseCol));
  /** Meets a target typed in a plan's words, or null where the form needs 基期值 and the row has no column for it. */
  const meetsForm = (form: NonNullable<TargetForm>, ref: Expr): Expr | null => {
    const scaled = (x: number): Expr => num(roundSignificant(x * ops.scale, 15));
    const orNumber = (otherwise: Expr): Expr => IF(ISNUMBER(ref), meets(ref), otherwise);
    if (form.kind === 'approximate') {
      const t = scaled(form.value);
      return orNumber(le(ABS(sub(V, t)), mul(num(ABOUT_TOLERANCE), ABS(t))));
    }
    if (B === null) return null;
    if (form.kind === 'qualitative') return orNumber(OR(AND(hi, gt(V, B)), AND(lo, lt(V, B))));
    return orNumber(meets(form.ratio !== undefined ? mul(B, num(1 + form.ratio)) : group(add(B, scaled(form.points ?? 0)))));
  };
  const needsBase = (form: TargetForm): boolean => form !== null && form.kind !== 'approximate';

  const vk = ops.value.kind;
  const fk = ops.finalTarget.kind;
  const finalForm = forms.finalTarget;
  const blank = str('');
  const vBlank = vk === 'space' ? OR(eq(v, blank), ISTEXT(v)) : vk === 'error' ? eq(IFERROR(v, num(0)), blank) : eq(v, blank);
  const unknown = [
    ...(vk === 'text' ? [ISTEXT(v)] : vk === 'error' ? [ISERROR(v)] : []),
    fk === 'error' ? eq(IFERROR(fin, blank), blank) : eq(fin, blank),
    ...(finalForm === null && (fk === 'text' || fk === 'space') ? [ISTEXT(fin)] : []),
    ...(needsBase(finalForm) ? [AND(NOT(ISNUMBER(fin)), NOT(baseKnown))] : []),
    AND(NOT(hi), NOT(lo)),
  ];
  const F = fk === 'error' ? fin : term(fin, ops.finalTarget, ops.scale);
  const meetsFinal = (finalForm && meetsForm(finalForm, fin)) ?? meets(F);
  let midBranch = str(st.below);
  const midCol = c['midTarget'];
  if (midCol !== undefined) {
    const mid = at(midCol);
    const m = ops.midTarget;
    const midForm = forms.midTarget;
    const midMeets = midForm ? meetsForm(midForm, mid) : null;
    if (midForm && midMeets) {
      // Nested, not AND(): AND passes on an error from a term it need not have judged.
      const present = needsBase(midForm) ? OR(ISNUMBER(mid), baseKnown) : TRUE;
      midBranch = IF(present, IF(midMeets, str(st.mid), str(st.below)), str(st.below));
    } else if (!midForm) {
      const present = m.kind === 'text' || m.kind === 'space' || m.kind === 'error' ? ISNUMBER(mid) : ne(mid, blank);
      const M = m.kind === 'error' ? IFERROR(mid, num(0)) : term(mid, m, ops.scale);
      midBranch = IF(AND(present, meets(M)), str(st.mid), str(st.below));
    }
  }
  return IF(vBlank, str(st.noData), IF(OR(...unknown), str(st.noData), IF(meetsFinal, str(st.final), midBranch)));
}
