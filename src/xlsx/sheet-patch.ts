/**
 * Surgical edits of one worksheet part: only the `<c>` elements of the written cells change; every other
 * byte of the part stays as it was (rows and cells are located by scanning, never by re-serialising).
 */
import { columnIndex, columnLetters } from '../engine/address';
import type { CellWrite } from '../engine/fill-plan';
import { cellXml, shiftFormula } from './cell-xml';
import type { StyleBook } from './styles';
import { decodeXml, findElement, parseAttrs, rootPrefix, setAttr } from './xml';

interface Span {
  start: number;
  end: number;
}
interface RowTok extends Span {
  row: number;
  tag: string;
  selfClosing: boolean;
}
interface CellTok extends Span {
  col: number;
  xml: string;
}

const esc = (s: string): string => s.replace(/[.:]/g, '\\$&');

function scanRows(body: string, p: string): RowTok[] {
  const re = new RegExp(`<${esc(p)}row(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${esc(p)}row>)`, 'g');
  const out: RowTok[] = [];
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const tag = m[0].slice(0, m[0].indexOf('>') + 1);
    const r = parseAttrs(tag).get('r');
    const row = r ? Number(r) : last + 1;
    last = row;
    out.push({ start: m.index, end: m.index + m[0].length, row, tag, selfClosing: tag.endsWith('/>') });
  }
  return out;
}

function scanCells(rowXml: string, p: string, row: number): CellTok[] {
  const re = new RegExp(`<${esc(p)}c(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${esc(p)}c>)`, 'g');
  const out: CellTok[] = [];
  let last = 0;
  let m: RegExpExecArray | null;
  const tagEnd = rowXml.indexOf('>') + 1;
  re.lastIndex = tagEnd;
  while ((m = re.exec(rowXml))) {
    const tag = m[0].slice(0, m[0].indexOf('>') + 1);
    const r = parseAttrs(tag).get('r');
    let col = last + 1;
    const mm = r ? /^\$?([A-Za-z]{1,3})\$?\d+$/.exec(r) : null;
    if (mm) col = columnIndex(mm[1]!);
    last = col;
    out.push({ start: m.index, end: m.index + m[0].length, col, xml: m[0] });
  }
  return out;
}

interface SharedMaster {
  si: string;
  row: number;
  col: number;
  formula: string;
}

function sharedMasterOf(cell: string, p: string, row: number, col: number): SharedMaster | undefined {
  const f = new RegExp(`<${esc(p)}f(?=[\\s>])([^>]*)>([\\s\\S]*?)</${esc(p)}f>`).exec(cell);
  if (!f) return undefined;
  const a = parseAttrs(`<f${f[1]}>`);
  if (a.get('t') !== 'shared' || !a.get('ref') || a.get('si') === undefined) return undefined;
  return { si: a.get('si')!, row, col, formula: decodeXml(f[2]!) };
}

export interface PatchSheetResult {
  readonly xml: string;
  /** Cells outside the written ones whose XML had to change (dependents of a replaced shared-formula master). */
  readonly alsoChanged: readonly string[];
}

/**
 * Replaces or inserts the cells of `writes` (all on this sheet) in the worksheet XML.
 * A written cell that asks for no format and no bold keeps its own `s`.
 */
export function patchSheetXml(xml: string, writes: readonly CellWrite[], styles: StyleBook): PatchSheetResult {
  const p = rootPrefix(xml, 'worksheet');
  let sd = findElement(xml, `${p}sheetData`);
  if (!sd) {
    // A worksheet must have sheetData; add one after the elements that precede it.
    const root = findElement(xml, `${p}worksheet`)!;
    const before = ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols']
      .map((n) => findElement(xml, `${p}${n}`))
      .filter((e): e is NonNullable<typeof e> => !!e);
    const at = before.length ? Math.max(...before.map((e) => e.end)) : root.tagEnd;
    xml = `${xml.slice(0, at)}<${p}sheetData/>${xml.slice(at)}`;
    sd = findElement(xml, `${p}sheetData`)!;
  }
  const open = sd.selfClosing ? `<${p}sheetData>` : xml.slice(sd.start, sd.tagEnd);
  const body = sd.selfClosing ? '' : xml.slice(sd.tagEnd, sd.end - `</${p}sheetData>`.length);

  const byRow = new Map<number, CellWrite[]>();
  for (const w of writes) {
    const list = byRow.get(w.row) ?? [];
    const i = list.findIndex((x) => x.col === w.col);
    if (i >= 0) list[i] = w;
    else list.push(w);
    byRow.set(w.row, list);
  }
  const rows = scanRows(body, p);
  const replacedMasters: SharedMaster[] = [];
  const written = new Set<string>();

  const render = (w: CellWrite, existing: string | undefined): string => {
    const sAttr = existing ? parseAttrs(existing.slice(0, existing.indexOf('>') + 1)).get('s') : undefined;
    let s = sAttr !== undefined ? Number(sAttr) : undefined;
    if (w.numberFormat !== undefined || w.bold) s = styles.xfFor(s ?? 0, { numberFormat: w.numberFormat, bold: w.bold });
    written.add(`${w.row},${w.col}`);
    return cellXml(w.row, w.col, w.value, w.formula, { prefix: p, s });
  };

  const patchRow = (rowXml: string, row: number, list: CellWrite[]): string => {
    let tag = rowXml.slice(0, rowXml.indexOf('>') + 1);
    const selfClosing = tag.endsWith('/>');
    const cells = selfClosing ? [] : scanCells(rowXml, p, row);
    const sorted = [...list].sort((a, b) => a.col - b.col);
    const inserts = new Map<number, string[]>(); // before cell index (cells.length = at end)
    const replaces = new Map<number, string>();
    for (const w of sorted) {
      const idx = cells.findIndex((c) => c.col >= w.col);
      if (idx >= 0 && cells[idx]!.col === w.col) {
        const m = sharedMasterOf(cells[idx]!.xml, p, row, w.col);
        if (m) replacedMasters.push(m);
        replaces.set(idx, render(w, cells[idx]!.xml));
      } else {
        const at = idx < 0 ? cells.length : idx;
        inserts.set(at, [...(inserts.get(at) ?? []), render(w, undefined)]);
      }
    }
    // widen spans="a:b" when a cell lands outside it
    const spans = parseAttrs(tag).get('spans');
    if (spans && /^\d+:\d+$/.test(spans)) {
      const [a, b] = spans.split(':').map(Number) as [number, number];
      const lo = Math.min(a, ...sorted.map((w) => w.col));
      const hi = Math.max(b, ...sorted.map((w) => w.col));
      if (lo !== a || hi !== b) tag = setAttr(tag, 'spans', `${lo}:${hi}`);
    }
    if (selfClosing) {
      return `${tag.slice(0, -2).trimEnd()}>${(inserts.get(0) ?? []).join('')}</${p}row>`;
    }
    let out = tag;
    let pos = rowXml.indexOf('>') + 1;
    cells.forEach((c, i) => {
      out += rowXml.slice(pos, c.start);
      out += (inserts.get(i) ?? []).join('');
      out += replaces.get(i) ?? c.xml;
      pos = c.end;
    });
    const closeAt = rowXml.lastIndexOf(`</${p}row>`);
    out += rowXml.slice(pos, closeAt) + (inserts.get(cells.length) ?? []).join('') + rowXml.slice(closeAt);
    return out;
  };

  let newBody = '';
  let pos = 0;
  const targetRows = [...byRow.keys()].sort((a, b) => a - b);
  let t = 0;
  for (const r of rows) {
    while (t < targetRows.length && targetRows[t]! < r.row) {
      const row = targetRows[t++]!;
      newBody += body.slice(pos, r.start);
      pos = r.start;
      newBody += patchRow(`<${p}row r="${row}"/>`, row, byRow.get(row)!);
    }
    newBody += body.slice(pos, r.start);
    if (t < targetRows.length && targetRows[t] === r.row) {
      newBody += patchRow(body.slice(r.start, r.end), r.row, byRow.get(r.row)!);
      t++;
    } else newBody += body.slice(r.start, r.end);
    pos = r.end;
  }
  newBody += body.slice(pos);
  while (t < targetRows.length) {
    const row = targetRows[t++]!;
    newBody += patchRow(`<${p}row r="${row}"/>`, row, byRow.get(row)!);
  }

  let sheetData = `${open}${newBody}</${p}sheetData>`;
  const alsoChanged: string[] = [];
  if (replacedMasters.length) sheetData = detachSharedDependents(sheetData, p, replacedMasters, written, alsoChanged);
  return { xml: xml.slice(0, sd.start) + sheetData + xml.slice(sd.end), alsoChanged };
}

/**
 * A replaced cell was the master of a shared formula: its dependents that stay would lose their formula.
 * Each such dependent gets its own formula (the master's, moved to it), as Excel computes it.
 */
function detachSharedDependents(
  sheetData: string,
  p: string,
  masters: readonly SharedMaster[],
  written: ReadonlySet<string>,
  alsoChanged: string[],
): string {
  const bySi = new Map(masters.map((m) => [m.si, m]));
  const rows = scanRows(sheetData.slice(sheetData.indexOf('>') + 1), p);
  const offset = sheetData.indexOf('>') + 1;
  let out = '';
  let pos = 0;
  for (const r of rows) {
    const rowXml = sheetData.slice(offset + r.start, offset + r.end);
    const cells = scanCells(rowXml, p, r.row);
    let newRow = '';
    let rp = 0;
    for (const c of cells) {
      let x = c.xml;
      if (!written.has(`${r.row},${c.col}`)) {
        x = x.replace(new RegExp(`<${esc(p)}f(?=\\s)([^>]*?)(/>|>([\\s\\S]*?)</${esc(p)}f>)`), (f, attrs: string, _rest: string, inner?: string) => {
          const a = parseAttrs(`<f${attrs}>`);
          const m = a.get('t') === 'shared' ? bySi.get(a.get('si') ?? '') : undefined;
          if (!m || (inner && a.get('ref'))) return f;
          alsoChanged.push(`${columnLetters(c.col)}${r.row}`);
          const moved = shiftFormula(m.formula, r.row - m.row, c.col - m.col);
          return `<${p}f>${moved.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</${p}f>`;
        });
      }
      newRow += rowXml.slice(rp, c.start) + x;
      rp = c.end;
    }
    newRow += rowXml.slice(rp);
    out += sheetData.slice(pos, offset + r.start) + newRow;
    pos = offset + r.end;
  }
  return out + sheetData.slice(pos);
}
