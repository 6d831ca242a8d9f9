/** The fake Office workbook model as the preview grid sees it. */
import { parseA1 } from '../engine/address';
import type { Cell } from '../engine/cell';
import { toEngineCell, type FakeWorkbookModel } from '../office-fake/model';
import type { GridSelection, GridSheet, GridSource } from './grid-source';

/** `Sheet!B7:C9`, `'My sheet'!B7` or `B7` → the top-left cell of the range. */
function topLeft(address: string): { row: number; col: number } | undefined {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const first = local.split(':')[0]!.replace(/\$/g, '');
  try {
    return parseA1(first);
  } catch {
    return undefined;
  }
}

export function gridSourceFromModel(model: FakeWorkbookModel): GridSource {
  const sheetOf = (name: string): GridSheet | undefined => {
    const s = model.sheet(name);
    if (!s) return undefined;
    const used = s.usedRange(false);
    return {
      name: s.name,
      rowCount: used?.end.row ?? 0,
      colCount: used?.end.col ?? 0,
      cell: (row, col): Cell => toEngineCell(s.cell(row, col)),
      *entries() {
        for (const [r, c, cell] of s.entries()) yield [r, c, toEngineCell(cell)] as const;
      },
      style: (row, col) => model.effectiveFormat(s.name, row, col),
    };
  };
  return {
    sheetNames: () => model.sheets.map((s) => s.name),
    sheet: sheetOf,
    activeSheet: () => model.activeSheet ?? undefined,
    selection: (): GridSelection | undefined => {
      const sel = model.selection;
      if (!sel) return undefined;
      const at = topLeft(sel.address);
      return at ? { sheet: sel.sheet, ...at } : undefined;
    },
    activate: (name) => {
      if (!model.sheet(name) || model.activeSheet === name) return;
      model.activeSheet = name;
      model.notify();
    },
    subscribe: (listener) => model.subscribe(listener),
  };
}
