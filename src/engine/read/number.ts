import type { Cell } from '../cell';
import type { FindingParams } from '../findings';
import type { Template } from '../template/schema';

/** A warning earned while reading a value that still counts (e.g. 1262余 counts as 1262). */
export interface ReadNote {
  readonly rule: 'approximate-value' | 'unit-in-cell' | 'full-width-digits';
  readonly params: FindingParams;
}

export type NumberReading =
  | { readonly kind: 'blank' }
  | { readonly kind: 'number'; readonly value: number; readonly notes: readonly ReadNote[] }
  | { readonly kind: 'invalid'; readonly rule: 'not-a-number' | 'formula-error'; readonly params: FindingParams };

export interface ReadContext {
  /** The column's unit (计量单位 of the indicator): 人, 万元, %, … */
  readonly unit: string;
  readonly units: Template['units'];
}

/**
 * Reads what a user typed into a numeric cell (spec section 3). Never throws and never alters the cell.
 * For unit '%' the result is a fraction (20.61% → 0.2061), whatever way it was typed.
 */
export function readNumber(cell: Cell, ctx: ReadContext): NumberReading {
  void cell;
  void ctx;
  throw new Error('readNumber: not implemented yet');
}
