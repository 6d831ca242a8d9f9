import type { CellValue } from './cell';

/** One cell the tool writes: a formula with its computed result cached, or a constant (labels). */
export interface CellWrite {
  readonly sheet: string;
  /** 1-based. */
  readonly row: number;
  readonly col: number;
  /** Excel formula with its leading '=' (en-US function names, comma separators); absent for a constant. */
  readonly formula?: string;
  /** The value: the constant itself, or the formula's computed result to cache for viewers that do not recalc. */
  readonly value: CellValue;
  readonly numberFormat?: string;
  /** Header rows and titles in 汇总. */
  readonly bold?: boolean;
}

export interface SheetWrite {
  readonly name: string;
  readonly cells: readonly CellWrite[];
  /** Column widths in Excel character units, index 0 = column A. */
  readonly columnWidths: readonly number[];
}

/**
 * What `fill` writes, host-neutral: tool-owned cells in the existing sheets, and the whole 汇总 sheet
 * (added, or replaced wholesale). The same plan drives the xlsx patcher and the Office.js host.
 */
export interface FillPlan {
  readonly toolOwned: readonly CellWrite[];
  readonly summary: SheetWrite;
}
