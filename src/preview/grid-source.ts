/**
 * What the preview grid draws: sheets with cells, the fills of conditional formats, the active sheet and the
 * selection, and a way to hear about changes. The page adapts the fake Office workbook model to it
 * (`fake-source.ts`), so the grid never depends on that model's internals.
 */
import type { Cell } from '../engine/cell';

export interface GridSheet {
  readonly name: string;
  /** Last row / column holding anything (1-based; 0 when empty). */
  readonly rowCount: number;
  readonly colCount: number;
  /** The cell as Excel would show it: formulas carry their computed value. */
  cell(row: number, col: number): Cell;
  /** The cells holding anything, as (row, col, cell): sizing columns costs the cells present, not the area. */
  entries(): Iterable<readonly [number, number, Cell]>;
  /** The cell's look as a viewer sees it: its own format overlaid by conditional formats (colours from the workbook). */
  style(row: number, col: number): GridCellStyle;
}

export interface GridCellStyle {
  /** Background colour, a CSS colour from the workbook (e.g. a highlight's conditional format). */
  readonly fill?: string;
  readonly fontColor?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

export interface GridSelection {
  readonly sheet: string;
  /** 1-based top-left of the selected range. */
  readonly row: number;
  readonly col: number;
}

export interface GridSource {
  sheetNames(): readonly string[];
  sheet(name: string): GridSheet | undefined;
  activeSheet(): string | undefined;
  selection(): GridSelection | undefined;
  /** The user clicked a sheet tab. */
  activate(name: string): void;
  /** Calls back after every change to the workbook; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}
