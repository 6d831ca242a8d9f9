/** Reading typed values through the shared readers and turning what they say into issues at the cell. */
import { isBlank, type Cell } from '../cell';
import { displayCell, toFixedShown } from '../display';
import { displayText } from '../read/cover';
import { joinParams, type CellParams } from '../findings';
import { readNumber, type ReadContext } from '../read/number';
import type { IssueSink } from './issues';

export interface CellReading {
  /** The cell is blank (nothing typed). */
  readonly blank: boolean;
  /** The number read, or null (blank or failed). */
  readonly value: number | null;
  /** The cell holds something that is no number: its reading finding was reported, relations skip it. */
  readonly failed: boolean;
}

export const BLANK_READING: CellReading = Object.freeze({ blank: true, value: null, failed: false });

/**
 * Reads one numeric cell; reports `not-a-number` / `formula-error` or the reader's notes at the cell. `base` adds
 * the indicator, name and column to every issue's params so messages can say where.
 */
export function readCell(
  sink: IssueSink,
  sheet: string,
  row: number,
  col: number,
  cell: Cell,
  ctx: ReadContext,
  indicator: string | null,
  base: CellParams,
): CellReading {
  const r = readNumber(cell, ctx);
  switch (r.kind) {
    case 'blank':
      return BLANK_READING;
    case 'invalid':
      sink.add(r.rule, sheet, row, col, indicator, joinParams(base, r.params));
      return { blank: false, value: null, failed: true };
    case 'number':
      for (const note of r.notes) sink.add(note.rule, sheet, row, col, indicator, joinParams(base, note.params));
      return { blank: false, value: r.value, failed: false };
  }
}

/** A number for a message: plain digits, at most 4 decimals (rounded as Excel shows them), no exponent form. */
export function fmtNum(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const s = toFixedShown(v, 4);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A fraction as percent points for a message, as Excel shows it under 0.00%: 0.2061 → 20.61, 0.79675 → 79.68. */
export function fmtPct(v: number): string {
  return toFixedShown(v, 2, 2);
}

/** A tool-owned cell's content for a message: a constant as typed, a formula with its value as the cell shows it. */
export function shownContent(cell: Cell): string {
  if (!cell.formula) return displayText(cell);
  return `${cell.formula} → ${isBlank(cell.value) ? '""' : displayCell(cell)}`;
}
