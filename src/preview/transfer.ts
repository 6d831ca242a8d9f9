/**
 * A workbook view as plain data that crosses a worker boundary (structured clone): per sheet its stored cells as
 * [row, col, cell] and its merges. Sparse on purpose: a lone cell at XFD1048576 is one entry, not a rectangle.
 */
import type { RangeAddress } from '../engine/address';
import type { Cell } from '../engine/cell';
import { cellsOf, MemoryWorkbook } from '../engine/memory-workbook';
import type { WorkbookView } from '../engine/workbook';

export interface PackedSheet {
  readonly name: string;
  readonly cells: readonly (readonly [number, number, Cell])[];
  readonly merges: readonly RangeAddress[];
}

export interface PackedWorkbook {
  readonly sheets: readonly PackedSheet[];
}

export function packView(view: WorkbookView): PackedWorkbook {
  const sheets: PackedSheet[] = [];
  for (const name of view.sheetNames) {
    const s = view.sheet(name);
    if (!s) continue;
    const cells: [number, number, Cell][] = [];
    for (const [r, c, cell] of cellsOf(s)) if (cell.value.kind !== 'blank' || cell.formula || cell.numberFormat) cells.push([r, c, cell]);
    sheets.push({ name, cells, merges: [...s.merges] });
  }
  return { sheets };
}

export function unpackView(packed: PackedWorkbook): MemoryWorkbook {
  const book = new MemoryWorkbook();
  for (const p of packed.sheets) {
    const s = book.addSheet(p.name);
    for (const [r, c, cell] of p.cells) s.set(r, c, cell);
    s.merges = [...p.merges];
  }
  return book;
}
