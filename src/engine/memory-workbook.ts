import type { RangeAddress } from './address';
import { parseA1 } from './address';
import { BLANK_CELL, type Cell, type CellValue } from './cell';
import type { SheetView, WorkbookView } from './workbook';

/** A plain in-memory sheet: the view tests, the preview and the Office host build from arrays. */
export class MemorySheet implements SheetView {
  private readonly rows: (Cell | undefined)[][] = [];
  rowCount = 0;
  colCount = 0;
  merges: RangeAddress[] = [];

  constructor(readonly name: string) {}

  cell(row: number, col: number): Cell {
    return this.rows[row - 1]?.[col - 1] ?? BLANK_CELL;
  }

  set(row: number, col: number, cell: Cell): this {
    const r = (this.rows[row - 1] ??= []);
    r[col - 1] = cell;
    if (cell.value.kind !== 'blank' || cell.formula) {
      if (row > this.rowCount) this.rowCount = row;
      if (col > this.colCount) this.colCount = col;
    }
    return this;
  }

  /** Every stored cell as (row, col, cell), row by row: work proportional to the cells present, not to the addresses. */
  *entries(): Generator<[number, number, Cell]> {
    for (const [r, row] of Object.entries(this.rows)) {
      for (const [c, cell] of Object.entries(row)) if (cell) yield [Number(r) + 1, Number(c) + 1, cell];
    }
  }

  setA1(a1: string, cell: Cell | CellValue): this {
    const { row, col } = parseA1(a1);
    return this.set(row, col, 'kind' in cell ? { value: cell } : cell);
  }
}

/**
 * The cells of any sheet view as (row, col, cell): the stored ones of a sheet that lists them (MemorySheet), else
 * every address of its used rectangle.
 */
export function* cellsOf(sheet: SheetView): Generator<[number, number, Cell]> {
  const listed = sheet as SheetView & { entries?: () => Iterable<[number, number, Cell]> };
  if (typeof listed.entries === 'function') {
    yield* listed.entries();
    return;
  }
  for (let r = 1; r <= sheet.rowCount; r++) for (let c = 1; c <= sheet.colCount; c++) yield [r, c, sheet.cell(r, c)];
}

export class MemoryWorkbook implements WorkbookView {
  private readonly sheets = new Map<string, MemorySheet>();

  get sheetNames(): readonly string[] {
    return [...this.sheets.keys()];
  }

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.get(name);
  }

  addSheet(name: string): MemorySheet {
    const s = new MemorySheet(name);
    this.sheets.set(name, s);
    return s;
  }

  removeSheet(name: string): void {
    this.sheets.delete(name);
  }
}
