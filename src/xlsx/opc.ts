/**
 * Open Packaging Conventions plumbing: relationships, content types, the workbook's sheet list. Parts are read as an
 * XML parser reads them (comments are no elements; `r:id` is resolved through the namespace bindings in scope, which
 * openpyxl declares on each `<sheet>`), and every element added is written under a prefix bound where it lands.
 */
import { MAIN_NAMESPACES, STRICT, TRANSITIONAL } from './flavour';
import { applyEdits, scanXml, type XmlElement } from './tokens';
import { decodeXml, escapeAttr, NS } from './xml';

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPathFor(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Resolves a relationship target against the part that owns it, giving a zip entry name. */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = sourcePart.includes('/') ? sourcePart.slice(0, sourcePart.lastIndexOf('/')).split('/') : [];
  for (const seg of target.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/** The children of the root whose local name is `local` and namespace `uri`. */
function rootChildren(els: readonly XmlElement[], uri: string, local: string): XmlElement[] {
  return els.filter((e) => e.depth === 1 && e.uri === uri && e.local === local);
}

/** The prefix (with colon) bound to `uri` for elements inside `el`. */
function elementPrefix(el: XmlElement, uri: string): string {
  const p = el.scope.prefixFor(uri);
  if (p === undefined) throw new Error(`no prefix bound to ${uri}`);
  return p ? `${p}:` : '';
}

/** Inserts `children` as the last children of `el` (a self-closing `el` is opened). */
function appendChildren(xml: string, el: XmlElement, children: string): string {
  if (!el.selfClosing) return applyEdits(xml, [{ start: el.closeStart, end: el.closeStart, text: children }]);
  const tag = xml.slice(el.start, el.tagEnd);
  return applyEdits(xml, [{ start: el.start, end: el.end, text: `${tag.slice(0, -2).trimEnd()}>${children}</${el.qname}>` }]);
}

export function parseRels(xml: string | undefined, part = '_rels/.rels'): Relationship[] {
  if (!xml) return [];
  return rootChildren(scanXml(xml, part), NS.pkgRel, 'Relationship').map((el) => ({
    id: el.attrs.get('Id') ?? '',
    type: el.attrs.get('Type') ?? '',
    target: el.attrs.get('Target') ?? '',
    external: el.attrs.get('TargetMode') === 'External',
  }));
}

/** Removes the relationship elements whose Id is in `ids`. */
export function removeRels(xml: string, ids: ReadonlySet<string>, part = 'relationships'): string {
  const doomed = rootChildren(scanXml(xml, part), NS.pkgRel, 'Relationship').filter((el) => ids.has(el.attrs.get('Id') ?? ''));
  return applyEdits(xml, doomed.map((el) => ({ start: el.start, end: el.end, text: '' })));
}

export function addRel(xml: string, id: string, type: string, target: string, part = 'relationships'): string {
  const root = scanXml(xml, part)[0];
  if (!root || root.local !== 'Relationships' || root.uri !== NS.pkgRel) throw new Error(`${part} is not a relationships part`);
  const p = elementPrefix(root, NS.pkgRel);
  return appendChildren(xml, root, `<${p}Relationship Id="${escapeAttr(id)}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`);
}

export function freeRelId(rels: readonly Relationship[]): string {
  const ids = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (ids.has(`rId${n}`)) n++;
  return `rId${n}`;
}

export function emptyRels(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}"></Relationships>`;
}

const samePart = (el: XmlElement, partName: string): boolean =>
  (el.attrs.get('PartName') ?? '').replace(/^\//, '').toLowerCase() === partName.toLowerCase();

/** Adds an Override for a part (replacing one for the same part). */
export function setOverride(ctXml: string, partName: string, contentType: string): string {
  const without = removeOverride(ctXml, partName);
  const root = scanXml(without, '[Content_Types].xml')[0];
  if (!root || root.local !== 'Types' || root.uri !== NS.ct) throw new Error('[Content_Types].xml has no <Types>');
  const p = elementPrefix(root, NS.ct);
  return appendChildren(without, root, `<${p}Override PartName="/${escapeAttr(partName)}" ContentType="${escapeAttr(contentType)}"/>`);
}

export function removeOverride(ctXml: string, partName: string): string {
  const doomed = rootChildren(scanXml(ctXml, '[Content_Types].xml'), NS.ct, 'Override').filter((el) => samePart(el, partName));
  return applyEdits(ctXml, doomed.map((el) => ({ start: el.start, end: el.end, text: '' })));
}

export interface SheetEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly relId: string;
  readonly state: string | undefined;
  /** Zip entry of the sheet part, or undefined when the relationship is missing. */
  readonly part: string | undefined;
  readonly type: string | undefined;
}

/** The workbook part's name from the package root relationships (xl/workbook.xml in practice). */
export function workbookPart(parts: ReadonlyMap<string, Uint8Array>, textOf: (n: string) => string | undefined): string | undefined {
  const rels = parseRels(textOf('_rels/.rels'));
  const office = rels.find((r) => r.type === NS.officeDocType || r.type.endsWith('/officeDocument'));
  if (office) {
    const p = resolveTarget('', office.target);
    if (parts.has(p)) return p;
  }
  return parts.has('xl/workbook.xml') ? 'xl/workbook.xml' : undefined;
}

/** `r:id` of an element, whichever prefix binds the relationships namespace (Transitional or Strict) there. */
export function relIdOf(el: XmlElement): string | undefined {
  return el.attrsNs.get(`{${TRANSITIONAL.rel}}id`) ?? el.attrsNs.get(`{${STRICT.rel}}id`);
}

export function listSheets(workbookXml: string, workbookPartName: string, rels: readonly Relationship[]): SheetEntry[] {
  const els = scanXml(workbookXml, workbookPartName);
  const root = els[0];
  if (!root || !MAIN_NAMESPACES.includes(root.uri)) return [];
  const sheets = rootChildren(els, root.uri, 'sheets')[0];
  if (!sheets) return [];
  const si = els.indexOf(sheets);
  return els
    .filter((e) => e.parent === si && e.uri === root.uri && e.local === 'sheet')
    .map((el) => {
      const relId = relIdOf(el) ?? '';
      const rel = rels.find((r) => r.id === relId);
      return {
        name: el.attrs.get('name') ?? '',
        sheetId: Number(el.attrs.get('sheetId') ?? 0),
        relId,
        state: el.attrs.get('state'),
        part: rel ? resolveTarget(workbookPartName, rel.target) : undefined,
        type: rel?.type,
      };
    });
}

export { decodeXml };
