/** 封面: each field found by its label in column A, its value in column B of that row. */
import { isBlank } from '../cell';
import { displayText, isDivisionCode, isPhone, readDate, readPeriod } from '../read/cover';
import type { Period } from '../report';
import type { Template } from '../template/schema';
import type { WorkbookView } from '../workbook';
import type { IssueSink } from './issues';
import { findLabelRow } from './layout';

export interface CoverResult {
  readonly present: boolean;
  readonly unit: string | null;
  readonly periodText: string | null;
  readonly period: Period | null;
}

const VALUE_COL = 2;

export function checkCover(view: WorkbookView, template: Template, sink: IssueSink): CoverResult {
  const name = template.sheets.cover;
  const sheet = view.sheet(name);
  if (!sheet) {
    sink.add('missing-sheet', name, 0, 0, null, { sheet: name });
    return { present: false, unit: null, periodText: null, period: null };
  }
  let unit: string | null = null;
  let periodText: string | null = null;
  let period: Period | null = null;
  for (const f of template.cover.fields) {
    const row = findLabelRow(sheet, f.label);
    const params = { label: f.label, key: f.key };
    if (row === 0) {
      if (f.required) sink.add('cover-field-missing', name, 0, 0, null, params);
      continue;
    }
    const cell = sheet.cell(row, VALUE_COL);
    if (isBlank(cell.value)) {
      if (f.required) sink.add('cover-field-missing', name, row, VALUE_COL, null, params);
      continue;
    }
    const shown = displayText(cell);
    if (f.key === 'unit') unit = shown;
    switch (f.type) {
      case 'period': {
        if (periodText === null) periodText = shown;
        const p = readPeriod(cell);
        if (p === null) sink.add('bad-period', name, row, VALUE_COL, null, { ...params, text: shown });
        else if (period === null) period = p;
        break;
      }
      case 'phone':
        if (!isPhone(cell)) sink.add('bad-phone', name, row, VALUE_COL, null, { ...params, text: shown });
        break;
      case 'date':
        if (readDate(cell) === null) sink.add('bad-date', name, row, VALUE_COL, null, { ...params, text: shown });
        break;
      case 'division-code':
        if (!isDivisionCode(cell)) sink.add('bad-division-code', name, row, VALUE_COL, null, { ...params, text: shown });
        break;
      case 'text':
        break;
    }
  }
  return { present: true, unit, periodText, period };
}
