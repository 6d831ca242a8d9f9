/**
 * What a user-typed cell holds, as far as a formula referring to it must care, and the references that follow from
 * it (see the messy values note in ./index.ts).
 */
import type { Cell } from '../cell';
import { readNumber } from '../read/number';
import { roundSignificant } from '../read/text';
import type { Quarter } from '../report';
import type { Template } from '../template/schema';
import type { SheetView } from '../workbook';
import { cell, div, IF, ISNUMBER, num, range, type Expr } from '../formula/expr';

/**
 * - `plain`: a number or a blank (or something both count alike) — the plain reference;
 * - `read`: text the engine reads as `value` — referred to through `IF(ISNUMBER(X),X,value)`;
 * - `text`: text the engine cannot read (not a number) — SUM skips it as the engine counts it 0;
 * - `space`: text of spaces only, which the engine reads as a blank cell (COUNTA and `=""` do not);
 * - `error`: an error value (#DIV/0! …), which the engine reads as nothing but a formula would pass on;
 * - `points`: a plain number in percent points (an unformatted cell of a % row) compared beside percent-formatted
 *   fractions: referred to as `X/100`, the fraction the engine reads.
 */
export type Typed = { readonly kind: 'plain' | 'text' | 'space' | 'error' | 'points' } | { readonly kind: 'read'; readonly value: number };
export const POINTS: Typed = { kind: 'points' };
export const PLAIN: Typed = { kind: 'plain' };

/** The template (for units) and what was read already: planFill reads each text cell once, however many formulas use it. */
export interface Readings {
  readonly template: Template;
  readonly seen: Map<string, Typed>;
  /** A cell's value as read (the cached value of a reference to it). */
  readonly viewCell?: (sheet: string, row: number, col: number) => Cell | undefined;
}

export function typedOf(sheet: SheetView | undefined, row: number, col: number | undefined, unit: string, rd: Readings): Typed {
  if (!sheet || col === undefined) return PLAIN;
  const c = sheet.cell(row, col);
  const v = c.value;
  if (v.kind === 'error') return { kind: 'error' };
  if (v.kind !== 'text') return PLAIN;
  const key = `${sheet.name}\n${row}\n${col}\n${unit}`;
  let t = rd.seen.get(key);
  if (!t) {
    const r = readNumber(c, { unit, units: rd.template.units });
    t = r.kind === 'number' ? { kind: 'read', value: r.value } : r.kind === 'blank' ? { kind: 'space' } : { kind: 'text' };
    rd.seen.set(key, t);
  }
  return t;
}

/** `IF(ISNUMBER(X),X,c)`: X while it holds a number, else the engine's reading `c`. */
export const guard = (ref: Expr, c: number): Expr => IF(ISNUMBER(ref), ref, num(c));

/** A typed cell as a number in an arithmetic or SUM argument: the guard where the cell needs one. */
export function term(ref: Expr, t: Typed, scale = 1): Expr {
  if (t.kind === 'read') return guard(ref, scale === 1 ? t.value : roundSignificant(t.value * scale, 15));
  if (t.kind === 'error') return guard(ref, 0);
  if (t.kind === 'points') return div(ref, num(100));
  return ref;
}

/** Cells of one row as SUM / COUNTA arguments (order is irrelevant there): ranges where columns run side by side. */
export function refList(row: number, unsorted: readonly number[], sheet?: string): Expr[] {
  const cols = [...unsorted].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (last && c === last[1] + 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs.map(([a, b]) => (a === b ? cell(row, a, sheet) : range({ row, col: a }, { row, col: b }, sheet)));
}

/** 序时进度 of the report quarter: `quarter/4` where the template's figure is that, else the figure. */
export function timeProgress(template: Template, quarter: Quarter): Expr {
  const tp = template.progress.timeProgressByQuarter[quarter - 1];
  return Math.abs(tp - quarter / 4) < 1e-12 ? div(num(quarter), num(4)) : num(tp);
}
