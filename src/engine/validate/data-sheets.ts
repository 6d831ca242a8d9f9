/**
 * The data sheets (创业就业 … 组织建设): locating rows and columns, reading typed values, required cells, relations,
 * tool-owned cells, outliers — and the figures (累计, 完成年计划, 进度状态) that 汇总 and fill use.
 */
import type { DataSheetLayout, IndicatorFigures, Quarter, SheetCompleteness } from '../report';
import { QUARTER_ROLES } from '../template/quarters';
import type { DataColumnRole, Indicator, Template } from '../template/schema';
import type { SheetView, WorkbookView } from '../workbook';
import { cumulativeOf, percentOfPlan, progressStatus, rateOf, timeProgress } from '../calc/figures';
import { joinParams } from '../findings';
import type { IssueSink } from './issues';
import { cellText, findLabelRow, isNoteText, mapColumns } from './layout';
import { INDICATOR_RULES } from './rules';
import { BLANK_READING, readCell, type CellReading } from './values';

type Q4<T> = [T, T, T, T];
/** Columns a data sheet cannot be checked without. */
const REQUIRED_ROLES: readonly DataColumnRole[] = ['code', 'plan', ...QUARTER_ROLES];

/** One indicator row as read, before anything depends on the report quarter. */
export interface IndicatorRead {
  readonly indicator: Indicator;
  readonly sheet: string;
  readonly row: number;
  readonly columns: Partial<Record<DataColumnRole, number>>;
  readonly plan: CellReading;
  readonly quarters: Q4<CellReading>;
}

export interface DataSheetsRead {
  readonly layouts: DataSheetLayout[];
  /** Indicators found, by code. */
  readonly found: Map<string, IndicatorRead>;
  /** Data sheets that could be read (present with a header row). */
  readonly readable: Set<string>;
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

/** Pass 1: locate and read every data sheet; reports sheet, header, row and value-reading findings. */
export function readDataSheets(view: WorkbookView, template: Template, sink: IssueSink): DataSheetsRead {
  const labels = dataLabels(template);
  const layouts: DataSheetLayout[] = [];
  const found = new Map<string, IndicatorRead>();
  const readable = new Set<string>();
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
    const sheet = view.sheet(name);
    if (!sheet) {
      sink.add('missing-sheet', name, 0, 0, null, { sheet: name });
      continue;
    }
    const headerRow = findLabelRow(sheet, labels.code);
    const columns = headerRow ? mapColumns(sheet, headerRow, labels) : {};
    const absent = REQUIRED_ROLES.find((r) => columns[r] === undefined);
    if (!headerRow || absent) {
      sink.add('missing-header-row', name, 0, 0, null, { sheet: name, label: labels[absent ?? 'code'] });
      continue;
    }
    readable.add(name);
    const codeCol = columns.code!;
    const rows: Record<string, number> = {};
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const code = cellText(sheet.cell(r, codeCol));
      if (!code || isNoteText(code)) continue;
      const first = rows[code];
      if (first !== undefined) {
        sink.add('duplicate-indicator', name, r, codeCol, code, { indicator: code, firstRow: first });
        continue;
      }
      rows[code] = r;
      const ind = expected.get(code);
      if (!ind) {
        sink.add('unknown-indicator', name, r, codeCol, code, { indicator: code, sheet: name });
        continue;
      }
      const read = readIndicatorRow(sheet, template, sink, ind, r, columns, labels);
      found.set(code, read);
      read.quarters.forEach((q, i) => {
        if (!q.blank && i + 1 > lastFilledQuarter) lastFilledQuarter = i + 1;
      });
    }
    for (const ind of expected.values()) {
      if (rows[ind.code] === undefined) sink.add('missing-indicator', name, 0, 0, ind.code, { indicator: ind.code, name: ind.name });
    }
    // Every required role was found above.
    layouts.push({ sheet: name, headerRow, columns: columns as DataSheetLayout['columns'], rows });
  }
  return { layouts, found, readable, lastFilledQuarter };
}

function readIndicatorRow(
  sheet: SheetView,
  template: Template,
  sink: IssueSink,
  ind: Indicator,
  row: number,
  columns: Partial<Record<DataColumnRole, number>>,
  labels: Record<DataColumnRole, string>,
): IndicatorRead {
  const ctx = { unit: ind.unit, units: template.units };
  const at = (role: DataColumnRole): CellReading => {
    const col = columns[role];
    if (col === undefined) return BLANK_READING;
    return readCell(sink, sheet.name, row, col, sheet.cell(row, col), ctx, ind.code, {
      indicator: ind.code,
      name: ind.name,
      column: labels[role],
    });
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
 * Pass 2, once the report quarter is known: the figures of every indicator found, then every indicator rule
 * (src/engine/rules, scope `indicator`) on each; completeness.
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
  const labels = dataLabels(template);
  const { found } = read;
  const figures = figuresOf(template, found, quarter);
  for (const f of figures) {
    const r = found.get(f.indicator.code);
    const sheet = r && view.sheet(r.sheet);
    if (!r || !sheet) continue;
    const base = { row: r, figures: f, found, quarter, periodKnown, template, sheet };
    for (const rule of INDICATOR_RULES) {
      rule.check({
        ...base,
        report: (role, params) => {
          const col = r.columns[role];
          const place = { indicator: r.indicator.code, name: r.indicator.name, column: labels[role] };
          sink.add(rule.id, r.sheet, col ? r.row : 0, col ?? 0, r.indicator.code, joinParams(place, params));
        },
      });
    }
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
