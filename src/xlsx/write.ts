/**
 * writeNewXlsx: a workbook view (a blank return from buildBlankReturn) as a new .xlsx package, ready to type
 * into in Excel: column widths from the content, bold title and header rows, frozen header, merges kept.
 */
import type { WorkbookView, SheetView } from '../engine/workbook';
import { isBlank } from '../engine/cell';
import { MINIMAL_STYLES, StyleBook } from './styles';
import { textWidth, worksheetXml, type NewCell } from './worksheet';
import { escapeAttr, NS } from './xml';
import { utf8, writePackage } from './zip';

export interface WriteNewOptions {
  /** Sheet order in the file; sheets of the view not listed follow in view order. */
  sheetOrder?: string[];
  /** Header rows to make bold, by sheet (1-based); by default the title row 1 and the first table header row. */
  headerRows?: Record<string, number[]>;
  /** Leave formulas without cached results (so a reader must recalculate). For tests. */
  noCachedValues?: boolean;
  /** In-cell drop-down lists, by sheet. */
  listValidations?: Record<string, readonly { readonly sqref: string; readonly list: readonly string[] }[]>;
  /** Sheets written very hidden (the embedded template): not shown, not offered by Excel's 取消隐藏. */
  veryHiddenSheets?: readonly string[];
}

/** The first row (2..10) that looks like a table header: at least three cells, all text, starting in column A. */
function findHeaderRow(s: SheetView): number | undefined {
  for (let r = 2; r <= Math.min(10, s.rowCount); r++) {
    let n = 0;
    let allText = true;
    for (let c = 1; c <= s.colCount; c++) {
      const v = s.cell(r, c).value;
      if (isBlank(v)) continue;
      n++;
      if (v.kind !== 'text') allText = false;
    }
    if (n >= 3 && allText && s.cell(r, 1).value.kind === 'text') return r;
  }
  return undefined;
}

function displayWidth(s: SheetView, r: number, c: number): number {
  const cell = s.cell(r, c);
  const v = cell.value;
  switch (v.kind) {
    case 'text':
      return textWidth(v.value);
    case 'number':
      return String(Math.round(v.value * 100) / 100).length;
    case 'date':
      return 10;
    case 'boolean':
      return 5;
    case 'error':
      return v.code.length;
    default:
      return 0;
  }
}

export async function writeNewXlsx(view: WorkbookView, opts: WriteNewOptions = {}): Promise<Uint8Array> {
  const order = [...(opts.sheetOrder ?? []).filter((n) => view.sheet(n)), ...view.sheetNames.filter((n) => !opts.sheetOrder?.includes(n))];
  if (order.length === 0) throw new Error('writeNewXlsx: the workbook has no sheets');
  const styles = new StyleBook(MINIMAL_STYLES);
  const names: string[] = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'];
  const parts = new Map<string, Uint8Array>();
  const sheetEls: string[] = [];
  const relEls: string[] = [];
  const overrides: string[] = [];

  order.forEach((name, i) => {
    const s = view.sheet(name)!;
    const header = findHeaderRow(s);
    const bold = new Set(opts.headerRows?.[name] ?? [1, ...(header ? [header] : [])]);
    const cells: NewCell[] = [];
    const widths: number[] = [];
    for (let r = 1; r <= s.rowCount; r++) {
      for (let c = 1; c <= s.colCount; c++) {
        const cell = s.cell(r, c);
        if (cell.value.kind === 'blank' && !cell.formula && !cell.numberFormat) continue;
        cells.push({ row: r, col: c, value: cell.value, formula: cell.formula, numberFormat: cell.numberFormat, bold: bold.has(r) });
        if (r !== 1 || s.rowCount === 1) widths[c - 1] = Math.max(widths[c - 1] ?? 0, displayWidth(s, r, c));
      }
    }
    const columnWidths = Array.from({ length: s.colCount }, (_, c) => Math.min(60, Math.max(8, (widths[c] ?? 0) + 2)));
    const part = `xl/worksheets/sheet${i + 1}.xml`;
    names.push(part);
    parts.set(
      part,
      utf8(
        worksheetXml(
          {
            cells,
            columnWidths,
            merges: s.merges,
            freezeBelowRow: header ? header + 1 : undefined,
            noCachedValues: opts.noCachedValues,
            listValidations: opts.listValidations?.[name],
          },
          styles,
        ),
      ),
    );
    const state = opts.veryHiddenSheets?.includes(name) ? ' state="veryHidden"' : '';
    sheetEls.push(`<sheet name="${escapeAttr(name)}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`);
    relEls.push(`<Relationship Id="rId${i + 1}" Type="${NS.worksheetType}" Target="worksheets/sheet${i + 1}.xml"/>`);
    overrides.push(`<Override PartName="/${part}" ContentType="${NS.worksheetCt}"/>`);
  });
  relEls.push(`<Relationship Id="rId${order.length + 1}" Type="${NS.stylesType}" Target="styles.xml"/>`);

  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  parts.set(
    '[Content_Types].xml',
    utf8(
      `${decl}<Types xmlns="${NS.ct}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="${NS.workbookCt}"/><Override PartName="/xl/styles.xml" ContentType="${NS.stylesCt}"/>${overrides.join('')}</Types>`,
    ),
  );
  parts.set(
    '_rels/.rels',
    utf8(`${decl}<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${NS.officeDocType}" Target="xl/workbook.xml"/></Relationships>`),
  );
  parts.set(
    'xl/workbook.xml',
    utf8(
      `${decl}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>` +
        `<sheets>${sheetEls.join('')}</sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`,
    ),
  );
  parts.set('xl/_rels/workbook.xml.rels', utf8(`${decl}<Relationships xmlns="${NS.pkgRel}">${relEls.join('')}</Relationships>`));
  parts.set('xl/styles.xml', utf8(styles.toXml()));
  return writePackage({ names, parts });
}
