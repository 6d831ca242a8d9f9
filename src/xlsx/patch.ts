/**
 * patchXlsx: writes a FillPlan into an existing package without re-saving it through a library.
 * Every part the fill does not need is copied as it was (same bytes, same order); in data sheets only the
 * tool-owned cells change; 汇总 is added (or replaced) as a whole part.
 */
import type { CellWrite, FillPlan } from '../engine/fill-plan';
import { xlsxError } from './errors';
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
import { MINIMAL_STYLES, StyleBook } from './styles';
import { worksheetXml } from './worksheet';
import { escapeAttr, findElement, NS, parseAttrs, prefixFor, rootPrefix, setAttr } from './xml';
import { noWorkbook, openPackage, text, utf8, writePackage, type ZipPackage } from './zip';

const CT = '[Content_Types].xml';

class Pkg {
  constructor(readonly z: ZipPackage) {}
  has(name: string): boolean {
    return this.z.parts.has(name);
  }
  get(name: string): string | undefined {
    return text(this.z.parts.get(name));
  }
  set(name: string, xml: string): void {
    if (!this.z.parts.has(name)) this.z.names.push(name);
    this.z.parts.set(name, utf8(xml));
  }
  /** Sets a part only when its text changed, so an untouched part keeps its exact bytes. */
  update(name: string, before: string | undefined, after: string): void {
    if (before !== after) this.set(name, after);
  }
  delete(name: string): void {
    if (!this.z.parts.delete(name)) return;
    const i = this.z.names.indexOf(name);
    if (i >= 0) this.z.names.splice(i, 1);
  }
}

/** Applies a FillPlan to the package; returns new bytes. Pure. */
export function patchXlsx(bytes: Uint8Array, plan: FillPlan): Uint8Array {
  const pkg = new Pkg(openPackage(bytes));
  const wb = workbookPart(pkg.z.parts, (n) => pkg.get(n));
  if (!wb) throw noWorkbook(pkg.z.parts);
  const wbRelsPath = relsPathFor(wb);
  const wbXml0 = pkg.get(wb)!;
  const wbRels0 = pkg.get(wbRelsPath) ?? emptyRels();
  const ct0 = pkg.get(CT) ?? '';
  let wbXml = wbXml0;
  let wbRels = wbRels0;
  let ct = ct0;
  let rels = parseRels(wbRels);
  const sheets = listSheets(wbXml, wb, rels);

  // styles.xml (created when the package has none)
  let stylesRel = rels.find((r) => r.type === NS.stylesType);
  let stylesPart = stylesRel ? resolveTarget(wb, stylesRel.target) : undefined;
  if (!stylesPart || !pkg.has(stylesPart)) {
    stylesPart = resolveTarget(wb, 'styles.xml');
    if (!stylesRel) {
      wbRels = addRel(wbRels, freeRelId(rels), NS.stylesType, 'styles.xml');
      rels = parseRels(wbRels);
      stylesRel = rels.find((r) => r.type === NS.stylesType);
    }
    pkg.set(stylesPart, MINIMAL_STYLES);
    ct = setOverride(ct, stylesPart, NS.stylesCt);
  }
  const styles0 = pkg.get(stylesPart)!;
  const styles = new StyleBook(styles0);

  // A 1904-system workbook stores date serials 1462 days smaller than the engine's 1900-system ones.
  const prEl = findElement(wbXml, `${rootPrefix(wbXml, 'workbook')}workbookPr`);
  const pr = prEl ? parseAttrs(wbXml.slice(prEl.start, prEl.tagEnd)).get('date1904') : undefined;
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
    pkg.update(entry.part, before, patchSheetXml(before, writes, styles).xml);
  }

  // 汇总: replaced in place, or added after the last sheet
  const summaryXml = worksheetXml(
    { cells: plan.summary.cells, columnWidths: plan.summary.columnWidths, freezeBelowRow: undefined },
    styles,
  );
  // Excel sheet names are unique case-insensitively: a second "Summary" beside "summary" would break the file.
  const existing = sheets.find((s) => s.name.toLowerCase() === plan.summary.name.toLowerCase());
  if (existing?.part) {
    const part = existing.part;
    dropSheetRelations(pkg, part, (x) => (ct = x), () => ct);
    pkg.set(part, summaryXml);
    ct = setOverride(ct, part, NS.worksheetCt);
    if (existing.type !== NS.worksheetType) {
      const rel = rels.find((r) => r.id === existing.relId)!;
      wbRels = addRel(removeRels(wbRels, new Set([rel.id])), rel.id, NS.worksheetType, rel.target);
      rels = parseRels(wbRels);
    }
  } else {
    let n = 1;
    while (pkg.has(`xl/worksheets/sheet${n}.xml`) || sheets.some((s) => s.part === `xl/worksheets/sheet${n}.xml`)) n++;
    const part = `xl/worksheets/sheet${n}.xml`;
    const relId = freeRelId(rels);
    wbRels = addRel(wbRels, relId, NS.worksheetType, relativeTo(wb, part));
    rels = parseRels(wbRels);
    pkg.set(part, summaryXml);
    ct = setOverride(ct, part, NS.worksheetCt);
    const p = rootPrefix(wbXml, 'workbook');
    let rp = prefixFor(wbXml, NS.rel);
    if (!rp) {
      rp = 'r';
      const root = findElement(wbXml, `${p}workbook`)!;
      wbXml = wbXml.slice(0, root.start) + setAttr(wbXml.slice(root.start, root.tagEnd), 'xmlns:r', NS.rel) + wbXml.slice(root.tagEnd);
    }
    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
    const el = `<${p}sheet name="${escapeAttr(plan.summary.name)}" sheetId="${sheetId}" ${rp}:id="${relId}"/>`;
    const sh = findElement(wbXml, `${p}sheets`);
    if (!sh) throw xlsxError('no-workbook', 'workbook.xml has no <sheets>');
    wbXml = sh.selfClosing
      ? `${wbXml.slice(0, sh.start)}<${p}sheets>${el}</${p}sheets>${wbXml.slice(sh.end)}`
      : `${wbXml.slice(0, sh.end - `</${p}sheets>`.length)}${el}${wbXml.slice(sh.end - `</${p}sheets>`.length)}`;
  }

  // calcChain goes (Excel rebuilds it); everything recalculates on open
  for (const r of rels.filter((x) => x.type === NS.calcChainType)) {
    const part = resolveTarget(wb, r.target);
    pkg.delete(part);
    ct = removeOverride(ct, part);
    wbRels = removeRels(wbRels, new Set([r.id]));
  }
  wbXml = setFullCalcOnLoad(wbXml);

  pkg.update(stylesPart, styles0, styles.toXml());
  pkg.update(wb, wbXml0, wbXml);
  if (pkg.has(wbRelsPath)) pkg.update(wbRelsPath, wbRels0, wbRels);
  else pkg.set(wbRelsPath, wbRels);
  pkg.update(CT, ct0, ct);
  return writePackage(pkg.z);
}

/** `xl/workbook.xml`, `xl/worksheets/sheet9.xml` → `worksheets/sheet9.xml`. */
function relativeTo(source: string, part: string): string {
  const dir = source.includes('/') ? source.slice(0, source.lastIndexOf('/') + 1) : '';
  return part.startsWith(dir) ? part.slice(dir.length) : `/${part}`;
}

function setFullCalcOnLoad(wbXml: string): string {
  const p = rootPrefix(wbXml, 'workbook');
  const calc = findElement(wbXml, `${p}calcPr`);
  if (calc) {
    const tag = setAttr(wbXml.slice(calc.start, calc.tagEnd), 'fullCalcOnLoad', '1');
    return wbXml.slice(0, calc.start) + tag + wbXml.slice(calc.tagEnd);
  }
  const after = ['sheets', 'functionGroups', 'externalReferences', 'definedNames']
    .map((n) => findElement(wbXml, `${p}${n}`))
    .filter((e): e is NonNullable<typeof e> => !!e);
  const at = Math.max(...after.map((e) => e.end));
  return `${wbXml.slice(0, at)}<${p}calcPr fullCalcOnLoad="1"/>${wbXml.slice(at)}`;
}

/**
 * The old 汇总 part is replaced: its relationships (drawings, comments, tables …) go, and so do the parts
 * they pointed to when nothing else refers to them.
 */
function dropSheetRelations(pkg: Pkg, part: string, setCt: (x: string) => void, getCt: () => string): void {
  const relsPath = relsPathFor(part);
  const rels = parseRels(pkg.get(relsPath));
  pkg.delete(relsPath);
  const queue: Relationship[][] = [rels.map((r) => ({ ...r, target: r.external ? r.target : resolveTarget(part, r.target) }))];
  while (queue.length) {
    for (const r of queue.shift()!) {
      if (r.external || !pkg.has(r.target) || isReferenced(pkg, r.target)) continue;
      const sub = relsPathFor(r.target);
      const subRels = parseRels(pkg.get(sub)).map((x) => ({ ...x, target: x.external ? x.target : resolveTarget(r.target, x.target) }));
      pkg.delete(r.target);
      pkg.delete(sub);
      setCt(removeOverride(getCt(), r.target));
      queue.push(subRels);
    }
  }
}

function isReferenced(pkg: Pkg, target: string): boolean {
  for (const name of pkg.z.names) {
    if (!name.endsWith('.rels')) continue;
    const owner = name.replace(/_rels\/([^/]*)\.rels$/, '$1');
    const source = owner === name ? '' : owner;
    if (parseRels(pkg.get(name)).some((r) => !r.external && resolveTarget(source, r.target) === target)) return true;
  }
  return false;
}
