/**
 * How the preview grid shows a cell: the engine's display (src/engine/display.ts, as Excel shows a value under its
 * number format), and where Excel aligns it. Pure; no DOM.
 */
import type { CellValue } from '../engine/cell';

export { decimalsOf, displayCell, displayValue, formatDate, formatGeneral, formatNumber, roundShown } from '../engine/display';

/** Numbers, dates and booleans sit right in Excel; errors centre; text sits left. */
export function alignmentOf(value: CellValue): 'left' | 'right' | 'center' {
  if (value.kind === 'number' || value.kind === 'date') return 'right';
  if (value.kind === 'error' || value.kind === 'boolean') return 'center';
  return 'left';
}
