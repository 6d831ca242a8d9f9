/** The `<c>` element for one written cell, as Excel and LibreOffice both read it. */
import { columnLetters } from '../engine/address';
import type { CellValue } from '../engine/cell';
import { escapeText } from './xml';

/** Functions added after Excel 2007 are stored with the `_xlfn.` prefix in the file format. */
const XLFN = ['IFS', 'SWITCH', 'MAXIFS', 'MINIFS', 'CONCAT', 'TEXTJOIN', 'XLOOKUP', 'XMATCH', 'IFNA', 'FILTER', 'SORT', 'UNIQUE'];
const XLFN_RE = new RegExp(`(?<![\\w.])(${XLFN.join('|')})(?=\\()`, 'gi');

/** A formula as stored in <f>: no leading '=', newer functions prefixed; string literals untouched. */
export function storedFormula(formula: string): string {
  const f = formula.startsWith('=') ? formula.slice(1) : formula;
  return mapOutsideStrings(f, (s) => s.replace(XLFN_RE, (n) => `_xlfn.${n.toUpperCase()}`));
}

/** Applies `fn` to the parts of a formula outside "string literals" and 'quoted sheet names'. */
export function mapOutsideStrings(f: string, fn: (s: string) => string): string {
  if (!/["']/.test(f)) return fn(f);
  const quote = /["']/g;
  let out = '';
  let i = 0;
  while (i < f.length) {
    quote.lastIndex = i;
    const m = quote.exec(f);
    if (!m) {
      out += fn(f.slice(i));
      break;
    }
    out += fn(f.slice(i, m.index));
    const q = m[0];
    let j = m.index + 1;
    for (;;) {
      const k = f.indexOf(q, j);
      if (k < 0) {
        j = f.length;
        break;
      }
      if (f[k + 1] === q) j = k + 2;
      else {
        j = k;
        break;
      }
    }
    out += f.slice(m.index, j + 1);
    i = j + 1;
  }
  return out;
}

/**
 * Moves the relative references of a formula by (dr, dc), as Excel does when a shared formula applies to
 * another cell. `$`-anchored parts stay.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return mapOutsideStrings(formula, (s) =>
    s.replace(
      /(^|[^A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(.!])/g,
      (m, pre: string, cAbs: string, letters: string, rAbs: string, digits: string) => {
        let col = 0;
        for (const ch of letters.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
        if (col > 16384) return m;
        const newCol = cAbs ? col : col + dc;
        const newRow = rAbs ? Number(digits) : Number(digits) + dr;
        if (newCol < 1 || newRow < 1) return `${pre}#REF!`;
        return `${pre}${cAbs}${cAbs ? letters : columnLetters(newCol)}${rAbs}${newRow}`;
      },
    ),
  );
}

/** Excel holds at most 32,767 characters in a cell: longer text is cut there (never inside a surrogate pair). */
export const MAX_CELL_TEXT = 32_767;
export function cellText(s: string): string {
  if (s.length <= MAX_CELL_TEXT) return s;
  const cut = /[\uD800-\uDBFF]/.test(s[MAX_CELL_TEXT - 1]!) ? MAX_CELL_TEXT - 1 : MAX_CELL_TEXT;
  return s.slice(0, cut);
}

function numText(n: number): string {
  return String(n);
}

/** `<v>` content and `t` attribute for a cached formula result. */
function cached(v: CellValue): { t?: string; v: string } {
  switch (v.kind) {
    case 'number':
      return Number.isFinite(v.value) ? { v: `<v>${numText(v.value)}</v>` } : { t: 'e', v: '<v>#NUM!</v>' };
    case 'date':
      return { v: `<v>${numText(v.serial)}</v>` };
    case 'text':
      return { t: 'str', v: `<v>${escapeText(cellText(v.value))}</v>` };
    case 'boolean':
      return { t: 'b', v: `<v>${v.value ? 1 : 0}</v>` };
    case 'error':
      return { t: 'e', v: `<v>${escapeText(v.code)}</v>` };
    case 'blank':
      return { t: 'str', v: '<v></v>' };
  }
}

export interface CellXmlOptions {
  /** Element prefix of the sheet ('' or 'x:'). */
  readonly prefix?: string;
  /** Style index, or undefined for none. */
  readonly s?: number;
  /** Write formulas without their cached result (tests that must prove a recalculation). */
  readonly noCachedValues?: boolean;
}

export function cellXml(row: number, col: number, value: CellValue, formula: string | undefined, o: CellXmlOptions = {}): string {
  const p = o.prefix ?? '';
  const r = `${columnLetters(col)}${row}`;
  const s = o.s !== undefined && o.s !== 0 ? ` s="${o.s}"` : '';
  if (formula !== undefined && formula !== '') {
    const f = `<${p}f>${escapeText(storedFormula(formula))}</${p}f>`;
    if (o.noCachedValues) return `<${p}c r="${r}"${s}>${f}</${p}c>`;
    const c = cached(value);
    const v = c.v.replace(/<(\/?)v>/g, `<$1${p}v>`);
    return `<${p}c r="${r}"${s}${c.t ? ` t="${c.t}"` : ''}>${f}${v}</${p}c>`;
  }
  switch (value.kind) {
    case 'blank':
      return `<${p}c r="${r}"${s}/>`;
    case 'number':
      if (!Number.isFinite(value.value)) return `<${p}c r="${r}"${s} t="e"><${p}v>#NUM!</${p}v></${p}c>`;
      return `<${p}c r="${r}"${s}><${p}v>${numText(value.value)}</${p}v></${p}c>`;
    case 'date':
      return `<${p}c r="${r}"${s}><${p}v>${numText(value.serial)}</${p}v></${p}c>`;
    case 'boolean':
      return `<${p}c r="${r}"${s} t="b"><${p}v>${value.value ? 1 : 0}</${p}v></${p}c>`;
    case 'error':
      return `<${p}c r="${r}"${s} t="e"><${p}v>${escapeText(value.code)}</${p}v></${p}c>`;
    case 'text': {
      const t = escapeText(cellText(value.value));
      const space = /^\s|\s$|\n/.test(value.value) ? ' xml:space="preserve"' : '';
      return `<${p}c r="${r}"${s} t="inlineStr"><${p}is><${p}t${space}>${t}</${p}t></${p}is></${p}c>`;
    }
  }
}
