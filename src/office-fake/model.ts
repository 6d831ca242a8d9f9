/**
 * The fake Excel's in-memory workbook: cells with value, formula, number format and own format; conditional formats;
 * the active sheet and the selection. The fake Excel API (excel-api.ts) reads and writes it; the browser preview draws
 * it and subscribes to redraw. Browser-safe: no Node built-ins.
 */
import { MAX_COL, formatRange, type RangeAddress } from '../engine/address';
import { BLANK, isDateFormat, numberValue, type Cell, type CellValue } from '../engine/cell';
import { cellsOf, MemoryWorkbook } from '../engine/memory-workbook';
import type { WorkbookView } from '../engine/workbook';
import { Evaluator, type EvalContext } from './formula';

/** Rows and columns of a range, whether two ranges share a cell, and a value for each cell row by row: how both
 * fakes (Office's and WPS's) size, match and answer ranges over this model. */
export const rowsOf = (r: RangeAddress): number => r.end.row - r.start.row + 1;
export const colsOf = (r: RangeAddress): number => r.end.col - r.start.col + 1;
export const overlaps = (a: RangeAddress, b: RangeAddress): boolean =>
  a.start.row <= b.end.row && b.start.row <= a.end.row && a.start.col <= b.end.col && b.start.col <= a.end.col;
export function rangeGrid<V>(range: RangeAddress, f: (row: number, col: number) => V): V[][] {
  const out: V[][] = [];
  for (let r = range.start.row; r <= range.end.row; r++) {
    const line: V[] = [];
    for (let c = range.start.col; c <= range.end.col; c++) line.push(f(r, c));
    out.push(line);
  }
  return out;
}

export interface FakeCellFormat {
  /** Fill colour, '#RRGGBB', or undefined for none. */
  readonly fill?: string;
  readonly fontColor?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

export interface FakeCell {
  readonly value: CellValue;
  /** With its leading '='; absent for a constant. */
  readonly formula?: string;
  /** 'General' when none. */
  readonly numberFormat: string;
  readonly format: FakeCellFormat;
}

export type FakeConditionalFormatType = 'Custom' | 'DataBar' | 'ColorScale' | 'IconSet' | 'TopBottom' | 'PresetCriteria' | 'ContainsText' | 'CellValue';

/**
 * A conditional format. It has no identity of its own: like Excel's (whose `ConditionalFormat.id` is "the priority
 * of the conditional format in the current ConditionalFormatCollection"), its id is its position in the sheet's
 * list, renumbered by every add, delete and reopen.
 */
export interface FakeConditionalFormat {
  readonly type: FakeConditionalFormatType;
  range: RangeAddress;
  /** Custom rule formula (with '='); '' until set. */
  formula: string;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

const EMPTY_FORMAT: FakeCellFormat = Object.freeze({});
export const EMPTY_CELL: FakeCell = Object.freeze({ value: BLANK, numberFormat: 'General', format: EMPTY_FORMAT });

/** Excel's default column width in points (8.43 characters). */
export const DEFAULT_COLUMN_WIDTH = 48;

const key = (row: number, col: number): number => (row - 1) * MAX_COL + (col - 1);

export class FakeSheet {
  readonly cells = new Map<number, FakeCell>();
  /** Column widths in points, by 1-based column. */
  readonly columnWidths = new Map<number, number>();
  conditionalFormats: FakeConditionalFormat[] = [];
  /** A protected sheet refuses every write (AccessDenied), as Excel's does for locked cells. */
  protected = false;

  constructor(
    public name: string,
    readonly id: string,
  ) {}

  cell(row: number, col: number): FakeCell {
    return this.cells.get(key(row, col)) ?? EMPTY_CELL;
  }

  setCell(row: number, col: number, patch: Partial<FakeCell>): void {
    const old = this.cell(row, col);
    const next: FakeCell = { ...old, ...patch };
    if ('formula' in patch && patch.formula === undefined) delete (next as { formula?: string }).formula;
    if (isDefault(next)) this.cells.delete(key(row, col));
    else this.cells.set(key(row, col), next);
  }

  /** Every stored cell as (row, col, cell). */
  *entries(): Generator<[number, number, FakeCell]> {
    for (const [k, c] of this.cells) yield [Math.floor(k / MAX_COL) + 1, (k % MAX_COL) + 1, c];
  }

  /** The bounding box of cells holding anything (valuesOnly: a value or formula), or null when none. */
  usedRange(valuesOnly: boolean): RangeAddress | null {
    let r1 = Infinity;
    let c1 = Infinity;
    let r2 = 0;
    let c2 = 0;
    for (const [row, col, c] of this.entries()) {
      if (valuesOnly && c.value.kind === 'blank' && !c.formula) continue;
      r1 = Math.min(r1, row);
      c1 = Math.min(c1, col);
      r2 = Math.max(r2, row);
      c2 = Math.max(c2, col);
    }
    return r2 === 0 ? null : { start: { row: r1, col: c1 }, end: { row: r2, col: c2 } };
  }

  columnWidth(col: number): number {
    return this.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
  }

  /**
   * Moves whole rows as Excel's row insert, delete and cut-insert do: `where(row)` is a row's new number, or null
   * when the row goes. Conditional formats move with their rows. Formula references are not rewritten (the fake's
   * formulas are the tool's, which fill writes afresh, or the test's own).
   */
  remapRows(where: (row: number) => number | null): void {
    const moved = [...this.entries()].flatMap(([r, c, cell]) => {
      const to = where(r);
      return to === null ? [] : [[to, c, cell] as const];
    });
    this.cells.clear();
    for (const [r, c, cell] of moved) this.cells.set(key(r, c), cell);
    this.conditionalFormats = this.conditionalFormats.flatMap((cf) => {
      const rows: number[] = [];
      for (let r = cf.range.start.row; r <= cf.range.end.row; r++) {
        const to = where(r);
        if (to !== null) rows.push(to);
      }
      if (!rows.length) return [];
      return [{ ...cf, range: { start: { row: Math.min(...rows), col: cf.range.start.col }, end: { row: Math.max(...rows), col: cf.range.end.col } } }];
    });
  }

  /** Inserts `count` blank rows before row `at` (Excel: Insert → Sheet Rows). */
  insertRows(at: number, count = 1): void {
    this.remapRows((r) => (r >= at ? r + count : r));
  }

  /** Deletes rows `at` … `at + count - 1`. */
  deleteRows(at: number, count = 1): void {
    this.remapRows((r) => (r < at ? r : r < at + count ? null : r - count));
  }

  /** Cuts row `from` and inserts it before row `before` (Excel: cut, Insert Cut Cells). */
  moveRow(from: number, before: number): void {
    const dest = before > from ? before - 1 : before;
    this.remapRows((r) => {
      if (r === from) return dest;
      if (from < dest && r > from && r <= dest) return r - 1;
      if (dest < from && r >= dest && r < from) return r + 1;
      return r;
    });
  }
}

function isDefault(c: FakeCell): boolean {
  return (
    c.value.kind === 'blank' &&
    !c.formula &&
    c.numberFormat === 'General' &&
    c.format.fill === undefined &&
    c.format.fontColor === undefined &&
    !c.format.bold &&
    !c.format.italic
  );
}

export interface Selection {
  readonly sheet: string;
  readonly address: string;
}

export type ModelListener = () => void;

let nextModelId = 1;

export class FakeWorkbookModel {
  readonly sheets: FakeSheet[] = [];
  activeSheet: string | null = null;
  selection: Selection | null = null;
  /** Excel's calculation mode; in 'Manual' a write recalculates nothing until `application.calculate`. */
  calculationMode: 'Automatic' | 'Manual' = 'Automatic';
  /**
   * Another window has the focus (a workbook opened mid-call): `select`, `activate` and `worksheets.add` fail with
   * GeneralException, as Excel's do.
   */
  focusLost = false;
  /** For tests of a write that fails midway: value and formula writes to the sheets it names fail (InvalidOperation). */
  refuseWrites: ((sheet: string) => boolean) | null = null;
  private readonly listeners = new Set<ModelListener>();
  private nextSheetId = 1;
  private readonly uid = nextModelId++;

  /** A model holding a copy of the view's cells (values, formulas, number formats). */
  static fromWorkbookView(view: WorkbookView): FakeWorkbookModel {
    const m = new FakeWorkbookModel();
    for (const name of view.sheetNames) {
      const src = view.sheet(name);
      const sheet = m.addSheet(name);
      if (!src) continue;
      // The stored cells only: a lone cell at XFD1048576 costs one cell, not the 17 billion addresses before it.
      for (const [r, c, cell] of cellsOf(src)) {
        if (cell.value.kind === 'blank' && !cell.formula && !cell.numberFormat) continue;
        sheet.setCell(r, c, fromEngineCell(cell));
      }
    }
    m.activeSheet = m.sheets[0]?.name ?? null;
    m.recalc();
    return m;
  }

  /** The same as `fromWorkbookView`, for a MemoryWorkbook (buildBlankReturn / buildFilledReturn). */
  static fromMemoryWorkbook(wb: MemoryWorkbook): FakeWorkbookModel {
    return FakeWorkbookModel.fromWorkbookView(wb);
  }

  /** A snapshot as engine cells: what the xlsx reader would produce for the same workbook. */
  toWorkbookView(): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    for (const s of this.sheets) {
      const out = wb.addSheet(s.name);
      for (const [row, col, c] of s.entries()) {
        if (c.value.kind === 'blank' && !c.formula) continue;
        out.set(row, col, toEngineCell(c));
      }
    }
    return wb;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  addSheet(name: string, index = this.sheets.length): FakeSheet {
    if (this.sheet(name)) throw new Error(`sheet ${name} exists`);
    const s = new FakeSheet(name, `{${this.uid}-${this.nextSheetId++}}`);
    this.sheets.splice(index, 0, s);
    if (this.activeSheet === null) this.activeSheet = name;
    return s;
  }

  removeSheet(name: string): void {
    const i = this.sheets.findIndex((s) => s.name === name);
    if (i < 0) return;
    this.sheets.splice(i, 1);
    if (this.activeSheet === name) this.activeSheet = this.sheets[Math.max(0, i - 1)]?.name ?? null;
    if (this.selection?.sheet === name) this.selection = null;
  }

  /** The format a viewer sees: the cell's own, overlaid by the first matching conditional format. */
  effectiveFormat(sheetName: string, row: number, col: number): FakeCellFormat {
    const sheet = this.sheet(sheetName);
    if (!sheet) return EMPTY_FORMAT;
    const own = sheet.cell(row, col).format;
    for (const cf of sheet.conditionalFormats) {
      const r = cf.range;
      if (row < r.start.row || row > r.end.row || col < r.start.col || col > r.end.col) continue;
      if (cf.type !== 'Custom' || !cf.formula) continue;
      const offset = { rows: row - r.start.row, cols: col - r.start.col };
      const v = new Evaluator(this.evalContext(), sheet.name, offset).evaluate(cf.formula);
      const on = (v.kind === 'boolean' && v.value) || (v.kind === 'number' && v.value !== 0);
      if (!on) continue;
      return {
        ...own,
        ...(cf.fill !== null ? { fill: cf.fill } : {}),
        ...(cf.fontColor !== null ? { fontColor: cf.fontColor } : {}),
        ...(cf.bold !== null ? { bold: cf.bold } : {}),
      };
    }
    return own;
  }

  /** Recomputes every formula cell (the workbooks are small). */
  recalc(): void {
    const done = new Map<string, CellValue>();
    const active = new Set<string>();
    const model = this;
    const compute = (sheet: FakeSheet, row: number, col: number): CellValue => {
      const c = sheet.cell(row, col);
      if (!c.formula) return c.value;
      const k = `${sheet.id}:${row}:${col}`;
      const hit = done.get(k);
      if (hit) return hit;
      if (active.has(k)) return { kind: 'number', value: 0 }; // a circular reference reads 0, as Excel shows it
      active.add(k);
      const v = new Evaluator(ctx, sheet.name).evaluate(c.formula);
      active.delete(k);
      done.set(k, v);
      return v;
    };
    const ctx: EvalContext = {
      read(name, row, col) {
        const s = name === undefined ? undefined : model.sheet(name);
        return s ? compute(s, row, col) : undefined;
      },
      usedRows(name) {
        const s = name === undefined ? undefined : model.sheet(name);
        return s?.usedRange(false)?.end.row ?? 0;
      },
      hasSheet(name) {
        return name !== undefined && model.sheet(name) !== undefined;
      },
    };
    for (const sheet of this.sheets) {
      for (const [row, col, c] of [...sheet.entries()]) {
        if (!c.formula) continue;
        sheet.setCell(row, col, { value: compute(sheet, row, col) });
      }
    }
  }

  /** Evaluation context over stored values (no recalculation): for conditional formats and the preview. */
  evalContext(): EvalContext {
    const model = this;
    return {
      read: (name, row, col) => model.sheet(name ?? '')?.cell(row, col).value,
      usedRows: (name) => model.sheet(name ?? '')?.usedRange(false)?.end.row ?? 0,
      hasSheet: (name) => name !== undefined && model.sheet(name) !== undefined,
    };
  }

  subscribe(listener: ModelListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const l of [...this.listeners]) l();
  }

  describeRange(sheet: string, r: RangeAddress): string {
    return `${sheet}!${formatRange(r)}`;
  }
}

/** An engine cell as stored by the fake (dates become serials with a date format, like Excel). */
export function fromEngineCell(cell: Cell): FakeCell {
  let value = cell.value;
  let numberFormat = cell.numberFormat ?? 'General';
  if (value.kind === 'date') {
    value = { kind: 'number', value: value.serial };
    if (!isDateFormat(numberFormat)) numberFormat = 'yyyy-mm-dd';
  }
  return { value, ...(cell.formula ? { formula: cell.formula } : {}), numberFormat, format: EMPTY_FORMAT };
}

/** A stored cell as an engine cell: a number with a date format reads as a date. */
export function toEngineCell(c: FakeCell): Cell {
  const value: CellValue = c.value.kind === 'number' ? numberValue(c.value.value, c.numberFormat) : c.value;
  return {
    value,
    ...(c.formula ? { formula: c.formula } : {}),
    ...(c.numberFormat !== 'General' ? { numberFormat: c.numberFormat } : {}),
  };
}
