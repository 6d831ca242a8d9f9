/** Reading typed values through the shared reader, and showing numbers and cells in messages. */
import { isBlank, type Cell } from '../cell';
import { displayCell, toFixedShown } from '../display';
import { displayText } from '../read/cover';
import { readNumber, type NumberReading, type ReadContext } from '../read/number';

export interface CellReading {
  /** The cell is blank (nothing typed). */
  readonly blank: boolean;
  /** The number read, or null (blank or failed). */
  readonly value: number | null;
  /** The cell holds something that is no number: its reading finding is reported, relations skip it. */
  readonly failed: boolean;
  /** The reader's verdict, with its notes: what the reading rules report (validate/rule.ts `cell`). */
  readonly reading: NumberReading;
}

export const BLANK_READING: CellReading = Object.freeze({ blank: true, value: null, failed: false, reading: Object.freeze({ kind: 'blank' as const }) });

/** Reads one numeric cell. */
export function readCell(cell: Cell, ctx: ReadContext): CellReading {
  const reading = readNumber(cell, ctx);
  switch (reading.kind) {
    case 'blank':
      return BLANK_READING;
    case 'invalid':
      return { blank: false, value: null, failed: true, reading };
    case 'number':
      return { blank: false, value: reading.value, failed: false, reading };
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
