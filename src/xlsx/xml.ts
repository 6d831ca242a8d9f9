/** Small, exact string helpers for editing OOXML surgically (no DOM: the bytes we do not touch stay as they were). */

// Characters XML 1.0 forbids; Excel refuses a part holding them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/** Attributes of one start tag (`<c r="A1" s="2">` → {r:'A1', s:'2'}); names keep their prefix. */
export function parseAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  const start = tag.search(/\s/);
  if (start < 0) return out;
  let m: RegExpExecArray | null;
  const body = tag.slice(start);
  while ((m = re.exec(body))) out.set(m[1]!, decodeXml(m[3] ?? m[4] ?? ''));
  return out;
}

/** Sets (or adds) one attribute in a start tag, leaving the rest of the tag as it was. */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${escapeAttr(value)}"`);
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}="${escapeAttr(value)}"${tag.slice(close)}`;
}

/** The namespace prefix (with its colon, or '') the document uses for its root element, e.g. 'x:' or ''. */
export function rootPrefix(xml: string, localName: string): string {
  const m = new RegExp(`<([\\w.-]+:)?${localName}[\\s>/]`).exec(xml);
  return m?.[1] ?? '';
}

/** The prefix bound to a namespace URI in the document (without colon), or undefined. */
export function prefixFor(xml: string, uri: string): string | undefined {
  const re = /xmlns:([\w.-]+)\s*=\s*"([^"]*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) if (m[2] === uri) return m[1];
  return undefined;
}

/**
 * Finds the first element `<{prefix}{name} …>…</…>` or `<… />` from `from`; returns [start, end) of the whole
 * element and of its start tag, or undefined. Only for elements that do not nest in themselves.
 */
export function findElement(
  xml: string,
  qname: string,
  from = 0,
): { start: number; end: number; tagEnd: number; selfClosing: boolean } | undefined {
  const re = new RegExp(`<${qname.replace(/[.:]/g, '\\$&')}(?=[\\s/>])`, 'g');
  re.lastIndex = from;
  const m = re.exec(xml);
  if (!m) return undefined;
  const tagEnd = xml.indexOf('>', m.index) + 1;
  if (tagEnd <= 0) return undefined;
  if (xml[tagEnd - 2] === '/') return { start: m.index, end: tagEnd, tagEnd, selfClosing: true };
  const close = xml.indexOf(`</${qname}>`, tagEnd);
  if (close < 0) return undefined;
  return { start: m.index, end: close + qname.length + 3, tagEnd, selfClosing: false };
}

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  ct: 'http://schemas.openxmlformats.org/package/2006/content-types',
  worksheetType: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  stylesType: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  calcChainType: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
  officeDocType: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheetCt: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  stylesCt: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  workbookCt: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
} as const;
