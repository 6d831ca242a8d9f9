/**
 * The template a return carries (spec section 7: "the return carries it"): `new --template` writes the template it
 * used into a very hidden sheet of the return, so every host — the CLI, the task pane in Excel or WPS, the web page —
 * checks it with the federation's own template without a rebuild or a file beside it.
 *
 * Why a sheet and not a custom XML part: every host reads sheets through the API it already uses for the return (a
 * very hidden sheet is still a worksheet to Office.js, WPS and our .xlsx reader), Excel, WPS and LibreOffice keep it
 * through a save, and `fill`'s patcher copies it untouched. Layout: A1 the marker, B1 the stamp (`<id> <version>`),
 * then the template's JSON in column A from row 2 on, in pieces well under Excel's 32,767 characters a cell.
 */
import { text, type Cell } from '../cell';
import type { MemoryWorkbook } from '../memory-workbook';
import type { SheetView, WorkbookView } from '../workbook';
import { parseTemplateJson, type TemplateResult } from './load';
import type { Template } from './schema';

export const EMBEDDED_TEMPLATE_SHEET = '模板定义';
export const EMBEDDED_TEMPLATE_MARKER = 'fulian-returns template';
/** Characters of JSON per cell. */
const PIECE = 8000;

/** Adds the template sheet to a workbook (written very hidden by the .xlsx writer's caller). */
export function embedTemplate(wb: MemoryWorkbook, template: Template): void {
  wb.removeSheet(EMBEDDED_TEMPLATE_SHEET);
  const s = wb.addSheet(EMBEDDED_TEMPLATE_SHEET);
  s.set(1, 1, { value: text(EMBEDDED_TEMPLATE_MARKER) });
  s.set(1, 2, { value: text(`${template.id} ${template.version}`) });
  const json = JSON.stringify(template);
  for (let i = 0, row = 2; i < json.length; i += PIECE, row++) s.set(row, 1, { value: text(json.slice(i, i + PIECE)) });
}

/** The template a return carries: null when it has no template sheet, else the validated template or why not. */
export function readEmbeddedTemplate(view: WorkbookView): TemplateResult | null {
  const s = view.sheet(EMBEDDED_TEMPLATE_SHEET);
  return s ? templateFromSheet(s) : null;
}

/** A template sheet's content; hosts that read the sheet's values themselves build a SheetView of them. */
export function templateFromSheet(s: SheetView): TemplateResult | null {
  const textOf = (c: Cell): string => (c.value.kind === 'text' ? c.value.value : '');
  if (textOf(s.cell(1, 1)).trim() !== EMBEDDED_TEMPLATE_MARKER) return null;
  let json = '';
  for (let r = 2; r <= s.rowCount; r++) json += textOf(s.cell(r, 1));
  return parseTemplateJson(json);
}
