/**
 * XML as an XML parser sees it, with offsets: every element's span in the part's text, its resolved namespace and
 * the bindings in scope. The patcher edits by these spans, so comments, CDATA, processing instructions and odd
 * spacing are what XML says they are (a `<sheetData/>` inside a comment is no element), and every edit knows which
 * prefixes are bound where it lands.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { xlsxError } from './errors';

/** Namespace bindings in scope: each element's own declarations over its parent's. */
export class NsScope {
  constructor(
    private readonly decl: Readonly<Record<string, string>>,
    readonly parent: NsScope | null,
  ) {}

  /** The URI a prefix ('' = the default namespace) is bound to here, or undefined. */
  resolve(prefix: string): string | undefined {
    for (let s: NsScope | null = this; s; s = s.parent) if (Object.prototype.hasOwnProperty.call(s.decl, prefix)) return s.decl[prefix];
    if (prefix === 'xml') return 'http://www.w3.org/XML/1998/namespace';
    return undefined;
  }

  /**
   * A prefix bound to `uri` here ('' for the default namespace; checked against shadowing nearer in), or undefined.
   * `elements`: the default namespace counts (it does not apply to attributes).
   */
  prefixFor(uri: string, elements = true): string | undefined {
    for (let s: NsScope | null = this; s; s = s.parent) {
      for (const [p, u] of Object.entries(s.decl)) {
        if (u !== uri || (p === '' && !elements)) continue;
        if (this.resolve(p) === uri) return p;
      }
    }
    return undefined;
  }
}

export interface XmlElement {
  /** The name as written (`x:row`), its prefix ('' when none), local name and resolved namespace URI. */
  readonly qname: string;
  readonly prefix: string;
  readonly local: string;
  readonly uri: string;
  /** Attributes by the name as written, values decoded. */
  readonly attrs: ReadonlyMap<string, string>;
  /** Resolved attributes: `{uri}local` for namespaced ones, `local` for the rest. */
  readonly attrsNs: ReadonlyMap<string, string>;
  readonly scope: NsScope;
  readonly depth: number;
  /** `<` of the start tag; just after its `>`. */
  readonly start: number;
  readonly tagEnd: number;
  readonly selfClosing: boolean;
  /** `<` of the end tag (= tagEnd when self-closing) and just after the element. Set when the element closes. */
  closeStart: number;
  end: number;
  /** Index of the parent element in a scan, -1 for the root. */
  readonly parent: number;
}

export interface XmlVisitor {
  open?(el: XmlElement, index: number): void;
  close?(el: XmlElement, index: number): void;
  /** Character data (text and CDATA, decoded) directly inside the element `index`. */
  text?(text: string, index: number): void;
}

const fileNs = (uri: string | undefined): string => uri ?? '';
const NO_ATTRS: ReadonlyMap<string, string> = new Map();

/**
 * Walks the part's elements in document order. Throws XlsxError('bad-xml') naming the part when the text is not
 * well-formed, namespace-well-formed XML. Elements are numbered in opening order.
 */
export function walkXml(xml: string, part: string, visitor: XmlVisitor): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: { el: XmlElement; index: number }[] = [];
  let count = 0;
  let pendingStart = -1;
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentagstart', () => {
    pendingStart = xml.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (failure) return;
    const parent = stack[stack.length - 1];
    // Most elements (a million empty rows …) have no attributes and declare nothing: they share what they can.
    let attrs: ReadonlyMap<string, string> = NO_ATTRS;
    let attrsNs: ReadonlyMap<string, string> = NO_ATTRS;
    const list = Object.values(tag.attributes);
    if (list.length > 0) {
      const a1 = new Map<string, string>();
      const a2 = new Map<string, string>();
      for (const a of list) {
        a1.set(a.name, a.value);
        a2.set(a.uri && a.prefix !== 'xmlns' && a.name !== 'xmlns' ? `{${a.uri}}${a.local}` : a.local, a.value);
      }
      attrs = a1;
      attrsNs = a2;
    }
    const parentScope = parent?.el.scope ?? null;
    let declares = false;
    for (const k in tag.ns) if (Object.prototype.hasOwnProperty.call(tag.ns, k)) declares = true;
    const scope = declares || !parentScope ? new NsScope(tag.ns, parentScope) : parentScope;
    const el: XmlElement = {
      qname: tag.name,
      prefix: tag.prefix,
      local: tag.local,
      uri: fileNs(tag.uri),
      attrs,
      attrsNs,
      scope,
      depth: stack.length,
      start: pendingStart,
      tagEnd: parser.position,
      selfClosing: tag.isSelfClosing,
      closeStart: parser.position,
      end: parser.position,
      parent: parent?.index ?? -1,
    };
    const index = count++;
    stack.push({ el, index });
    visitor.open?.(el, index);
  });
  parser.on('closetag', () => {
    if (failure) return;
    const top = stack.pop();
    if (!top) return;
    top.el.end = parser.position;
    top.el.closeStart = top.el.selfClosing ? top.el.tagEnd : xml.lastIndexOf('<', parser.position - 1);
    visitor.close?.(top.el, top.index);
  });
  if (visitor.text) {
    const onText = (t: string): void => {
      const top = stack[stack.length - 1];
      if (top && !failure) visitor.text!(t, top.index);
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  try {
    parser.write(xml).close();
  } catch (e) {
    failure ??= e as Error;
  }
  if (failure) throw xlsxError('bad-xml', `${part}: ${firstLine(failure.message)}`);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 200);
}

/** Every element of a (small) part, in document order. */
export function scanXml(xml: string, part: string): XmlElement[] {
  const out: XmlElement[] = [];
  walkXml(xml, part, { open: (el) => out.push(el) });
  return out;
}

/** One text replacement on a part: [start, end) becomes `text`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies non-overlapping edits (insertions are start = end); edits at the same offset keep their given order. */
export function applyEdits(xml: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return xml;
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  const out: string[] = [];
  let pos = 0;
  for (const { e } of sorted) {
    if (e.start < pos) throw new Error('applyEdits: overlapping edits');
    out.push(xml.slice(pos, e.start), e.text);
    pos = e.end;
  }
  out.push(xml.slice(pos));
  return out.join('');
}

/** `<x:a b="1">` with one attribute set (or added), the rest of the tag as it was. */
export function withAttr(tag: string, name: string, value: string, escape: (s: string) => string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, (_m, pre: string) => `${pre}"${escape(value)}"`);
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}="${escape(value)}"${tag.slice(close)}`;
}
