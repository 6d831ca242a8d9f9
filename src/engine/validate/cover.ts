/** 封面: each field found by its label in column A, its value in column B of that row. */
import { isBlank, type Cell } from '../cell';
import { joinParams, type FieldParams, type RuleId } from '../findings';
import { displayText, isDivisionCode, readPeriod } from '../read/cover';
import type { Period, TemplateStamp } from '../report';
import type { Template } from '../template/schema';
import type { SheetView, WorkbookView } from '../workbook';
import type { IssueSink } from './issues';
import { findLabelRow } from './layout';
import { checkSheet, visit } from './rules';

export interface CoverResult {
  readonly present: boolean;
  readonly unit: string | null;
  readonly periodText: string | null;
  readonly period: Period | null;
  /** 行政区划代码 when it reads as 6 digits, else null. */
  readonly divisionCode: string | null;
  /** The template stamp row's reading; null when absent or blank. */
  readonly stamp: TemplateStamp | null;
}

const VALUE_COL = 2;

/** Reads 封面's fields and runs every rule module's `sheet` and `coverField` visitors on them. */
export function checkCover(view: WorkbookView, template: Template, sink: IssueSink): CoverResult {
  const name = template.sheets.cover;
  const sheet = view.sheet(name);
  checkSheet(sink, name, sheet !== undefined);
  if (!sheet) return { present: false, unit: null, periodText: null, period: null, divisionCode: null, stamp: null };
  let unit: string | null = null;
  let periodText: string | null = null;
  let period: Period | null = null;
  let divisionCode: string | null = null;
  for (const field of template.cover.fields) {
    const row = findLabelRow(sheet, field.label);
    const cell = row === 0 ? null : sheet.cell(row, VALUE_COL);
    const value = cell && !isBlank(cell.value) ? cell : null;
    const place = { label: field.label, key: field.key };
    visit('coverField', { field, value }, (id, params) => sink.add(id, name, row, VALUE_COL, null, joinParams<RuleId, FieldParams>(place, params)));
    if (!value) continue;
    const shown = displayText(value);
    if (field.key === 'unit') unit = shown;
    if (field.type === 'period') {
      if (periodText === null) periodText = shown;
      if (period === null) period = readPeriod(value);
    }
    if (field.type === 'division-code' && divisionCode === null && isDivisionCode(value)) divisionCode = shown;
  }
  return { present: true, unit, periodText, period, divisionCode, stamp: readStampRow(sheet, template) };
}

/** The stamp text a return of this template carries: `<id> <version>`, e.g. `fulian-quarterly 2026.1`. */
export function stampText(template: Pick<Template, 'id' | 'version'>): string {
  return `${template.id} ${template.version}`;
}

/**
 * A stamp cell's reading: the last word is the version, the words before it the id (`fulian-quarterly 2026.1`); one
 * word alone is an id with an empty version (so it matches no template); blank → null.
 */
export function readStamp(cell: Cell): TemplateStamp | null {
  if (isBlank(cell.value)) return null;
  const words = displayText(cell).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return null;
  if (words.length === 1) return { id: words.join(''), version: '' };
  const version = words.pop() ?? '';
  return { id: words.join(' '), version };
}

/** A return's stamp as a template of this cover layout reads it (null without a cover, a label or a stamp). */
export function stampOf(view: WorkbookView, template: Template): TemplateStamp | null {
  const sheet = view.sheet(template.sheets.cover);
  return sheet ? readStampRow(sheet, template) : null;
}

/** The stamp row (found by its label, like every cover field; absent in older returns, never a finding). */
function readStampRow(sheet: SheetView, template: Template): TemplateStamp | null {
  const label = template.cover.stampLabel;
  if (label === undefined) return null;
  const row = findLabelRow(sheet, label);
  return row === 0 ? null : readStamp(sheet.cell(row, VALUE_COL));
}
