/**
 * annotateXlsx: a copy of a return for sending back (退回修改), bytes in, bytes out (no fs, so the browser can zip
 * the copies too). Each finding's cell gets a comment (批注) — message and rule id, several findings in one comment,
 * a user's own comment kept with ours after it — shown through the legacy VML drawing Excel and WPS need; a sheet
 * `问题清单` lists every finding with a link to its cell. Only these change: the sheets' comments and VML parts and
 * their relationships, a `<legacyDrawing>` in a sheet that had none, the new sheet in the workbook, and content types.
 * Every other part keeps its bytes.
 */
import { parseA1 } from '../../engine/address';
import type { Finding, Lang, Severity } from '../../engine/findings';
import { xlsxError } from '../errors';
import { STRICT, TRANSITIONAL } from '../flavour';
import { addRel, emptyRels, freeRelId, listSheets, parseRels, relsPathFor, resolveTarget, setOverride, workbookPart } from '../opc';
import { escapeAttr, findElement, NS, rootPrefix } from '../xml';
import { PackageParts } from '../package-parts';
import { noWorkbook, openPackage, writePackage } from '../zip';
import { commentRefs, COMMENTS_CT, dropAuthorComments, mergeComments, newComments } from './comments';
import { issuesSheetXml, type IssueRow } from './issues-sheet';
import { appendNotes, dropNotes, idmapBlocks, newVml, noteCells, VML_CT, type NoteCell } from './vml';

export const ISSUES_SHEET = '问题清单';
export const ISSUES_HEADERS = ['工作表', '单元格', '级别', '问题', '规则'] as const;
const AUTHOR = 'fulian-returns';
const CT = '[Content_Types].xml';

export type AnnotateFinding = Pick<Finding, 'rule' | 'severity' | 'sheet' | 'cell' | 'message'>;

export interface AnnotateOptions {
  readonly lang?: Lang;
}

const SEVERITY: Record<Lang, Record<Severity, string>> = {
  'zh-CN': { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

/** One finding's line in a comment: `错误：…（rule-id）`. */
export function noteLine(f: AnnotateFinding, lang: Lang): string {
  const sev = SEVERITY[lang][f.severity];
  return lang === 'en' ? `${sev}: ${f.message} (${f.rule})` : `${sev}：${f.message}（${f.rule}）`;
}

/** Relationship and namespace URIs of the package's flavour (Transitional, or Strict where the workbook is Strict). */
function flavour(workbookXml: string) {
  const strict = /xmlns(?::[\w.-]+)?\s*=\s*"http:\/\/purl\.oclc\.org\/ooxml\/spreadsheetml\/main"/.test(workbookXml);
  const fl = strict ? STRICT : TRANSITIONAL;
  return { main: fl.main, rel: fl.rel, comments: fl.relType('comments'), vml: fl.relType('vmlDrawing'), worksheet: fl.relType('worksheet') };
}

/** `xl/worksheets/sheet1.xml`, `xl/comments1.xml` → `../comments1.xml`. */
function relative(source: string, target: string): string {
  const from = source.split('/').slice(0, -1);
  const to = target.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/** Elements of CT_Worksheet that come after `legacyDrawing`, in schema order. */
const AFTER_LEGACY = new Set(['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst']);

/** Inserts `<legacyDrawing r:id>` where the schema puts it, binding the relationships prefix on the root if needed. */
function withLegacyDrawing(sheetXml: string, relNs: string, relId: string): string {
  const p = rootPrefix(sheetXml, 'worksheet');
  const xml = sheetXml;
  // The relationships prefix is bound on the element itself: right wherever the package binds its own.
  const el = `<${p}legacyDrawing xmlns:r="${escapeAttr(relNs)}" r:id="${escapeAttr(relId)}"/>`;
  // Top-level children after sheetData (which cannot nest itself), scanned with their depth.
  const root = findElement(xml, `${p}worksheet`);
  const closeRoot = xml.lastIndexOf(`</${p}worksheet>`);
  if (!root || closeRoot < 0) throw xlsxError('not-xlsx', 'a worksheet part has no <worksheet> … </worksheet>');
  // Scanning starts after sheetData (`<sheetData/>` too), else right inside the root; depth 0 = the root's children.
  const data = findElement(xml, `${p}sheetData`, root.tagEnd);
  let depth = 0;
  const tag = /<(\/?)([\w.-]+:)?([\w.-]+)[^>]*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  tag.lastIndex = data ? data.end : root.tagEnd;
  let m: RegExpExecArray | null;
  let at = closeRoot;
  while ((m = tag.exec(xml)) && m.index < closeRoot) {
    if (m[3] === undefined) continue;
    if (m[1] === '/') {
      depth--;
      continue;
    }
    if (depth === 0) {
      const local = m[3];
      const inner = local === 'AlternateContent' ? xml.slice(m.index, xml.indexOf(`</${m[2] ?? ''}AlternateContent>`, m.index)) : '';
      if (AFTER_LEGACY.has(local) || /<(?:[\w.-]+:)?(?:oleObjects|controls)\b/.test(inner)) {
        at = m.index;
        break;
      }
    }
    if (m[4] !== '/') depth++;
  }
  return `${xml.slice(0, at)}${el}${xml.slice(at)}`;
}

function ensureVmlDefault(ct: string): string {
  if (/<(?:[\w.-]+:)?Default\b[^>]*Extension\s*=\s*"vml"/i.test(ct)) return ct;
  const p = rootPrefix(ct, 'Types');
  const el = `<${p}Default Extension="vml" ContentType="${VML_CT}"/>`;
  const root = findElement(ct, `${p}Types`);
  if (!root) throw xlsxError('not-xlsx', '[Content_Types].xml has no <Types>');
  return `${ct.slice(0, root.tagEnd)}${el}${ct.slice(root.tagEnd)}`;
}

const toNoteCell = (ref: string): NoteCell => {
  const a = parseA1(ref);
  return { row: a.row - 1, col: a.col - 1 };
};

/** The annotated copy's bytes. Pure: the input array is never written. */
export function annotateXlsx(bytes: Uint8Array, findings: readonly AnnotateFinding[], options: AnnotateOptions = {}): Uint8Array {
  const lang = options.lang ?? 'zh-CN';
  const pkg = new PackageParts(openPackage(bytes));
  const wb = workbookPart(pkg.z.parts, (n) => pkg.get(n));
  if (!wb) throw noWorkbook(pkg.z.parts);
  const wbXml0 = pkg.get(wb)!;
  const f = flavour(wbXml0);
  const wbRelsPath = relsPathFor(wb);
  let wbRels = pkg.get(wbRelsPath) ?? emptyRels();
  let rels = parseRels(wbRels);
  let wbXml = wbXml0;
  let ct = pkg.get(CT) ?? '';
  const sheets = listSheets(wbXml, wb, rels);

  // Notes by sheet, then by cell, in the findings' order.
  const notes = new Map<string, Map<string, string[]>>();
  for (const x of findings) {
    if (x.cell === null) continue;
    const entry = sheets.find((s) => s.name === x.sheet);
    if (!entry?.part || !pkg.has(entry.part)) continue;
    const ref = x.cell.replace(/\$/g, '').toUpperCase();
    const bySheet = notes.get(entry.part) ?? new Map<string, string[]>();
    notes.set(entry.part, bySheet);
    bySheet.set(ref, [...(bySheet.get(ref) ?? []), noteLine(x, lang)]);
  }

  const usedBlocks = new Set<number>();
  for (const n of pkg.z.names) if (/\.vml$/i.test(n)) for (const b of idmapBlocks(pkg.get(n) ?? '')) usedBlocks.add(b);

  // Sheets to touch: those with notes now, and those an earlier annotation left notes on (they go).
  const commentsOf = (part: string) => {
    const rel = parseRels(pkg.get(relsPathFor(part)) ?? emptyRels()).find((r) => !r.external && r.type.endsWith('/comments'));
    return rel ? resolveTarget(part, rel.target) : undefined;
  };
  const parts = new Set(notes.keys());
  for (const s of sheets) {
    const c = s.part && pkg.has(s.part) ? commentsOf(s.part) : undefined;
    if (s.part && c && pkg.has(c) && dropAuthorComments(pkg.get(c)!, AUTHOR).removed.length > 0) parts.add(s.part);
  }

  for (const part of parts) {
    const texts = new Map([...(notes.get(part) ?? [])].map(([ref, lines]) => [ref, lines.join('\n')]));
    const sRelsPath = relsPathFor(part);
    let sRels = pkg.get(sRelsPath) ?? emptyRels();
    const sRelList = parseRels(sRels);
    let sheetXml = pkg.get(part)!;

    // The comments part: an earlier annotation's notes dropped, ours merged into the user's, or a new part.
    const cRel = sRelList.find((r) => !r.external && r.type.endsWith('/comments'));
    const cPart = cRel ? resolveTarget(part, cRel.target) : undefined;
    let refs: string[];
    let dropped: readonly string[] = [];
    if (cPart && pkg.has(cPart)) {
      const cleared = dropAuthorComments(pkg.get(cPart)!, AUTHOR);
      dropped = cleared.removed;
      const merged = texts.size > 0 ? mergeComments(cleared.xml, AUTHOR, texts) : cleared.xml;
      pkg.put(cPart, merged);
      refs = commentRefs(merged);
    } else {
      const name = cPart ?? pkg.freeName('xl/comments', '.xml');
      pkg.put(name, newComments(f.main, AUTHOR, texts));
      ct = setOverride(ct, name, COMMENTS_CT);
      if (!cRel) sRels = addRel(sRels, freeRelId(parseRels(sRels)), f.comments, relative(part, name));
      refs = [...texts.keys()];
    }

    // The VML drawing: shapes for every commented cell it does not show yet.
    const legacy = findElement(sheetXml, `${rootPrefix(sheetXml, 'worksheet')}legacyDrawing`);
    const legacyId = legacy ? [...sheetXml.slice(legacy.start, legacy.tagEnd).matchAll(/([\w.-]+):id\s*=\s*"([^"]*)"/g)][0]?.[2] : undefined;
    const vRel = legacyId ? parseRels(sRels).find((r) => r.id === legacyId) : undefined;
    const vPart = vRel ? resolveTarget(part, vRel.target) : undefined;
    const cells = refs.map(toNoteCell);
    if (vPart && pkg.has(vPart)) {
      const kept = new Set(refs);
      const vml = dropNotes(pkg.get(vPart)!, dropped.filter((r) => !kept.has(r)).map(toNoteCell));
      const shown = new Set(noteCells(vml).map((c) => `${c.row},${c.col}`));
      pkg.put(vPart, appendNotes(vml, cells.filter((c) => !shown.has(`${c.row},${c.col}`))));
    } else {
      let block = 1;
      while (usedBlocks.has(block)) block++;
      usedBlocks.add(block);
      const name = vPart ?? pkg.freeName('xl/drawings/vmlDrawing', '.vml');
      pkg.put(name, newVml(cells, block));
      ct = ensureVmlDefault(ct);
      if (!legacy) {
        const id = freeRelId(parseRels(sRels));
        sRels = addRel(sRels, id, f.vml, relative(part, name));
        sheetXml = withLegacyDrawing(sheetXml, f.rel, id);
      }
    }
    pkg.put(part, sheetXml);
    pkg.put(sRelsPath, sRels);
  }

  // 问题清单: replaced where an earlier annotation left one, else added after the last sheet.
  const L = SEVERITY[lang];
  const rows: IssueRow[] = findings.map((x) => ({
    sheet: x.sheet,
    cell: x.cell,
    severity: L[x.severity],
    message: x.message,
    rule: x.rule,
    sheetExists: sheets.some((s) => s.name === x.sheet),
  }));
  const issuesXml = issuesSheetXml(f, ISSUES_HEADERS, rows, lang === 'en' ? 'No problems found' : '没有发现问题');
  const existing = sheets.find((s) => s.name.toLowerCase() === ISSUES_SHEET.toLowerCase());
  if (existing?.part && existing.type?.endsWith('/worksheet')) {
    pkg.put(existing.part, issuesXml);
    const oldRels = relsPathFor(existing.part);
    if (pkg.has(oldRels)) pkg.put(oldRels, emptyRels());
  } else if (existing) {
    throw xlsxError('not-xlsx', `the workbook has a sheet named ${ISSUES_SHEET} that is not a worksheet`);
  } else {
    const part = pkg.freeName('xl/worksheets/sheet', '.xml');
    const relId = freeRelId(rels);
    wbRels = addRel(wbRels, relId, f.worksheet, relative(wb, part));
    rels = parseRels(wbRels);
    pkg.put(part, issuesXml);
    ct = setOverride(ct, part, NS.worksheetCt);
    const p = rootPrefix(wbXml, 'workbook');
    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
    const el = `<${p}sheet name="${escapeAttr(ISSUES_SHEET)}" sheetId="${sheetId}" xmlns:r="${escapeAttr(f.rel)}" r:id="${relId}"/>`;
    const sh = findElement(wbXml, `${p}sheets`);
    if (!sh) throw xlsxError('no-workbook', 'workbook.xml has no <sheets>');
    const close = `</${p}sheets>`;
    wbXml = sh.selfClosing
      ? `${wbXml.slice(0, sh.start)}<${p}sheets>${el}${close}${wbXml.slice(sh.end)}`
      : `${wbXml.slice(0, sh.end - close.length)}${el}${wbXml.slice(sh.end - close.length)}`;
  }

  pkg.put(wb, wbXml);
  pkg.put(wbRelsPath, wbRels);
  pkg.put(CT, ct);
  return writePackage(pkg.z);
}
