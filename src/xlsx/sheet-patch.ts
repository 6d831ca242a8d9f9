/**
 * Surgical edits of one worksheet part: only the `<c>` elements of the written cells change; every other byte of the
 * part stays as it was. Rows and cells are located by an XML parser (one streaming pass, keeping only the rows we
 * write to and the shared formulas), so comments, CDATA and processing instructions are never mistaken for elements,
 * and rows or cells without `r` take the positions ECMA-376 gives them (one after the previous).
 */
import { columnLetters } from '../engine/address';
import type { CellWrite } from '../engine/fill-plan';
import { cellXml, shiftFormula } from './cell-xml';
import { xlsxError } from './errors';
import { MAIN_NAMESPACES } from './flavour';
import type { StyleBook } from './styles';
import { applyEdits, walkXml, withAttr, type Edit, type NsScope, type XmlElement } from './tokens';
import { escapeAttr, escapeText } from './xml';

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

interface CellTok {
  readonly col: number;
  readonly el: XmlElement;
}

interface RowTok {
  readonly row: number;
  readonly el: XmlElement;
  readonly cells: CellTok[];
}

interface SharedF {
  readonly si: string;
  readonly row: number;
  readonly col: number;
  readonly master: boolean;
  readonly el: XmlElement;
  /** The bindings of the cell holding it (where a replacement <f> lands). */
  readonly cellScope: NsScope;
  text: string;
}

export interface PatchSheetResult {
  readonly xml: string;
  /** Cells outside the written ones whose XML had to change (dependents of a replaced shared-formula master). */
  readonly alsoChanged: readonly string[];
}

/** The prefix ('' or 'x') under which the SpreadsheetML namespace is bound at this point, with its colon. */
function mainPrefix(scope: NsScope, uri: string): string {
  const p = scope.prefixFor(uri);
  if (p === undefined) throw new Error(`patchSheetXml: no prefix bound to ${uri}`);
  return p ? `${p}:` : '';
}

const cellCol = (r: string | undefined, previous: number, part: string): number => {
  const m = r ? /^\$?([A-Za-z]{1,3})\$?\d+$/.exec(r.trim()) : null;
  const col = m ? lettersToIndex(m[1]!) : previous + 1;
  if (col > MAX_COL) throw xlsxError('bad-xml', `${part}: cell ${r ?? col} is past column XFD`);
  return col;
};

function lettersToIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Replaces or inserts the cells of `writes` (all on this sheet) in the worksheet XML of `part`.
 * A written cell that asks for no format and no bold keeps its own `s`.
 */
export function patchSheetXml(xml: string, writes: readonly CellWrite[], styles: StyleBook, part = 'worksheet'): PatchSheetResult {
  const byRow = new Map<number, Map<number, CellWrite>>();
  for (const w of writes) {
    if (w.row < 1 || w.row > MAX_ROW || w.col < 1 || w.col > MAX_COL) throw new Error(`patchSheetXml: ${w.row},${w.col} is outside a worksheet`);
    const cells = byRow.get(w.row) ?? new Map<number, CellWrite>();
    cells.set(w.col, w);
    byRow.set(w.row, cells);
  }
  const targets = [...byRow.keys()].sort((a, b) => a - b);

  let root: XmlElement | undefined;
  let uri = '';
  let rootIndex = -1;
  let sheetData: XmlElement | undefined;
  let sheetDataIndex = -1;
  const beforeSheetData: XmlElement[] = [];
  const patchRows: RowTok[] = [];
  /** Target rows that do not exist yet, each inserted before the `<row>` starting at `at`. */
  const newRowsAt: { row: number; at: number }[] = [];
  const shared: SharedF[] = [];
  let t = 0;
  let lastRow = 0;
  let rowIndex = -1;
  let rowNumber = 0;
  let currentRow: RowTok | undefined;
  let cellIndex = -1;
  let lastCol = 0;
  let cellColNow = 0;
  let cellScope: NsScope | undefined;
  let fIndex = -1;
  let f: SharedF | undefined;

  walkXml(xml, part, {
    open(el, i) {
      if (el.depth === 0) {
        root = el;
        rootIndex = i;
        uri = el.uri;
        if (el.local !== 'worksheet' || !MAIN_NAMESPACES.includes(uri)) throw xlsxError('bad-xml', `${part}: the root element is not a worksheet`);
        return;
      }
      if (el.uri !== uri) return;
      if (el.parent === rootIndex) {
        if (el.local === 'sheetData' && !sheetData) {
          sheetData = el;
          sheetDataIndex = i;
        } else if (!sheetData && ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols'].includes(el.local)) beforeSheetData.push(el);
        return;
      }
      if (el.parent === sheetDataIndex && el.local === 'row') {
        const r = el.attrs.get('r');
        rowNumber = r !== undefined && /^\d+$/.test(r.trim()) ? Number(r) : lastRow + 1;
        if (rowNumber <= lastRow || rowNumber > MAX_ROW) throw xlsxError('bad-xml', `${part}: row ${rowNumber} is out of order or out of range`);
        lastRow = rowNumber;
        rowIndex = i;
        lastCol = 0;
        while (t < targets.length && targets[t]! < rowNumber) newRowsAt.push({ row: targets[t++]!, at: el.start });
        if (t < targets.length && targets[t] === rowNumber) {
          currentRow = { row: rowNumber, el, cells: [] };
          patchRows.push(currentRow);
          t++;
        } else currentRow = undefined;
        return;
      }
      if (el.parent === rowIndex && rowIndex >= 0 && el.local === 'c') {
        cellColNow = cellCol(el.attrs.get('r'), lastCol, part);
        lastCol = cellColNow;
        cellIndex = i;
        cellScope = el.scope;
        currentRow?.cells.push({ col: cellColNow, el });
        return;
      }
      if (el.parent === cellIndex && cellIndex >= 0 && el.local === 'f' && el.attrs.get('t') === 'shared' && el.attrs.get('si') !== undefined) {
        f = { si: el.attrs.get('si')!, row: rowNumber, col: cellColNow, master: el.attrs.get('ref') !== undefined, el, cellScope: cellScope ?? el.scope, text: '' };
        fIndex = i;
        shared.push(f);
      }
    },
    text(s, i) {
      if (f && i === fIndex && f.master) f.text += s;
    },
    close(el, i) {
      if (i === fIndex) (f = undefined), (fIndex = -1);
      else if (i === cellIndex) cellIndex = -1;
      else if (i === rowIndex) rowIndex = -1;
    },
  });
  if (!root) throw xlsxError('bad-xml', `${part}: no root element`);

  const edits: Edit[] = [];
  const written = new Set<string>();
  const key = (r: number, c: number): string => `${r},${c}`;

  const render = (w: CellWrite, existing: XmlElement | undefined, p: string): string => {
    const sAttr = existing?.attrs.get('s');
    let s = sAttr !== undefined && /^\d+$/.test(sAttr) ? Number(sAttr) : undefined;
    if (w.numberFormat !== undefined || w.bold) s = styles.xfFor(s ?? 0, { numberFormat: w.numberFormat, bold: w.bold });
    written.add(key(w.row, w.col));
    return cellXml(w.row, w.col, w.value, w.formula, { prefix: p, s });
  };
  const newRow = (row: number, scope: NsScope): string => {
    const p = mainPrefix(scope, uri);
    const cells = [...byRow.get(row)!.values()].sort((a, b) => a.col - b.col);
    return `<${p}row r="${row}">${cells.map((w) => render(w, undefined, p)).join('')}</${p}row>`;
  };

  if (!sheetData) {
    // A worksheet must have sheetData; add one after the elements that precede it.
    const at = beforeSheetData.length ? Math.max(...beforeSheetData.map((e) => e.end)) : root.tagEnd;
    if (root.selfClosing) throw xlsxError('bad-xml', `${part}: the worksheet is empty`);
    const p = mainPrefix(root.scope, uri);
    edits.push({ start: at, end: at, text: `<${p}sheetData>${targets.map((r) => newRow(r, root!.scope)).join('')}</${p}sheetData>` });
  } else {
    const sd = sheetData;
    for (const { row, at } of newRowsAt) edits.push({ start: at, end: at, text: newRow(row, sd.scope) });
    const tail = targets.slice(t).map((r) => newRow(r, sd.scope)).join('');
    if (sd.selfClosing) {
      const tag = xml.slice(sd.start, sd.tagEnd);
      edits.push({ start: sd.start, end: sd.end, text: `${tag.slice(0, -2).trimEnd()}>${tail}</${sd.qname}>` });
    } else if (tail) edits.push({ start: sd.closeStart, end: sd.closeStart, text: tail });
  }

  for (const r of patchRows) {
    const p = mainPrefix(r.el.scope, uri);
    const list = [...byRow.get(r.row)!.values()].sort((a, b) => a.col - b.col);
    let tag = xml.slice(r.el.start, r.el.tagEnd);
    const spans = r.el.attrs.get('spans');
    if (spans && /^\d+:\d+$/.test(spans)) {
      const [a, b] = spans.split(':').map(Number) as [number, number];
      const lo = Math.min(a, list[0]!.col);
      const hi = Math.max(b, list[list.length - 1]!.col);
      if (lo !== a || hi !== b) tag = withAttr(tag, 'spans', `${lo}:${hi}`, escapeAttr);
    }
    if (r.el.selfClosing) {
      edits.push({ start: r.el.start, end: r.el.end, text: `${tag.slice(0, -2).trimEnd()}>${list.map((w) => render(w, undefined, p)).join('')}</${r.el.qname}>` });
      continue;
    }
    if (tag !== xml.slice(r.el.start, r.el.tagEnd)) edits.push({ start: r.el.start, end: r.el.tagEnd, text: tag });
    for (const w of list) {
      const idx = r.cells.findIndex((c) => c.col >= w.col);
      const existing = idx >= 0 && r.cells[idx]!.col === w.col ? r.cells[idx]! : undefined;
      if (existing) edits.push({ start: existing.el.start, end: existing.el.end, text: render(w, existing.el, p) });
      else {
        const at = idx >= 0 ? r.cells[idx]!.el.start : r.el.closeStart;
        edits.push({ start: at, end: at, text: render(w, undefined, p) });
      }
    }
  }

  // A replaced cell was the master of a shared formula: its dependents that stay would lose their formula.
  // Each such dependent gets its own formula (the master's, moved to it), as Excel computes it.
  const alsoChanged: string[] = [];
  const masters = new Map(shared.filter((x) => x.master && written.has(key(x.row, x.col))).map((x) => [x.si, x]));
  if (masters.size) {
    for (const d of shared) {
      const m = masters.get(d.si);
      if (!m || d.master || written.has(key(d.row, d.col))) continue;
      const p = mainPrefix(d.cellScope, uri);
      const moved = shiftFormula(m.text, d.row - m.row, d.col - m.col);
      edits.push({ start: d.el.start, end: d.el.end, text: `<${p}f>${escapeText(moved)}</${p}f>` });
      alsoChanged.push(`${columnLetters(d.col)}${d.row}`);
    }
  }
  return { xml: applyEdits(xml, edits), alsoChanged };
}
