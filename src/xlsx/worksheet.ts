/** A whole new worksheet part (the 汇总 sheet, or each sheet of a new return). */
import { formatRange, type RangeAddress } from '../engine/address';
import type { CellValue } from '../engine/cell';
import { cellXml } from './cell-xml';
import type { StyleBook } from './styles';
import { escapeAttr, escapeText, NS } from './xml';

export interface NewCell {
  readonly row: number;
  readonly col: number;
  readonly value: CellValue;
  readonly formula?: string;
  readonly numberFormat?: string;
  readonly bold?: boolean;
}

export interface NewSheet {
  readonly cells: readonly NewCell[];
  /** Excel character widths, index 0 = column A; 0 or missing = default. */
  readonly columnWidths?: readonly number[];
  readonly merges?: readonly RangeAddress[];
  /** Freeze the rows above this 1-based row (the header row + 1), if set. */
  readonly freezeBelowRow?: number;
  readonly noCachedValues?: boolean;
  /** In-cell drop-down lists (data validations of type list) over ranges such as `E2:E1001`. */
  readonly listValidations?: readonly { readonly sqref: string; readonly list: readonly string[] }[];
}

/** `ns`: the package's namespaces (Transitional unless given). */
export function worksheetXml(sheet: NewSheet, styles: StyleBook, ns: { main: string; rel: string } = { main: NS.main, rel: NS.rel }): string {
  const rows = new Map<number, NewCell[]>();
  let maxRow = 0;
  let maxCol = 0;
  for (const c of sheet.cells) {
    const list = rows.get(c.row) ?? [];
    const i = list.findIndex((x) => x.col === c.col);
    if (i >= 0) list[i] = c;
    else list.push(c);
    rows.set(c.row, list);
    maxRow = Math.max(maxRow, c.row);
    maxCol = Math.max(maxCol, c.col);
  }
  const out: string[] = [];
  for (const r of [...rows.keys()].sort((a, b) => a - b)) {
    const list = rows.get(r)!.sort((a, b) => a.col - b.col);
    out.push(`<row r="${r}">`);
    for (const c of list) {
      let numberFormat = c.numberFormat;
      if (numberFormat === undefined && c.value.kind === 'date') numberFormat = 'yyyy-mm-dd';
      const s = numberFormat !== undefined || c.bold ? styles.xfFor(0, { numberFormat, bold: c.bold }) : undefined;
      out.push(cellXml(c.row, c.col, c.value, c.formula, { s, noCachedValues: sheet.noCachedValues }));
    }
    out.push('</row>');
  }
  const data = out.join('');
  const dim = maxRow && maxCol ? formatRange({ start: { row: 1, col: 1 }, end: { row: maxRow, col: maxCol } }) : 'A1';
  let views = '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  if (sheet.freezeBelowRow && sheet.freezeBelowRow > 1) {
    const top = `A${sheet.freezeBelowRow}`;
    views = `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${sheet.freezeBelowRow - 1}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`;
  }
  const widths = sheet.columnWidths ?? [];
  const cols = widths
    .map((w, i) => (w > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${Math.round(w * 100) / 100}" customWidth="1"/>` : ''))
    .join('');
  const merges = sheet.merges?.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${formatRange(m)}"/>`).join('')}</mergeCells>`
    : '';
  const lists = sheet.listValidations ?? [];
  const validations = lists.length
    ? `<dataValidations count="${lists.length}">${lists
        .map(
          (v) =>
            `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${escapeAttr(v.sqref)}">` +
            `<formula1>${escapeText(`"${v.list.join(',')}"`)}</formula1></dataValidation>`,
        )
        .join('')}</dataValidations>`
    : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${ns.main}" xmlns:r="${ns.rel}">` +
    `<dimension ref="${dim}"/>${views}<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${data}</sheetData>${merges}${validations}` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
}

/** Display width of a text in Excel character units: CJK and full-width characters count two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
