/**
 * Append-only editing of xl/styles.xml: new number formats, fonts and cell formats (xf) are added at the end;
 * existing entries are never renumbered or changed, so every `s` index in the workbook keeps its meaning.
 */
import { xlsxError } from './errors';
import { MAIN_NAMESPACES, TRANSITIONAL } from './flavour';
import { applyEdits, scanXml, type Edit, type XmlElement } from './tokens';
import { decodeXml, escapeAttr, parseAttrs, setAttr } from './xml';

/** Excel's built-in number formats (ECMA-376 §18.8.30) that a writer may refer to by id. */
export const BUILTIN_NUMFMTS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

export const MINIMAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${TRANSITIONAL.main}"><fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

/** The minimal styles part in a namespace (Strict packages get Strict's). */
export function minimalStyles(main: string): string {
  return MINIMAL_STYLES.replace(TRANSITIONAL.main, main);
}

interface Block {
  /** The container element (`<fonts>` …), when the part has one. */
  readonly container: XmlElement | undefined;
  /** The child elements as written, in order. */
  readonly items: string[];
  readonly added: string[];
}

/** An element with its start tag's attributes sorted, so equal entries compare equal however they were written. */
function canonical(el: string): string {
  const end = el.indexOf('>') + 1;
  const attrs = [...parseAttrs(el.slice(0, end)).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const inner = el.endsWith('/>') && end === el.length ? '' : el.slice(end).replace(/<\/[^>]+>$/, '');
  return `${JSON.stringify(attrs)}${inner.replace(/\s+/g, '')}`;
}

/** setAttr on an element's start tag only: a cell format may hold children (`<xf …><alignment …/></xf>`). */
function setStartAttr(el: string, name: string, value: string): string {
  const end = el.indexOf('>') + 1;
  return `${setAttr(el.slice(0, end), name, value)}${el.slice(end)}`;
}

export interface StyleRequest {
  readonly numberFormat?: string;
  readonly bold?: boolean;
}

/**
 * The part's elements as an XML parser sees them (comments and CDATA are no elements); each edit writes its
 * elements under the prefix bound to the part's namespace where it lands.
 */
export class StyleBook {
  private readonly uri: string;
  private readonly root: XmlElement;
  private readonly numFmtsEl: XmlElement | undefined;
  private readonly numFmtCount: number;
  private readonly numFmts = new Map<string, number>();
  private readonly addedNumFmts: { id: number; code: string }[] = [];
  private readonly fonts: Block;
  private readonly boldFonts = new Set<number>();
  private readonly xfs: Block;
  private readonly cache = new Map<string, number>();
  private readonly boldFontOf = new Map<number, number>();

  constructor(
    private readonly xml: string,
    part = 'xl/styles.xml',
  ) {
    const els = scanXml(xml, part);
    const root = els[0];
    if (!root || root.local !== 'styleSheet' || !MAIN_NAMESPACES.includes(root.uri)) throw xlsxError('bad-xml', `${part}: the root element is not a styleSheet`);
    this.root = root;
    this.uri = root.uri;
    for (const [id, code] of Object.entries(BUILTIN_NUMFMTS)) if (!this.numFmts.has(code)) this.numFmts.set(code, Number(id));
    const child = (parent: XmlElement | undefined, local: string): XmlElement[] => {
      if (!parent) return [];
      const pi = els.indexOf(parent);
      return els.filter((e) => e.parent === pi && e.local === local && e.uri === this.uri);
    };
    this.numFmtsEl = child(root, 'numFmts')[0];
    const nfs = child(this.numFmtsEl, 'numFmt');
    this.numFmtCount = nfs.length;
    for (const el of nfs) {
      const code = el.attrs.get('formatCode');
      if (code !== undefined) this.numFmts.set(code, Number(el.attrs.get('numFmtId')));
    }
    const fontsEl = child(root, 'fonts')[0];
    const fontEls = child(fontsEl, 'font');
    fontEls.forEach((font, i) => {
      const b = child(font, 'b')[0];
      if (b && !['0', 'false'].includes(b.attrs.get('val') ?? '1')) this.boldFonts.add(i);
    });
    this.fonts = { container: fontsEl, items: fontEls.map((e) => xml.slice(e.start, e.end)), added: [] };
    const xfsEl = child(root, 'cellXfs')[0];
    this.xfs = { container: xfsEl, items: child(xfsEl, 'xf').map((e) => xml.slice(e.start, e.end)), added: [] };
  }

  /** The prefix, with its colon, bound to the part's namespace inside `el`. */
  private prefixIn(el: XmlElement): string {
    const p = el.scope.prefixFor(this.uri);
    if (p === undefined) throw new Error('styles.xml: no prefix bound to its namespace');
    return p ? `${p}:` : '';
  }

  get changed(): boolean {
    return this.addedNumFmts.length + this.fonts.added.length + this.xfs.added.length > 0;
  }

  /** The number format code of a cell format, or undefined. */
  formatOf(xfIndex: number): string | undefined {
    const xf = this.xfs.items[xfIndex] ?? this.xfs.added[xfIndex - this.xfs.items.length];
    if (!xf) return undefined;
    const id = Number(parseAttrs(xf.slice(0, xf.indexOf('>') + 1)).get('numFmtId') ?? 0);
    for (const [code, i] of this.numFmts) if (i === id) return code;
    return undefined;
  }

  numFmtId(code: string): number {
    const known = this.numFmts.get(code);
    if (known !== undefined) return known;
    let id = 164;
    for (const v of this.numFmts.values()) if (v >= id) id = v + 1;
    this.numFmts.set(code, id);
    this.addedNumFmts.push({ id, code });
    return id;
  }

  private boldFont(fontId: number): number {
    const have = this.boldFontOf.get(fontId);
    if (have !== undefined) return have;
    if (this.boldFonts.has(fontId)) {
      this.boldFontOf.set(fontId, fontId);
      return fontId;
    }
    const all = [...this.fonts.items, ...this.fonts.added];
    const p = this.fonts.container ? this.prefixIn(this.fonts.container) : '';
    const base = all[fontId] ?? all[0] ?? `<${p}font/>`;
    const b = `<${p}b/>`;
    const startEnd = base.indexOf('>') + 1;
    const bold = base.endsWith('/>') && startEnd === base.length
      ? `${base.slice(0, -2).trimEnd()}>${b}</${base.slice(1, base.search(/[\s/>]/))}>`
      : `${base.slice(0, startEnd)}${b}${base.slice(startEnd)}`;
    const same = all.findIndex((f) => canonical(f) === canonical(bold));
    if (same >= 0) {
      this.boldFontOf.set(fontId, same);
      return same;
    }
    const id = all.length;
    this.fonts.added.push(bold);
    this.boldFonts.add(id);
    this.boldFontOf.set(fontId, id);
    return id;
  }

  /**
   * The index of a cell format like `baseXf` but with the requested number format and/or bold font.
   * Returns `baseXf` itself when it already has them; otherwise appends one xf (cached per request).
   */
  xfFor(baseXf: number, req: StyleRequest): number {
    const key = `${baseXf}|${req.numberFormat ?? ''}|${req.bold ? 1 : 0}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const all = [...this.xfs.items, ...this.xfs.added];
    const p = this.xfs.container ? this.prefixIn(this.xfs.container) : '';
    let xf = all[baseXf] ?? all[0] ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const attrs = parseAttrs(xf.slice(0, xf.indexOf('>') + 1));
    let changed = false;
    if (req.numberFormat !== undefined) {
      const id = this.numFmtId(req.numberFormat);
      if (Number(attrs.get('numFmtId') ?? 0) !== id) {
        xf = setStartAttr(setStartAttr(xf, 'numFmtId', String(id)), 'applyNumberFormat', '1');
        changed = true;
      }
    }
    if (req.bold) {
      const fontId = Number(attrs.get('fontId') ?? 0);
      const bold = this.boldFont(fontId);
      if (bold !== fontId) {
        xf = setStartAttr(setStartAttr(xf, 'fontId', String(bold)), 'applyFont', '1');
        changed = true;
      }
    }
    let index = baseXf;
    if (changed) {
      const same = all.findIndex((x) => canonical(x) === canonical(xf));
      if (same >= 0) index = same;
      else {
        index = all.length;
        this.xfs.added.push(xf);
      }
    }
    this.cache.set(key, index);
    return index;
  }

  /** styles.xml with the appended entries; the original text when nothing was added. */
  toXml(): string {
    if (!this.changed) return this.xml;
    const edits: Edit[] = [];
    this.appendTo(edits, 'cellXfs', this.xfs);
    this.appendTo(edits, 'fonts', this.fonts);
    if (this.addedNumFmts.length) {
      const nf = this.numFmtsEl;
      const p = this.prefixIn(nf ?? this.root);
      const els = this.addedNumFmts.map(({ id, code }) => `<${p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`).join('');
      if (nf) {
        const count = this.numFmtCount + this.addedNumFmts.length;
        this.grow(edits, nf, els, count);
      } else {
        edits.push({ start: this.root.tagEnd, end: this.root.tagEnd, text: `<${p}numFmts count="${this.addedNumFmts.length}">${els}</${p}numFmts>` });
      }
    }
    return applyEdits(this.xml, edits);
  }

  /** Appends `children` at the end of `el` and sets its count. */
  private grow(edits: Edit[], el: XmlElement, children: string, count: number): void {
    const tag = setAttr(this.xml.slice(el.start, el.tagEnd), 'count', String(count));
    if (el.selfClosing) edits.push({ start: el.start, end: el.end, text: `${tag.slice(0, -2).trimEnd()}>${children}</${el.qname}>` });
    else {
      edits.push({ start: el.start, end: el.tagEnd, text: tag });
      edits.push({ start: el.closeStart, end: el.closeStart, text: children });
    }
  }

  private appendTo(edits: Edit[], container: string, block: Block): void {
    if (!block.added.length) return;
    if (!block.container) throw xlsxError('bad-xml', `styles.xml has no <${container}>`);
    this.grow(edits, block.container, block.added.join(''), block.items.length + block.added.length);
  }
}

export { decodeXml };
