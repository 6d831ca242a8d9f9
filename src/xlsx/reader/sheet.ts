/**
 * One worksheet part → a MemorySheet, streamed: values, formulas (shared ones expanded to each cell), cached results,
 * number formats and merges. Rows and cells without `r` take the next position (ECMA-376 Part 1 §18.3.1.73 and
 * §18.3.1.4: a row without `r` follows the previous row, a cell without `r` the previous cell). Work and memory follow
 * the cells present: empty rows cost nothing, and a position past Excel's grid (row 1,048,576, column XFD) or a text
 * longer than Excel's 32,767 characters refuses the file at once with the cell named.
 */
import { columnLetters, MAX_COL, MAX_ROW, type RangeAddress } from '../../engine/address';
import { BLANK, BLANK_CELL, bool, cellError, isErrorCode, numberValue, serialFromDate, text, type Cell, type CellValue } from '../../engine/cell';
import type { MemorySheet } from '../../engine/memory-workbook';
import { shiftFormula } from '../cell-xml';
import { xlsxError } from '../errors';
import { MAIN } from './namespaces';
import type { PartReader } from './package';
import { StringItem } from './shared-strings';

export const MAX_TEXT = 32_767;
/**
 * Cells one workbook may hold (a return holds a few thousand): what keeps a file's memory within its budget whatever
 * its declared sizes (README, "Memory per file").
 */
export const MAX_CELLS = 500_000;

export interface SheetContext {
  readonly part: string;
  readonly sharedStrings: readonly string[];
  readonly numberFormats: readonly (string | undefined)[];
  readonly date1904: boolean;
  /** Cells already read in the workbook's earlier sheets (the limit is per workbook). */
  readonly cellsBefore?: number;
}

/** Columns in a packed reference: above the three letters' largest column (ZZZ = 18,278). */
const COL_SPAN = 32_768;

/**
 * Parses `A1`-style `r` into row × COL_SPAN + col (one number, not a pair: this runs for every cell); -1 when it is
 * no cell reference.
 */
function parseRef(r: string): number {
  let i = 0;
  let col = 0;
  const n = r.length;
  while (i < n) {
    const ch = r.charCodeAt(i);
    const up = ch >= 97 ? ch - 32 : ch;
    if (up < 65 || up > 90) break;
    col = col * 26 + (up - 64);
    i++;
    if (i > 3) return -1;
  }
  if (i === 0 || i === n) return -1;
  let row = 0;
  for (let j = i; j < n; j++) {
    const d = r.charCodeAt(j) - 48;
    if (d < 0 || d > 9 || j - i > 10) return -1;
    row = row * 10 + d;
  }
  return row * COL_SPAN + col;
}

function parseRange(ref: string): RangeAddress | undefined {
  const [a, b = a] = ref.split(':');
  const s = parseRef(a!.replace(/\$/g, ''));
  const e = parseRef(b!.replace(/\$/g, ''));
  if (s < 0 || e < 0) return undefined;
  const sr = Math.floor(s / COL_SPAN);
  const sc = s % COL_SPAN;
  const er = Math.floor(e / COL_SPAN);
  const ec = e % COL_SPAN;
  return { start: { row: Math.min(sr, er), col: Math.min(sc, ec) }, end: { row: Math.max(sr, er), col: Math.max(sc, ec) } };
}

/** `t="d"`: an ISO 8601 date or date-time (ECMA-376 §18.17.4) → 1900-system serial. */
function isoDateSerial(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) {
    const t = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(s.trim());
    return t ? (Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3] ?? 0)) / 86400 : undefined;
  }
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)) + Number(m[6] ?? 0) * 1000;
  if (Number.isNaN(ms)) return undefined;
  const serial = serialFromDate(new Date(ms));
  // Excel's fictitious 1900-02-29 (serial 60): dates before March 1900 sit one lower.
  return Math.round((serial < 61 ? serial - 1 : serial) * 1e9) / 1e9;
}

const enum In {
  None,
  V,
  F,
  Is,
}

/** Reads the part into `sheet`; returns how many cells it set (the cell limit is per workbook). */
export function readSheet(pkg: PartReader, sheet: MemorySheet, ctx: SheetContext): number {
  const name = sheet.name;
  // Positions set, in order (for merges and the used range); the cells go straight into the sheet.
  const setRows: number[] = [];
  const setCols: number[] = [];
  const merges: RangeAddress[] = [];
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  const inlineText = new StringItem();

  let depth = 0;
  let sheetDataDepth = -1;
  let rowIndex = 0;
  let colIndex = 0;
  // the open <c>
  let inCell = false;
  let cRow = 0;
  let cCol = 0;
  let cType = 'n';
  let cStyle = 0;
  let within = In.None;
  let isDepth = 0;
  let vText: string | undefined;
  let fText: string | undefined;
  let fType = '';
  let fSi: string | undefined;
  let fRef: string | undefined;

  const where = (r: number, c: number): string => `${name}!${c <= MAX_COL ? columnLetters(c) : `C${c}`}${r}`;

  const finishCell = (): void => {
    let formula: string | undefined;
    if (fText !== undefined || fType === 'shared') {
      if (fType === 'shared' && fSi !== undefined) {
        const master = shared.get(fSi);
        if (fText && fText.trim() !== '' && fRef !== undefined) shared.set(fSi, { formula: fText, row: cRow, col: cCol });
        if (fText && fText.trim() !== '') formula = fText;
        else if (master) formula = shiftFormula(master.formula, cRow - master.row, cCol - master.col);
      } else if (fText && fText.trim() !== '' && fType !== 'dataTable') formula = fText;
    }
    const fmt = ctx.numberFormats[cStyle];
    let value: CellValue = BLANK;
    switch (cType) {
      case 's': {
        const i = vText === undefined ? NaN : Number(vText);
        const s = Number.isInteger(i) ? ctx.sharedStrings[i] : undefined;
        if (s !== undefined && s !== '') value = text(s);
        break;
      }
      case 'inlineStr': {
        const s = inlineText.take();
        if (s !== '') value = text(s);
        else if (vText) value = text(vText);
        break;
      }
      case 'str':
        if (vText) value = text(vText);
        break;
      case 'b':
        if (vText !== undefined) value = bool(vText.trim() === '1' || vText.trim().toLowerCase() === 'true');
        break;
      case 'e': {
        const code = (vText ?? '').trim();
        if (code) value = isErrorCode(code) ? cellError(code) : cellError('#VALUE!');
        break;
      }
      case 'd': {
        const serial = vText === undefined ? undefined : isoDateSerial(vText);
        if (serial !== undefined) value = { kind: 'date', serial };
        else if (vText) value = text(vText);
        break;
      }
      default: {
        if (vText === undefined || vText.trim() === '') break;
        const n = Number(vText);
        if (!Number.isFinite(n)) value = cellError('#NUM!');
        else value = numberValue(n, fmt, ctx.date1904);
      }
    }
    if (value.kind === 'text' && value.value.length > MAX_TEXT) {
      throw xlsxError('beyond-limits', `${where(cRow, cCol)} holds ${value.value.length} characters, more than Excel's ${MAX_TEXT}`);
    }
    if (value.kind === 'blank' && !formula) return;
    // A formula without a cached value (no <v>, or openpyxl's empty <v></v> on a number cell; a template never opened)
    // is `uncached`, so it is not judged. An empty <v> of a string result (t="str") is a cached empty text.
    const uncached = formula && cType !== 'inlineStr' && (vText === undefined || (vText.trim() === '' && cType !== 'str'));
    const cell: Cell = formula
      ? { value, formula: `=${formula}`, ...(uncached ? { uncached: true as const } : {}), ...(fmt ? { numberFormat: fmt } : {}) }
      : fmt
        ? { value, numberFormat: fmt }
        : { value };
    if (setRows.length + (ctx.cellsBefore ?? 0) >= MAX_CELLS) {
      throw xlsxError('beyond-limits', `more than ${MAX_CELLS} cells; a return holds a few thousand`);
    }
    sheet.set(cRow, cCol, cell);
    setRows.push(cRow);
    setCols.push(cCol);
  };

  pkg.walk(ctx.part, {
    open(el) {
      depth++;
      if (within === In.Is) {
        inlineText.open(el.uri, el.local);
        return;
      }
      if (el.uri !== MAIN) return;
      const local = el.local;
      if (inCell) {
        if (depth !== isDepth) return;
        if (local === 'v') {
          within = In.V;
          vText = '';
        } else if (local === 'f') {
          within = In.F;
          fText = '';
          fType = el.attr('t') ?? '';
          fSi = el.attr('si');
          fRef = el.attr('ref');
        } else if (local === 'is') within = In.Is;
        return;
      }
      if (sheetDataDepth > 0) {
        if (local === 'row' && depth === sheetDataDepth + 1) {
          const r = el.attr('r');
          const n = r === undefined ? rowIndex + 1 : Number(r);
          if (!Number.isInteger(n) || n < 1) throw xlsxError('bad-xml', `${ctx.part}: row r="${r}"`);
          if (n > MAX_ROW) throw xlsxError('beyond-limits', `${name} row ${n} is past Excel's last row ${MAX_ROW}`);
          rowIndex = n;
          colIndex = 0;
        } else if (local === 'c' && depth === sheetDataDepth + 2) {
          const r = el.attr('r');
          if (r === undefined) {
            if (rowIndex === 0) rowIndex = 1;
            cRow = rowIndex;
            cCol = colIndex + 1;
          } else {
            const p = parseRef(r);
            if (p < COL_SPAN) throw xlsxError('bad-xml', `${ctx.part}: cell r="${r}"`);
            cRow = Math.floor(p / COL_SPAN);
            cCol = p % COL_SPAN;
          }
          if (cRow > MAX_ROW || cCol > MAX_COL) throw xlsxError('beyond-limits', `${where(cRow, cCol)} is past Excel's last cell XFD${MAX_ROW}`);
          colIndex = cCol;
          inCell = true;
          isDepth = depth + 1;
          cType = el.attr('t') ?? 'n';
          const s = el.attr('s');
          cStyle = s === undefined ? 0 : Number(s) || 0;
          vText = undefined;
          fText = undefined;
          fType = '';
          fSi = undefined;
          fRef = undefined;
        }
        return;
      }
      if (local === 'sheetData' && depth === 2) sheetDataDepth = depth;
      else if (local === 'mergeCell' && depth === 3) {
        const m = parseRange(el.attr('ref') ?? '');
        if (m && m.end.row <= MAX_ROW && m.end.col <= MAX_COL && (m.end.row > m.start.row || m.end.col > m.start.col)) merges.push(m);
      }
    },
    close() {
      if (within === In.Is) {
        if (depth === isDepth) within = In.None;
        else inlineText.close();
      } else if (within !== In.None && depth === isDepth) within = In.None;
      else if (inCell && depth === isDepth - 1) {
        inCell = false;
        finishCell();
      } else if (depth === sheetDataDepth) sheetDataDepth = -1;
      depth--;
    },
    text(t) {
      if (within === In.V) vText += t;
      else if (within === In.F) fText += t;
      else if (within === In.Is) inlineText.text(t);
    },
  });

  if (merges.length > 0) clearMerged(sheet, setRows, setCols, merges);
  sheet.merges = merges;
  return setRows.length;
}

/**
 * The cells a merged range hides (all but its top-left) read blank, as in Excel, and the used range is what is left.
 * A sweep down the rows holding cells, with the ranges over the current row sorted by column: each cell costs a
 * binary search, never a range's area, so a range over the whole grid costs what the sheet holds.
 */
function clearMerged(sheet: MemorySheet, rows: readonly number[], cols: readonly number[], merges: readonly RangeAddress[]): void {
  const order = rows.map((_, i) => i);
  if (rows.some((r, i) => i > 0 && r < rows[i - 1]!)) order.sort((a, b) => rows[a]! - rows[b]! || cols[a]! - cols[b]!);
  const pending = [...merges].sort((a, b) => a.start.row - b.start.row);
  let next = 0;
  let active: RangeAddress[] = [];
  let activeRow = 0;
  let maxRow = 0;
  let maxCol = 0;
  for (const i of order) {
    const r = rows[i]!;
    const c = cols[i]!;
    if (r !== activeRow) {
      activeRow = r;
      let changed = false;
      const kept = active.filter((m) => m.end.row >= r);
      if (kept.length !== active.length) changed = true;
      active = kept;
      while (next < pending.length && pending[next]!.start.row <= r) {
        const m = pending[next++]!;
        if (m.end.row >= r) {
          active.push(m);
          changed = true;
        }
      }
      if (changed) active.sort((a, b) => a.start.col - b.start.col);
    }
    // the last range starting at or left of c
    let lo = 0;
    let hi = active.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (active[mid]!.start.col <= c) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const m = at >= 0 ? active[at]! : undefined;
    if (m && c <= m.end.col && (r !== m.start.row || c !== m.start.col)) sheet.set(r, c, BLANK_CELL);
    else {
      if (r > maxRow) maxRow = r;
      if (c > maxCol) maxCol = c;
    }
  }
  sheet.rowCount = maxRow;
  sheet.colCount = maxCol;
}
