/**
 * The data sheets (创业就业 … 组织建设): locating rows and columns, reading typed values, required cells, relations,
 * tool-owned cells, outliers — and the figures (累计, 完成年计划, 进度状态) that 汇总 and fill use.
 */
import { isBlank, isPercentFormat, type Cell } from '../cell';
import { displayText } from '../read/cover';
import { readNumber } from '../read/number';
import type { DataSheetLayout, IndicatorFigures, Quarter, SheetCompleteness } from '../report';
import type { DataColumnRole, Indicator, Template } from '../template/schema';
import type { SheetView, WorkbookView } from '../workbook';
import { cumulativeOf, percentOfPlan, progressStatus, rateOf, timeProgress } from '../calc/figures';
import { sumExact } from '../calc/sum';
import type { IssueSink } from './issues';
import { cellText, findLabelRow, isNoteText, mapColumns } from './layout';
import { BLANK_READING, fmtNum, fmtPct, readCell, shownContent, type CellReading } from './values';

type Q4<T> = [T, T, T, T];
const QUARTER_ROLES = ['q1', 'q2', 'q3', 'q4'] as const;
/** Columns a data sheet cannot be checked without. */
const REQUIRED_ROLES: readonly DataColumnRole[] = ['code', 'plan', 'q1', 'q2', 'q3', 'q4'];

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
    layouts.push({ sheet: name, headerRow, columns: columns as Record<string, number>, rows });
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
 * Pass 2, once the report quarter is known: required cells, future quarters, signs and wholeness, relations, stocks,
 * outliers, tool-owned cells; figures and completeness.
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
  const tol = template.tolerances;
  const tp = timeProgress(template, quarter);
  const isMoney = (ind: Indicator): boolean => template.units[ind.unit] !== undefined;
  const add = (r: IndicatorRead, role: DataColumnRole | null, rule: Parameters<IssueSink['add']>[0], params: Record<string, string | number>): void => {
    const col = role ? r.columns[role] : undefined;
    sink.add(rule, r.sheet, col ? r.row : 0, col ?? 0, r.indicator.code, {
      indicator: r.indicator.code,
      name: r.indicator.name,
      ...(role ? { column: labels[role] } : {}),
      ...params,
    });
  };
  const qv = (r: IndicatorRead | undefined, q: number): number | null => {
    if (!r || q > quarter) return null;
    return r.quarters[q - 1]!.value;
  };

  // Typed values: required, future, sign, wholeness.
  for (const r of found.values()) {
    const ind = r.indicator;
    if (ind.plan && r.plan.blank) add(r, 'plan', 'plan-missing', {});
    checkSignAndWhole(r, 'plan', r.plan, add);
    r.quarters.forEach((c, i) => {
      const q = i + 1;
      const role = QUARTER_ROLES[i]!;
      if (c.blank) {
        if (q <= quarter && ind.kind !== 'rate') add(r, role, 'required-missing', {});
        return;
      }
      if (c.value === null) return;
      if (periodKnown && q > quarter) add(r, role, 'future-quarter-filled', { quarter, value: fmtNum(c.value) });
      checkSignAndWhole(r, role, c, add);
    });
  }

  // Relations, quarter by quarter up to the report quarter, where every cell involved holds a number.
  for (const r of found.values()) {
    const ind = r.indicator;
    for (let q = 1; q <= quarter; q++) {
      const role = QUARTER_ROLES[q - 1]!;
      const v = qv(r, q);
      if (ind.partOf?.mayNotExceed) {
        const total = found.get(ind.partOf.total);
        const t = qv(total, q);
        if (v !== null && t !== null && v > t + 1e-9) {
          add(r, role, 'part-exceeds-total', { value: fmtNum(v), total: ind.partOf.total, totalValue: fmtNum(t), totalName: total!.indicator.name });
        }
      }
      if (ind.sumOf && v !== null) {
        const parts = ind.sumOf.map((c) => qv(found.get(c), q));
        if (parts.every((p): p is number => p !== null)) {
          const sum = sumExact(parts);
          const allowed = isMoney(ind) ? tol.money + 1e-9 : 1e-9;
          if (Math.abs(sum - v) > allowed) {
            add(r, role, 'parts-sum-mismatch', { value: fmtNum(v), sum: fmtNum(sum), parts: ind.sumOf.join('+') });
          }
        }
      }
      if (ind.ratio) checkRateQuarter(r, q, found, quarter, add, tol.ratePoints / 100);
      if (ind.kind === 'stock' && q > 1) {
        const prev = qv(r, q - 1);
        if (v !== null && prev !== null && v < prev - 1e-9) add(r, role, 'stock-decrease', { previous: fmtNum(prev), value: fmtNum(v) });
      }
      if (ind.kind !== 'rate' && v !== null) {
        const others: number[] = [];
        for (let o = 1; o <= quarter; o++) {
          const ov = o === q ? null : qv(r, o);
          if (ov !== null) others.push(ov);
        }
        if (others.length > 0) {
          const mean = others.reduce((a, b) => a + b, 0) / others.length;
          if (mean > 0 && v > tol.outlierQuarterFactor * mean) {
            add(r, role, 'outlier', { value: fmtNum(v), factor: tol.outlierQuarterFactor, reference: fmtNum(mean) });
          }
        }
      }
    }
  }

  // Figures.
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
  const figures: IndicatorFigures[] = template.indicators.map((ind) => {
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

  // Over the year: a rate's own 累计 above 100%, 累计 far above 年计划, overwritten tool-owned cells.
  for (const f of figures) {
    const r = found.get(f.indicator.code);
    if (!r) continue;
    const ind = f.indicator;
    if (ind.kind === 'rate' && f.cumulative !== null && f.cumulative > 1 + 1e-9) {
      add(r, 'cumulative', 'rate-out-of-range', { rate: fmtPct(f.cumulative) });
    }
    if (ind.kind !== 'rate' && f.cumulative !== null && f.plan !== null && f.plan > 0 && f.cumulative > tol.outlierPlanFactor * f.plan) {
      add(r, 'cumulative', 'outlier', { value: fmtNum(f.cumulative), factor: tol.outlierPlanFactor, reference: fmtNum(f.plan) });
    }
    const sheet = view.sheet(r.sheet)!;
    const money = isMoney(ind);
    checkToolOwned(sheet, r, 'cumulative', f.cumulative, ind.kind === 'rate', money ? tol.money : 1e-6, template, add);
    if (ind.kind !== 'rate') {
      checkToolOwned(sheet, r, 'percentOfPlan', f.percentOfPlan, true, 0, template, add);
      checkToolOwned(sheet, r, 'timeProgress', f.timeProgress, true, 0, template, add);
    }
  }

  return { figures, completeness: completeness(view, template, read, quarter) };
}

type Add = (r: IndicatorRead, role: DataColumnRole | null, rule: Parameters<IssueSink['add']>[0], params: Record<string, string | number>) => void;

function checkSignAndWhole(r: IndicatorRead, role: DataColumnRole, c: CellReading, add: Add): void {
  if (c.value === null) return;
  if (c.value < 0) add(r, role, 'negative-value', { value: fmtNum(c.value) });
  else if (r.indicator.integer && Math.abs(c.value - Math.round(c.value)) > 1e-9) add(r, role, 'not-integer', { value: fmtNum(c.value) });
}

function checkRateQuarter(
  r: IndicatorRead,
  q: number,
  found: ReadonlyMap<string, IndicatorRead>,
  quarter: Quarter,
  add: Add,
  tolerance: number,
): void {
  const ratio = r.indicator.ratio!;
  const role = QUARTER_ROLES[q - 1]!;
  const typed = r.quarters[q - 1]!;
  if (typed.failed || q > quarter) return;
  const num = found.get(ratio.numerator)?.quarters[q - 1]?.value ?? null;
  const den = found.get(ratio.denominator)?.quarters[q - 1]?.value ?? null;
  const computed = rateOf(num, den);
  if (typed.value !== null) {
    if (computed !== null && Math.abs(typed.value - computed) > tolerance + 1e-12) {
      add(r, role, 'rate-mismatch', {
        typed: fmtPct(typed.value),
        computed: fmtPct(computed),
        numerator: ratio.numerator,
        denominator: ratio.denominator,
      });
    }
    // A typed rate above 100% is out of range whether or not it also disagrees with its parts.
    if (typed.value > 1 + 1e-9) add(r, role, 'rate-out-of-range', { rate: fmtPct(typed.value) });
  } else if (computed !== null && computed > 1 + 1e-9) {
    add(r, role, 'rate-out-of-range', { rate: fmtPct(computed) });
  }
}

/**
 * A tool-owned cell whose content disagrees with the tool's figure → cumulative-mismatch: a typed constant, or a formula
 * whose calculated (cached) value differs (a user's own SUM that skips `1262余`, a formula left pointing at other rows).
 * A blank constant is not judged, nor a formula with no cached value (a writer that does not calculate).
 */
function checkToolOwned(
  sheet: SheetView,
  r: IndicatorRead,
  role: DataColumnRole,
  expected: number | null,
  percent: boolean,
  tolerance: number,
  template: Template,
  add: Add,
): void {
  const col = r.columns[role];
  if (col === undefined) return;
  const cell = sheet.cell(r.row, col);
  if (cell.formula ? cell.uncached : isBlank(cell.value)) return;
  if (isBlank(cell.value) ? expected === null : typedAgrees(cell, expected, percent, tolerance, r.indicator.unit, template)) return;
  add(r, role, 'cumulative-mismatch', {
    typed: shownContent(cell),
    expected: expected === null ? '—' : percent ? `${fmtPct(expected)}%` : fmtNum(expected),
  });
}

function typedAgrees(cell: Cell, expected: number | null, percent: boolean, tolerance: number, unit: string, template: Template): boolean {
  if (expected === null) return false;
  const tol = percent ? 0.00005 + 1e-12 : tolerance + 1e-9;
  const candidates: number[] = [];
  if (cell.value.kind === 'number') {
    const v = cell.value.value;
    candidates.push(v);
    if (percent && !isPercentFormat(cell.numberFormat)) candidates.push(v / 100);
  } else {
    const r = readNumber(cell, { unit: percent ? '%' : unit, units: template.units });
    if (r.kind !== 'number') return false;
    candidates.push(r.value);
  }
  return candidates.some((v) => Math.abs(v - expected) <= tol);
}

function completeness(view: WorkbookView, template: Template, read: DataSheetsRead, quarter: Quarter): SheetCompleteness[] {
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
        if (ind.kind !== 'rate') for (let q = 0; q < quarter; q++) if (!r.quarters[q]!.blank) filled++;
      }
      requiredCells += need;
      filledCells += filled;
      requiredIndicators++;
      if (filled === need) filledIndicators++;
    }
    void view;
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
