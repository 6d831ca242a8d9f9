/** Open Packaging Conventions plumbing: relationships, content types, the workbook's sheet list. */
import { decodeXml, escapeAttr, findElement, NS, parseAttrs, prefixFor, rootPrefix } from './xml';

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

export function parseRels(xml: string | undefined): Relationship[] {
  if (!xml) return [];
  const out: Relationship[] = [];
  const re = /<(?:[\w.-]+:)?Relationship\b[^>]*>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const a = parseAttrs(m[0]);
    out.push({
      id: a.get('Id') ?? '',
      type: a.get('Type') ?? '',
      target: a.get('Target') ?? '',
      external: a.get('TargetMode') === 'External',
    });
  }
  return out;
}

/** Removes the relationship elements whose Id is in `ids`. */
export function removeRels(xml: string, ids: ReadonlySet<string>): string {
  return xml.replace(/<(?:[\w.-]+:)?Relationship\b[^>]*?(?:\/>|>\s*<\/(?:[\w.-]+:)?Relationship>)/g, (el) =>
    ids.has(parseAttrs(el).get('Id') ?? '') ? '' : el,
  );
}

export function addRel(xml: string, id: string, type: string, target: string): string {
  const p = rootPrefix(xml, 'Relationships');
  const el = `<${p}Relationship Id="${escapeAttr(id)}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`;
  const close = xml.lastIndexOf(`</${p}Relationships>`);
  if (close >= 0) return xml.slice(0, close) + el + xml.slice(close);
  // <Relationships …/> with no children
  return xml.replace(new RegExp(`<${p}Relationships\\b([^>]*?)\\s*/>`), `<${p}Relationships$1>${el}</${p}Relationships>`);
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

/** Adds an Override for a part (replacing one for the same part). */
export function setOverride(ctXml: string, partName: string, contentType: string): string {
  const without = removeOverride(ctXml, partName);
  const p = rootPrefix(without, 'Types');
  const el = `<${p}Override PartName="/${escapeAttr(partName)}" ContentType="${escapeAttr(contentType)}"/>`;
  const close = without.lastIndexOf(`</${p}Types>`);
  return without.slice(0, close) + el + without.slice(close);
}

export function removeOverride(ctXml: string, partName: string): string {
  return ctXml.replace(/<(?:[\w.-]+:)?Override\b[^>]*?\/>/g, (el) =>
    (parseAttrs(el).get('PartName') ?? '').replace(/^\//, '').toLowerCase() === partName.toLowerCase() ? '' : el,
  );
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

export function listSheets(workbookXml: string, workbookPartName: string, rels: readonly Relationship[]): SheetEntry[] {
  const rp = prefixFor(workbookXml, NS.rel) ?? 'r';
  const sheets = findElement(workbookXml, `${rootPrefix(workbookXml, 'workbook')}sheets`);
  if (!sheets) return [];
  const body = workbookXml.slice(sheets.start, sheets.end);
  const out: SheetEntry[] = [];
  const re = /<(?:[\w.-]+:)?sheet\b[^>]*>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    if (/^<(?:[\w.-]+:)?sheets\b/.test(m[0])) continue;
    const a = parseAttrs(m[0]);
    const relId = a.get(`${rp}:id`) ?? '';
    const rel = rels.find((r) => r.id === relId);
    out.push({
      name: a.get('name') ?? '',
      sheetId: Number(a.get('sheetId') ?? 0),
      relId,
      state: a.get('state'),
      part: rel ? resolveTarget(workbookPartName, rel.target) : undefined,
      type: rel?.type,
    });
  }
  return out;
}

export { decodeXml };
