import type { RangeAddress } from './address';
import type { Cell } from './cell';

/** A read-only view of one worksheet; hosts (Office.js, .xlsx files, the preview) implement it. */
export interface SheetView {
  readonly name: string;
  /** Last row that holds anything (1-based); 0 for an empty sheet. */
  readonly rowCount: number;
  /** Last column that holds anything (1-based); 0 for an empty sheet. */
  readonly colCount: number;
  /** The cell at (row, col), 1-based; a blank cell outside the used range. Never throws. */
  cell(row: number, col: number): Cell;
  /** Merged ranges; the value sits in the top-left cell and the others read blank. */
  readonly merges: readonly RangeAddress[];
}

export interface WorkbookView {
  /** Sheet names in workbook order. */
  readonly sheetNames: readonly string[];
  /** The sheet of that exact name, or undefined. */
  sheet(name: string): SheetView | undefined;
}
