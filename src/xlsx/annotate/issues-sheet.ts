/**
 * The sheet `问题清单` of an annotated return: 工作表 · 单元格 · 级别 · 问题 · 规则, a row per finding, the 单元格 of each
 * row an internal hyperlink (`location`, no relationship) to the finding's cell. Inline strings only, no styles, so the
 * package's styles part stays as it was.
 */
import { sheetRef } from '../../engine/address';
import { escapeAttr, escapeText } from '../xml';

export interface IssueRow {
  readonly sheet: string;
  /** A1, or null (the finding is about the sheet as a whole). */
  readonly cell: string | null;
  readonly severity: string;
  readonly message: string;
  readonly rule: string;
  /** Whether the sheet exists in the workbook, so a link to it can work. */
  readonly sheetExists: boolean;
}

const COLS = ['A', 'B', 'C', 'D', 'E'];
const WIDTHS = [12, 9, 7, 80, 24];

function cell(ref: string, value: string): string {
  return value === '' ? '' : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeText(value)}</t></is></c>`;
}

export function issuesSheetXml(ns: { main: string; rel: string }, headers: readonly string[], rows: readonly IssueRow[], none: string): string {
  const lines: string[] = [];
  const links: string[] = [];
  lines.push(`<row r="1">${headers.map((h, i) => cell(`${COLS[i]}1`, h)).join('')}</row>`);
  rows.forEach((r, i) => {
    const n = i + 2;
    const values = [r.sheet, r.cell ?? '', r.severity, r.message, r.rule];
    lines.push(`<row r="${n}">${values.map((v, j) => cell(`${COLS[j]}${n}`, v)).join('')}</row>`);
    if (r.sheetExists) {
      const target = `${sheetRef(r.sheet)}!${r.cell ?? 'A1'}`;
      // On 单元格 (on 工作表 for a finding about a whole sheet).
      links.push(`<hyperlink ref="${r.cell ? 'B' : 'A'}${n}" location="${escapeAttr(target)}" display="${escapeAttr(`${r.sheet}!${r.cell ?? 'A1'}`)}"/>`);
    }
  });
  if (rows.length === 0) lines.push(`<row r="2">${cell('A2', none)}</row>`);
  const last = Math.max(rows.length + 1, rows.length === 0 ? 2 : 1);
  const cols = WIDTHS.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${escapeAttr(ns.main)}" xmlns:r="${escapeAttr(ns.rel)}">` +
    `<dimension ref="A1:E${last}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>` +
    `<sheetData>${lines.join('')}</sheetData>` +
    (links.length > 0 ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</worksheet>`
  );
}
