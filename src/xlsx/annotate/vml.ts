/**
 * The legacy VML drawing that makes Excel and WPS show a comment (批注) as a note: one `v:shape` of type
 * `#_x0000_t202` per commented cell, anchored to it (ECMA-376 Part 4, 19.1 and 14.2.2; the `x:ClientData` of
 * ObjectType `Note` with its zero-based `x:Row` and `x:Column`). A part that already exists gets shapes appended,
 * with the prefixes it binds; nothing in it is rewritten.
 */
import { escapeAttr } from '../xml';

export const VML_NS = { v: 'urn:schemas-microsoft-com:vml', o: 'urn:schemas-microsoft-com:office:office', x: 'urn:schemas-microsoft-com:office:excel' } as const;
export const VML_CT = 'application/vnd.openxmlformats-officedocument.vmlDrawing';

/** A zero-based row/column pair, as `x:Row` and `x:Column` hold it. */
export interface NoteCell {
  readonly row: number;
  readonly col: number;
}

const SHAPETYPE_ID = '_x0000_t202';

function shapetype(v: string, o: string): string {
  return (
    `<${v}:shapetype id="${SHAPETYPE_ID}" coordsize="21600,21600" ${o}:spt="202" path="m,l,21600r21600,l21600,xe">` +
    `<${v}:stroke joinstyle="miter"/><${v}:path gradientshapeok="t" ${o}:connecttype="rect"/></${v}:shapetype>`
  );
}

function shape(p: { v: string; o: string; x: string }, id: number, cell: NoteCell, z: number): string {
  const { v, o, x } = p;
  // Anchor: left column, dx, top row, dy, right column, dx, bottom row, dy — a box to the right of the cell.
  const anchor = [cell.col + 1, 15, Math.max(cell.row - 1, 0), 10, cell.col + 4, 15, cell.row + 4, 4].join(', ');
  return (
    `<${v}:shape id="_x0000_s${id}" type="#${SHAPETYPE_ID}" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:72pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" ${o}:insetmode="auto">` +
    `<${v}:fill color2="#ffffe1"/><${v}:shadow on="t" color="black" obscured="t"/><${v}:path ${o}:connecttype="none"/>` +
    `<${v}:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></${v}:textbox>` +
    `<${x}:ClientData ObjectType="Note"><${x}:MoveWithCells/><${x}:SizeWithCells/><${x}:Anchor>${anchor}</${x}:Anchor>` +
    `<${x}:AutoFill>False</${x}:AutoFill><${x}:Row>${cell.row}</${x}:Row><${x}:Column>${cell.col}</${x}:Column></${x}:ClientData></${v}:shape>`
  );
}

/** The `o:idmap` blocks a VML part claims (each block is 1024 shape ids). */
export function idmapBlocks(vml: string): number[] {
  const out: number[] = [];
  for (const m of vml.matchAll(/<[\w.-]+:idmap\b[^>]*\bdata\s*=\s*"([^"]*)"/g)) {
    for (const d of m[1]!.split(/[\s,]+/)) if (/^\d+$/.test(d)) out.push(Number(d));
  }
  return out;
}

/** The cells a VML part already shows notes for. */
export function noteCells(vml: string): NoteCell[] {
  const out: NoteCell[] = [];
  for (const m of vml.matchAll(/<([\w.-]+:)?ClientData\b[^>]*ObjectType\s*=\s*"Note"[^>]*>([\s\S]*?)<\/\1?ClientData>/g)) {
    const row = /<(?:[\w.-]+:)?Row>\s*(\d+)\s*</.exec(m[2]!);
    const col = /<(?:[\w.-]+:)?Column>\s*(\d+)\s*</.exec(m[2]!);
    if (row && col) out.push({ row: Number(row[1]), col: Number(col[1]) });
  }
  return out;
}

/** A new VML part with one note shape per cell, in idmap block `block`. */
export function newVml(cells: readonly NoteCell[], block: number): string {
  const p = { v: 'v', o: 'o', x: 'x' };
  const shapes = cells.map((c, i) => shape(p, block * 1024 + 1 + i, c, i + 1)).join('');
  return (
    `<xml xmlns:v="${VML_NS.v}" xmlns:o="${VML_NS.o}" xmlns:x="${VML_NS.x}">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${escapeAttr(String(block))}"/></o:shapelayout>` +
    `${shapetype('v', 'o')}${shapes}</xml>`
  );
}

/**
 * Appends note shapes for `cells` to an existing VML part (and the 202 shapetype when it has none). Writers bind VML
 * prefixes anywhere (openpyxl rebinds ns0, ns1 … on every element), so each appended element declares its own.
 */
export function appendNotes(vml: string, cells: readonly NoteCell[]): string {
  if (cells.length === 0) return vml;
  const close = vml.lastIndexOf('</xml>');
  if (close < 0) throw new Error('the VML drawing has no </xml>');
  const local = `xmlns:v="${VML_NS.v}" xmlns:o="${VML_NS.o}" xmlns:x="${VML_NS.x}"`;
  const declare = (el: string): string => el.replace(/^<v:(shape|shapetype) /, `<v:$1 ${local} `);
  const p = { v: 'v', o: 'o', x: 'x' };
  const ids = [...vml.matchAll(/\bid\s*=\s*"_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
  const first = Math.max(idmapBlocks(vml)[0] ?? 1, 1) * 1024;
  let next = Math.max(first, ...ids) + 1;
  let z = Math.max(0, ...[...vml.matchAll(/z-index:\s*(\d+)/g)].map((m) => Number(m[1]))) + 1;
  const hasType = new RegExp(`<(?:[\\w.-]+:)?shapetype\\b[^>]*\\bid\\s*=\\s*"${SHAPETYPE_ID}"`).test(vml);
  const added = (hasType ? '' : declare(shapetype('v', 'o'))) + cells.map((c) => declare(shape(p, next++, c, z++))).join('');
  return `${vml.slice(0, close)}${added}${vml.slice(close)}`;
}

/** Removes the note shapes of `cells` (an earlier annotation's, being replaced); other shapes stay as they were. */
export function dropNotes(vml: string, cells: readonly NoteCell[]): string {
  if (cells.length === 0) return vml;
  const gone = new Set(cells.map((c) => `${c.row},${c.col}`));
  return vml.replace(/<([\w.-]+:)shape(?=[\s>])[\s\S]*?<\/\1shape>/g, (shape) => {
    const note = noteCells(shape)[0];
    return note && gone.has(`${note.row},${note.col}`) ? '' : shape;
  });
}
