/**
 * Append-only editing of xl/styles.xml: new number formats, fonts and cell formats (xf) are added at the end;
 * existing entries are never renumbered or changed, so every `s` index in the workbook keeps its meaning.
 */
import { decodeXml, escapeAttr, findElement, parseAttrs, rootPrefix, setAttr } from './xml';

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
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

interface Block {
  /** The child elements as written, in order. */
  readonly items: string[];
  readonly added: string[];
}

const childRe = (p: string, name: string): RegExp =>
  new RegExp(`<${p}${name}(?=[\\s/>])(?:[^>]*?/>|[^>]*?>[\\s\\S]*?</${p}${name}>)`, 'g');

/**
 * setAttr on an element's start tag only: a cell format may hold children (`<xf …><alignment …/></xf>`, as Excel and
 * LibreOffice write centred cells), and a new attribute must not land in its closing tag.
 */
function setStartAttr(el: string, name: string, value: string): string {
  const end = el.indexOf('>') + 1;
  return `${setAttr(el.slice(0, end), name, value)}${el.slice(end)}`;
}

/** An element with its start tag's attributes sorted, so equal entries compare equal however they were written. */
function canonical(el: string): string {
  const end = el.indexOf('>') + 1;
  const attrs = [...parseAttrs(el.slice(0, end)).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const inner = el.endsWith('/>') && end === el.length ? '' : el.slice(end).replace(/<\/[^>]+>$/, '');
  return `${JSON.stringify(attrs)}${inner.replace(/\s+/g, '')}`;
}

export interface StyleRequest {
  readonly numberFormat?: string;
  readonly bold?: boolean;
}

export class StyleBook {
  private readonly p: string;
  private readonly numFmts = new Map<string, number>();
  private readonly addedNumFmts: { id: number; code: string }[] = [];
  private readonly fonts: Block;
  private readonly xfs: Block;
  private readonly cache = new Map<string, number>();
  private readonly boldFontOf = new Map<number, number>();

  constructor(private readonly xml: string) {
    this.p = rootPrefix(xml, 'styleSheet');
    for (const [id, code] of Object.entries(BUILTIN_NUMFMTS)) if (!this.numFmts.has(code)) this.numFmts.set(code, Number(id));
    const nf = findElement(xml, `${this.p}numFmts`);
    if (nf) {
      for (const el of xml.slice(nf.start, nf.end).match(childRe(this.p, 'numFmt')) ?? []) {
        const a = parseAttrs(el);
        const code = a.get('formatCode');
        if (code !== undefined) this.numFmts.set(code, Number(a.get('numFmtId')));
      }
    }
    this.fonts = this.block('fonts', 'font');
    this.xfs = this.block('cellXfs', 'xf');
  }

  private block(container: string, child: string): Block {
    const el = findElement(this.xml, `${this.p}${container}`);
    const items = el ? (this.xml.slice(el.tagEnd, el.end).match(childRe(this.p, child)) ?? []) : [];
    return { items, added: [] };
  }

  get changed(): boolean {
    return this.addedNumFmts.length + this.fonts.added.length + this.xfs.added.length > 0;
  }

  /** The number format code of a cell format, or undefined. */
  formatOf(xfIndex: number): string | undefined {
    const xf = this.xfs.items[xfIndex] ?? this.xfs.added[xfIndex - this.xfs.items.length];
    if (!xf) return undefined;
    const id = Number(parseAttrs(xf).get('numFmtId') ?? 0);
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
    const all = [...this.fonts.items, ...this.fonts.added];
    const base = all[fontId] ?? all[0] ?? `<${this.p}font/>`;
    if (/<(?:[\w.-]+:)?b(?:\s[^>]*)?\/>/.test(base) && !/<(?:[\w.-]+:)?b\s+val="(0|false)"/.test(base)) {
      this.boldFontOf.set(fontId, fontId);
      return fontId;
    }
    const b = `<${this.p}b/>`;
    const bold = base.endsWith('/>')
      ? `${base.slice(0, -2)}>${b}</${this.p}font>`
      : base.replace(/^(<[^>]*>)/, `$1${b}`);
    const same = all.findIndex((f) => canonical(f) === canonical(bold));
    if (same >= 0) {
      this.boldFontOf.set(fontId, same);
      return same;
    }
    const id = all.length;
    this.fonts.added.push(bold);
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
    let xf = all[baseXf] ?? all[0] ?? `<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const attrs = parseAttrs(xf);
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
    let xml = this.xml;
    xml = this.appendTo(xml, 'cellXfs', this.xfs);
    xml = this.appendTo(xml, 'fonts', this.fonts);
    if (this.addedNumFmts.length) {
      const els = this.addedNumFmts
        .map(({ id, code }) => `<${this.p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`)
        .join('');
      const nf = findElement(xml, `${this.p}numFmts`);
      if (nf) {
        const count = (xml.slice(nf.start, nf.end).match(childRe(this.p, 'numFmt')) ?? []).length + this.addedNumFmts.length;
        const tag = setAttr(xml.slice(nf.start, nf.tagEnd), 'count', String(count));
        xml = nf.selfClosing
          ? `${xml.slice(0, nf.start)}${tag.slice(0, -2)}>${els}</${this.p}numFmts>${xml.slice(nf.end)}`
          : `${xml.slice(0, nf.start)}${tag}${xml.slice(nf.tagEnd, nf.end - `</${this.p}numFmts>`.length)}${els}</${this.p}numFmts>${xml.slice(nf.end)}`;
      } else {
        const root = findElement(xml, `${this.p}styleSheet`)!;
        xml = `${xml.slice(0, root.tagEnd)}<${this.p}numFmts count="${this.addedNumFmts.length}">${els}</${this.p}numFmts>${xml.slice(root.tagEnd)}`;
      }
    }
    return xml;
  }

  private appendTo(xml: string, container: string, block: Block): string {
    if (!block.added.length) return xml;
    const el = findElement(xml, `${this.p}${container}`);
    if (!el) throw new Error(`styles.xml has no <${container}>`);
    const tag = setAttr(xml.slice(el.start, el.tagEnd), 'count', String(block.items.length + block.added.length));
    const close = `</${this.p}${container}>`;
    if (el.selfClosing) return `${xml.slice(0, el.start)}${tag.slice(0, -2)}>${block.added.join('')}${close}${xml.slice(el.end)}`;
    return `${xml.slice(0, el.start)}${tag}${xml.slice(el.tagEnd, el.end - close.length)}${block.added.join('')}${close}${xml.slice(el.end)}`;
  }
}

export { decodeXml };
