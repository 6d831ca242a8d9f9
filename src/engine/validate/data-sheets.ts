/**
 * The data sheets (创业就业 … 组织建设): pass 1 reads them (rows and columns located by label, typed values read);
 * pass 2, once the report quarter is known, computes the figures (累计, 完成年计划, 进度状态) that 汇总 and fill use,
 * and runs every rule module over what was read: the sheets, their tables, each value cell, each indicator.
 */
import type { DataSheetLayout, IndicatorFigures, Quarter, RequiredDataColumn, SheetCompleteness } from '../report';
import { QUARTER_ROLES } from '../template/quarters';
import type { DataColumnRole, Indicator, Template } from '../template/schema';
import type { SheetView, WorkbookView } from '../workbook';
import { cumulativeOf, percentOfPlan, progressStatus, rateOf, timeProgress } from '../calc/figures';
import { joinParams, type CellParams, type RuleId } from '../findings';
import type { IssueSink } from './issues';
import { findLabelRow, firstRows, hasColumns, mapColumns, readCodeRows, type CodeRow } from './layout';
import { cellsOf } from './rule';
import { checkCell, checkSheet, checkTable, visit } from './rules';
import { readCell, type CellReading } from './values';

type Q4<T> = [T, T, T, T];
/** Columns a data sheet cannot be checked without. */
const REQUIRED_ROLES: readonly RequiredDataColumn[] = ['code', 'plan', ...QUARTER_ROLES];

/** One indicator row as read, before anything depends on the report quarter. */
export interface IndicatorRead {
  readonly indicator: Indicator;
  readonly sheet: string;
  readonly row: number;
  readonly columns: Partial<Record<DataColumnRole, number>>;
  readonly plan: CellReading;
  readonly quarters: Q4<CellReading>;
}

/** One data sheet of the template as read: present or not, its header row located or not, the codes below it. */
export interface DataSheetRead {
  readonly name: string;
  readonly present: boolean;
  /** The label looked for and not found (指标代码, or a required column's); null when the header row was located. */
  readonly missingLabel: string | null;
  readonly codeRows: readonly CodeRow[];
  /** The template's indicators of the sheet. */
  readonly expected: readonly Indicator[];
}

export interface DataSheetsRead {
  readonly sheets: readonly DataSheetRead[];
  readonly layouts: DataSheetLayout[];
  /** Indicators found, by code: the first row of a code the template has on that sheet. */
  readonly found: Map<string, IndicatorRead>;
  /** Highest quarter (1–4) that holds anything on any data sheet, 0 when none. */
  readonly lastFilledQuarter: number;
}

export function dataLabels(template: Template): Record<DataColumnRole, string> {
  const c = template.dataColumns;
  return {
    code: c.code,
    name: c.name,
    unit: c.unit,
    plan: c.plan,
    q1: c.quarters[0],
    q2: c.quarters[1],
    q3: c.quarters[2],
    q4: c.quarters[3],
    cumulative: c.cumulative,
    percentOfPlan: c.percentOfPlan,
    timeProgress: c.timeProgress,
    note: c.note,
  };
}

/** Pass 1: locates and reads every data sheet; reports nothing (the rules run in pass 2 on what was read). */
export function readDataSheets(view: WorkbookView, template: Template): DataSheetsRead {
  const labels = dataLabels(template);
  const sheets: DataSheetRead[] = [];
  const layouts: DataSheetLayout[] = [];
  const found = new Map<string, IndicatorRead>();
  let lastFilledQuarter = 0;
  const bySheet = new Map<string, Map<string, Indicator>>();
  for (const ind of template.indicators) {
    let m = bySheet.get(ind.sheet);
    if (!m) bySheet.set(ind.sheet, (m = new Map()));
    m.set(ind.code, ind);
  }

  for (const ds of template.sheets.data) {
    const name = ds.name;
    const expected = bySheet.get(name) ?? new Map<string, Indicator>();
    const unread = { name, codeRows: [], expected: [...expected.values()] };
    const sheet = view.sheet(name);
    if (!sheet) {
      sheets.push({ ...unread, present: false, missingLabel: null });
      continue;
    }
    const headerRow = findLabelRow(sheet, labels.code);
    const columns = headerRow ? mapColumns(sheet, headerRow, labels) : {};
    if (!headerRow || !hasColumns(columns, REQUIRED_ROLES)) {
      const absent = REQUIRED_ROLES.find((r) => columns[r] === undefined);
      sheets.push({ ...unread, present: true, missingLabel: labels[absent ?? 'code'] });
      continue;
    }
    const codeRows = readCodeRows(sheet, headerRow, columns.code, (code) => expected.has(code));
    for (const { row, code, firstRow } of codeRows) {
      // A row is read once, under a code the template has on this sheet (the others are the rules' to report).
      const ind = firstRow === null ? expected.get(code) : undefined;
      if (!ind) continue;
      const read = readIndicatorRow(sheet, template, ind, row, columns);
      found.set(code, read);
      read.quarters.forEach((q, i) => {
        if (!q.blank && i + 1 > lastFilledQuarter) lastFilledQuarter = i + 1;
      });
    }
    sheets.push({ ...unread, present: true, missingLabel: null, codeRows });
    layouts.push({ sheet: name, headerRow, columns, rows: firstRows(codeRows) });
  }
  return { sheets, layouts, found, lastFilledQuarter };
}

function readIndicatorRow(sheet: SheetView, template: Template, ind: Indicator, row: number, columns: Partial<Record<DataColumnRole, number>>): IndicatorRead {
  const ctx = { unit: ind.unit, units: template.units };
  const at = (role: 'plan' | (typeof QUARTER_ROLES)[number]): CellReading => {
    const col = columns[role];
    return readCell(col === undefined ? { value: { kind: 'blank' } } : sheet.cell(row, col), ctx);
  };
  return {
    indicator: ind,
    sheet: sheet.name,
    row,
    columns,
    plan: at('plan'),
    quarters: [at('q1'), at('q2'), at('q3'), at('q4')],
  };
}

export interface DataSheetsResult {
  readonly figures: IndicatorFigures[];
  readonly completeness: SheetCompleteness[];
}

/**
 * Pass 2, once the report quarter is known: the figures of every indicator found; then every rule module's visitors on
 * what pass 1 read — each data sheet (`sheet`, `table`), each value cell of an indicator found (`cell`), each indicator
 * with its figures (`indicator`); completeness.
 * @param periodKnown false when the quarter was inferred (报告期 unreadable): no future-quarter findings then.
 */
export function checkDataSheets(
  view: WorkbookView,
  template: Template,
  sink: IssueSink,
  read: DataSheetsRead,
  quarter: Quarter,
  periodKnown: boolean,
): DataSheetsResult {
  for (const s of read.sheets) {
    checkSheet(sink, s.name, s.present);
    if (!s.present) continue;
    const expected = s.expected.map((ind) => ({ code: ind.code, name: ind.name }));
    checkTable(sink, { kind: 'data', name: s.name, missingLabel: s.missingLabel, codeRows: s.codeRows, expected });
  }
  const labels = dataLabels(template);
  const { found } = read;
  const figures = figuresOf(template, found, quarter);
  for (const f of figures) {
    const r = found.get(f.indicator.code);
    const sheet = r && view.sheet(r.sheet);
    if (!r || !sheet) continue;
    const placeOf = (role: DataColumnRole): CellParams => ({ indicator: r.indicator.code, name: r.indicator.name, column: labels[role] });
    for (const { role, reading } of cellsOf(r)) {
      const col = r.columns[role];
      if (col !== undefined) checkCell(sink, { sheet: r.sheet, row: r.row, col }, placeOf, role, reading.reading);
    }
    visit('indicator', { row: r, figures: f, found, quarter, periodKnown, template, sheet }, (id, role, params) => {
      const col = r.columns[role];
      sink.add(id, r.sheet, col ? r.row : 0, col ?? 0, r.indicator.code, joinParams<RuleId, CellParams>(placeOf(role), params));
    });
  }
  return { figures, completeness: completeness(template, read, quarter) };
}

/** 累计 (a rate's from its numerator's and denominator's), 完成年计划, 序时进度 and 进度状态 of every indicator. */
function figuresOf(template: Template, found: ReadonlyMap<string, IndicatorRead>, quarter: Quarter): IndicatorFigures[] {
  const tp = timeProgress(template, quarter);
  const cumulative = new Map<string, number | null>();
  for (const ind of template.indicators) {
    const r = found.get(ind.code);
    if (!r || ind.kind === 'rate') continue;
    cumulative.set(ind.code, cumulativeOf(ind.kind, r.quarters.map((c) => c.value) as Q4<number | null>, quarter));
  }
  for (const ind of template.indicators) {
    const r = found.get(ind.code);
    if (!r || !ind.ratio) continue;
    cumulative.set(ind.code, rateOf(cumulative.get(ind.ratio.numerator) ?? null, cumulative.get(ind.ratio.denominator) ?? null));
  }
  return template.indicators.map((ind) => {
    const r = found.get(ind.code);
    const cum = r ? (cumulative.get(ind.code) ?? null) : null;
    const plan = r ? r.plan.value : null;
    const pct = ind.kind === 'rate' ? null : percentOfPlan(cum, plan);
    return {
      indicator: ind,
      row: r ? r.row : null,
      plan,
      quarters: r ? (r.quarters.map((c) => c.value) as Q4<number | null>) : [null, null, null, null],
      cumulative: cum,
      percentOfPlan: pct,
      timeProgress: tp,
      progressStatus: progressStatus(template, ind.kind === 'rate' ? null : plan, pct, tp),
    };
  });
}

function completeness(template: Template, read: DataSheetsRead, quarter: Quarter): SheetCompleteness[] {
  return template.sheets.data.map((ds) => {
    let requiredCells = 0;
    let filledCells = 0;
    let requiredIndicators = 0;
    let filledIndicators = 0;
    for (const ind of template.indicators) {
      if (ind.sheet !== ds.name) continue;
      const need = (ind.kind === 'rate' ? 0 : quarter) + (ind.plan ? 1 : 0);
      if (need === 0) continue;
      const r = read.found.get(ind.code);
      let filled = 0;
      if (r) {
        if (ind.plan && !r.plan.blank) filled++;
        if (ind.kind !== 'rate') for (let q = 0; q < quarter; q++) if (r.quarters[q]?.blank === false) filled++;
      }
      requiredCells += need;
      filledCells += filled;
      requiredIndicators++;
      if (filled === need) filledIndicators++;
    }
    return {
      sheet: ds.name,
      requiredCells,
      filledCells,
      requiredIndicators,
      filledIndicators,
      fraction: requiredCells === 0 ? 1 : filledCells / requiredCells,
    };
  });
}
