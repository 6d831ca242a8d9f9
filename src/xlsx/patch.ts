/**
 * patchXlsx: writes a FillPlan into an existing package without re-saving it through a library.
 * Every part the fill does not need is copied as it was (same bytes, same order); in data sheets only the
 * tool-owned cells change; 汇总 is added (or replaced) as a whole part.
 */
import type { CellWrite, FillPlan } from '../engine/fill-plan';
import { xlsxError } from './errors';
import { flavourOf, relKind, type Flavour } from './flavour';
import {
  addRel,
  emptyRels,
  freeRelId,
  listSheets,
  parseRels,
  relsPathFor,
  removeOverride,
  removeRels,
  resolveTarget,
  setOverride,
  workbookPart,
  type Relationship,
} from './opc';
import { patchSheetXml } from './sheet-patch';
import { minimalStyles, StyleBook } from './styles';
import { applyEdits, scanXml } from './tokens';
import { worksheetXml } from './worksheet';
import { escapeAttr, NS, setAttr } from './xml';
import { PackageParts } from './package-parts';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES, noWorkbook, openPackage, writePackage } from './zip';

const CT = '[Content_Types].xml';

/** Applies a FillPlan to the package; returns new bytes. Pure. */
export function patchXlsx(bytes: Uint8Array, plan: FillPlan, opts: { maxUncompressedBytes?: number } = {}): Uint8Array {
  const limit = opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  const pkg = new PackageParts(openPackage(bytes, limit));
  const wb = workbookPart(pkg.z.parts, (n) => pkg.get(n));
  if (!wb) throw noWorkbook(pkg.z.parts);
  const wbRelsPath = relsPathFor(wb);
  const wbXml0 = pkg.get(wb)!;
  const wbRels0 = pkg.get(wbRelsPath) ?? emptyRels();
  const ct0 = pkg.get(CT) ?? '';
  let wbXml = wbXml0;
  let wbRels = wbRels0;
  let ct = ct0;
  let rels = parseRels(wbRels, wbRelsPath);
  const wbEls = scanXml(wbXml, wb);
  const flavour = wbEls[0] ? flavourOf(wbEls[0].uri) : undefined;
  if (!flavour || wbEls[0]!.local !== 'workbook') throw xlsxError('bad-xml', `${wb}: the root element is not a SpreadsheetML workbook`);
  const sheets = listSheets(wbXml, wb, rels);
  const isKind = (r: Relationship, kind: string): boolean => relKind(r.type) === kind;

  // styles.xml (created when the package has none)
  let stylesRel = rels.find((r) => isKind(r, 'styles'));
  let stylesPart = stylesRel ? resolveTarget(wb, stylesRel.target) : undefined;
  if (!stylesPart || !pkg.has(stylesPart)) {
    stylesPart = resolveTarget(wb, 'styles.xml');
    if (!stylesRel) {
      wbRels = addRel(wbRels, freeRelId(rels), flavour.relType('styles'), 'styles.xml', wbRelsPath);
      rels = parseRels(wbRels, wbRelsPath);
      stylesRel = rels.find((r) => isKind(r, 'styles'));
    }
    pkg.set(stylesPart, minimalStyles(flavour.main));
    ct = setOverride(ct, stylesPart, NS.stylesCt);
  }
  const styles0 = pkg.get(stylesPart)!;
  const styles = new StyleBook(styles0, stylesPart);

  // A 1904-system workbook stores date serials 1462 days smaller than the engine's 1900-system ones.
  const pr = wbEls.find((e) => e.depth === 1 && e.uri === flavour.main && e.local === 'workbookPr')?.attrs.get('date1904');
  const to1904 = (w: CellWrite): CellWrite =>
    w.value.kind === 'date' ? { ...w, value: { kind: 'date', serial: w.value.serial - 1462 } } : w;
  if (pr === '1' || pr === 'true') plan = { toolOwned: plan.toolOwned.map(to1904), summary: { ...plan.summary, cells: plan.summary.cells.map(to1904) } };

  // tool-owned cells, sheet by sheet
  const bySheet = new Map<string, CellWrite[]>();
  for (const w of plan.toolOwned) {
    const list = bySheet.get(w.sheet);
    if (list) list.push(w);
    else bySheet.set(w.sheet, [w]);
  }
  for (const [name, writes] of bySheet) {
    const entry = sheets.find((s) => s.name === name);
    if (!entry?.part || !pkg.has(entry.part)) throw new Error(`patchXlsx: the workbook has no worksheet named ${name}`);
    const before = pkg.get(entry.part)!;
    pkg.update(entry.part, before, patchSheetXml(before, writes, styles, entry.part).xml);
  }

  // 汇总: replaced in place, or added after the last sheet
  const summaryXml = worksheetXml(
    { cells: plan.summary.cells, columnWidths: plan.summary.columnWidths, freezeBelowRow: undefined },
    styles,
    { main: flavour.main, rel: flavour.rel },
  );
  // Excel sheet names are unique case-insensitively: a second "Summary" beside "summary" would break the file.
  const existing = sheets.find((s) => s.name.toLowerCase() === plan.summary.name.toLowerCase());
  if (existing?.part) {
    const part = existing.part;
    dropSheetRelations(pkg, part, (x) => (ct = x), () => ct);
    pkg.set(part, summaryXml);
    ct = setOverride(ct, part, NS.worksheetCt);
    if (relKind(existing.type ?? '') !== 'worksheet') {
      const rel = rels.find((r) => r.id === existing.relId)!;
      wbRels = addRel(removeRels(wbRels, new Set([rel.id]), wbRelsPath), rel.id, flavour.relType('worksheet'), rel.target, wbRelsPath);
      rels = parseRels(wbRels, wbRelsPath);
    }
  } else {
    let n = 1;
    while (pkg.has(`xl/worksheets/sheet${n}.xml`) || sheets.some((s) => s.part === `xl/worksheets/sheet${n}.xml`)) n++;
    const part = `xl/worksheets/sheet${n}.xml`;
    const relId = freeRelId(rels);
    wbRels = addRel(wbRels, relId, flavour.relType('worksheet'), relativeTo(wb, part), wbRelsPath);
    rels = parseRels(wbRels, wbRelsPath);
    pkg.set(part, summaryXml);
    ct = setOverride(ct, part, NS.worksheetCt);
    wbXml = appendSheet(wbXml, wb, flavour, {
      name: plan.summary.name,
      sheetId: Math.max(0, ...sheets.map((s) => s.sheetId)) + 1,
      relId,
    });
  }

  // calcChain goes (Excel rebuilds it); everything recalculates on open
  for (const r of rels.filter((x) => isKind(x, 'calcChain'))) {
    const part = resolveTarget(wb, r.target);
    pkg.delete(part);
    ct = removeOverride(ct, part);
    wbRels = removeRels(wbRels, new Set([r.id]), wbRelsPath);
  }
  wbXml = setFullCalcOnLoad(wbXml, wb, flavour);

  pkg.update(stylesPart, styles0, styles.toXml());
  pkg.update(wb, wbXml0, wbXml);
  if (pkg.has(wbRelsPath)) pkg.update(wbRelsPath, wbRels0, wbRels);
  else pkg.set(wbRelsPath, wbRels);
  pkg.update(CT, ct0, ct);
  // The output must open where the input did: never past the size a reader (ours included) accepts.
  if (pkg.size() > limit) throw xlsxError('too-large', `${pkg.size()} bytes uncompressed once filled, limit ${limit}`);
  return writePackage(pkg.z);
}

/**
 * Adds `<sheet name sheetId r:id/>` at the end of `<sheets>`, in the workbook's own prefix for its namespace. The
 * relationships namespace is used under a prefix bound at `<sheets>` when there is one; otherwise (openpyxl binds
 * `xmlns:r` on each `<sheet>`) the new element declares its own.
 */
function appendSheet(wbXml: string, part: string, flavour: Flavour, s: { name: string; sheetId: number; relId: string }): string {
  const els = scanXml(wbXml, part);
  const sheets = els.find((e) => e.depth === 1 && e.uri === flavour.main && e.local === 'sheets');
  if (!sheets) throw xlsxError('no-workbook', `${part} has no <sheets>`);
  const mp = sheets.scope.prefixFor(flavour.main);
  const p = mp ? `${mp}:` : '';
  let rp = sheets.scope.prefixFor(flavour.rel, false);
  let decl = '';
  if (!rp) {
    rp = mp === 'r' ? 'rel' : 'r';
    decl = ` xmlns:${rp}="${flavour.rel}"`;
  }
  const el = `<${p}sheet name="${escapeAttr(s.name)}" sheetId="${s.sheetId}"${decl} ${rp}:id="${escapeAttr(s.relId)}"/>`;
  if (!sheets.selfClosing) return applyEdits(wbXml, [{ start: sheets.closeStart, end: sheets.closeStart, text: el }]);
  const tag = wbXml.slice(sheets.start, sheets.tagEnd);
  return applyEdits(wbXml, [{ start: sheets.start, end: sheets.end, text: `${tag.slice(0, -2).trimEnd()}>${el}</${sheets.qname}>` }]);
}

/** `xl/workbook.xml`, `xl/worksheets/sheet9.xml` → `worksheets/sheet9.xml`. */
function relativeTo(source: string, part: string): string {
  const dir = source.includes('/') ? source.slice(0, source.lastIndexOf('/') + 1) : '';
  return part.startsWith(dir) ? part.slice(dir.length) : `/${part}`;
}

function setFullCalcOnLoad(wbXml: string, part: string, flavour: Flavour): string {
  const els = scanXml(wbXml, part);
  const top = els.filter((e) => e.depth === 1 && e.uri === flavour.main);
  const calc = top.find((e) => e.local === 'calcPr');
  if (calc) {
    const tag = setAttr(wbXml.slice(calc.start, calc.tagEnd), 'fullCalcOnLoad', '1');
    return applyEdits(wbXml, [{ start: calc.start, end: calc.tagEnd, text: tag }]);
  }
  const after = top.filter((e) => ['sheets', 'functionGroups', 'externalReferences', 'definedNames'].includes(e.local));
  const at = Math.max(...after.map((e) => e.end));
  const mp = els[0]!.scope.prefixFor(flavour.main);
  return applyEdits(wbXml, [{ start: at, end: at, text: `<${mp ? `${mp}:` : ''}calcPr fullCalcOnLoad="1"/>` }]);
}

/**
 * The old 汇总 part is replaced: its relationships (drawings, comments, tables …) go, and so do the parts
 * they pointed to when nothing else refers to them.
 */
function dropSheetRelations(pkg: PackageParts, part: string, setCt: (x: string) => void, getCt: () => string): void {
  const relsPath = relsPathFor(part);
  const rels = parseRels(pkg.get(relsPath), relsPath);
  pkg.delete(relsPath);
  const queue: Relationship[][] = [rels.map((r) => ({ ...r, target: r.external ? r.target : resolveTarget(part, r.target) }))];
  while (queue.length) {
    for (const r of queue.shift()!) {
      if (r.external || !pkg.has(r.target) || isReferenced(pkg, r.target)) continue;
      const sub = relsPathFor(r.target);
      const subRels = parseRels(pkg.get(sub), sub).map((x) => ({ ...x, target: x.external ? x.target : resolveTarget(r.target, x.target) }));
      pkg.delete(r.target);
      pkg.delete(sub);
      setCt(removeOverride(getCt(), r.target));
      queue.push(subRels);
    }
  }
}

function isReferenced(pkg: PackageParts, target: string): boolean {
  for (const name of pkg.z.names) {
    if (!name.endsWith('.rels')) continue;
    const owner = name.replace(/_rels\/([^/]*)\.rels$/, '$1');
    const source = owner === name ? '' : owner;
    if (parseRels(pkg.get(name), name).some((r) => !r.external && resolveTarget(source, r.target) === target)) return true;
  }
  return false;
}
