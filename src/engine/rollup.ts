/**
 * Roll-up (汇总上报, spec section 6): many returns of one period summed into one new return of the same template.
 *
 * Streaming by design: each return is reduced to a small `RollupContribution` (the typed numbers of its data sheets,
 * read by the engine's value reader through `checkReturn`) and a `UnitRow` for the `各单位` sheet, and the `Rollup`
 * keeps running sums only, never a workbook. `build` then makes the roll-up as a MemoryWorkbook: a blank return of the
 * template (cover, headers, codes) with the sums typed in, the first return's two-plan rows with 本期值 blank, and the
 * `各单位` sheet. The tool-owned cells and 汇总 are left to `planFill`, exactly as `fill` writes them.
 *
 * Pure: no I/O.
 */
import { twoPlanLabels } from './validate/two-plan';
import { ExactSum } from './calc/sum';
import { BLANK, num, text, type Cell, type CellValue } from './cell';
import type { MemorySheet, MemoryWorkbook } from './memory-workbook';
import type { ReturnReport } from './report';
import { buildBlankReturn, HEADER_ROW } from './blank';
import { QUARTER_ROLES } from './template/quarters';
import type { DataColumnRole, Template, TwoPlanColumnRole } from './template/schema';
import { cellText, findLabelRow, mapColumns } from './validate/layout';
import type { WorkbookView } from './workbook';

/** The user-typed cells of a data row, in this order: 年计划, then the four quarters. */
export const TYPED_ROLES = ['plan', ...QUARTER_ROLES] as const satisfies readonly DataColumnRole[];
export type TypedRole = (typeof TYPED_ROLES)[number];

/** One return's typed numbers: per non-rate indicator code, [年计划, Q1, Q2, Q3, Q4] as read (null = blank or unreadable). */
export interface RollupContribution {
  readonly values: Readonly<Record<string, readonly (number | null)[]>>;
}

/** One row of the `各单位` sheet. */
export interface UnitRow {
  readonly unit: string | null;
  readonly file: string;
  /** Overall completeness, a fraction. */
  readonly completeness: number;
  readonly errors: number;
  readonly warnings: number;
  /** 累计 of each `plan` indicator (null when it has none). */
  readonly cumulatives: Readonly<Record<string, number | null>>;
  /**
   * 上级单位: for a row carried from an input roll-up's own 各单位, the unit that rolled it up (the input itself, or
   * the unit its own 各单位 named); absent for the returns merged here.
   */
  readonly parent?: string | null;
}

/** A two-plan row carried from the first return: the cells of each column role except 本期值 and 达标状态. */
export interface CarriedTwoPlanRow {
  readonly cells: Readonly<Partial<Record<TwoPlanColumnRole, Cell>>>;
}

/** Roles of a two-plan row that the roll-up carries; 本期值 is the reviewer's own, 达标状态 the tool's, 备注 the unit's. */
const CARRIED_TWO_PLAN_ROLES: readonly TwoPlanColumnRole[] = [
  'code',
  'plan',
  'domain',
  'name',
  'unit',
  'direction',
  'baseline',
  'midTarget',
  'finalTarget',
  'department',
  'year',
];

/** The typed numbers of a checked return, from its report (so `1262余`, `685万元` count as the engine reads them). */
export function contributionOf(report: ReturnReport): RollupContribution {
  const values: Record<string, (number | null)[]> = {};
  for (const f of report.indicators) {
    if (f.indicator.kind === 'rate' || f.row === null) continue;
    values[f.indicator.code] = [f.plan, ...f.quarters];
  }
  return { values };
}

/** The `各单位` row of a checked return. */
export function unitRowOf(report: ReturnReport, file: string): UnitRow {
  const cumulatives: Record<string, number | null> = {};
  for (const f of report.indicators) if (f.indicator.plan) cumulatives[f.indicator.code] = f.cumulative;
  return {
    unit: report.unit,
    file,
    completeness: report.completeness.overall,
    errors: report.counts.error,
    warnings: report.counts.warning,
    cumulatives,
  };
}

/**
 * The two-plan rows of a return as typed (one per code, first occurrence, in sheet order), for the roll-up to carry.
 * Formulas are dropped (their cached values kept): the roll-up's own cells must not point at another workbook's rows.
 * Null when the return has no readable two-plan sheet.
 */
export function twoPlanRowsOf(view: WorkbookView, report: ReturnReport): CarriedTwoPlanRow[] | null {
  const layout = report.layout.twoPlan;
  const sheet = layout ? view.sheet(layout.sheet) : undefined;
  if (!layout || !sheet) return null;
  const seen = new Set<string>();
  const rows: CarriedTwoPlanRow[] = [];
  for (const r of [...report.twoPlan.rows].sort((a, b) => a.row - b.row)) {
    if (seen.has(r.code)) continue;
    seen.add(r.code);
    const cells: Partial<Record<TwoPlanColumnRole, Cell>> = {};
    for (const role of CARRIED_TWO_PLAN_ROLES) {
      const c = layout.columns[role];
      if (c === undefined) continue;
      const cell = sheet.cell(r.row, c);
      if (cell.value.kind === 'blank') continue;
      cells[role] = cell.numberFormat && cell.numberFormat !== 'General' ? { value: cell.value, numberFormat: cell.numberFormat } : { value: cell.value };
    }
    rows.push({ cells });
  }
  return rows;
}

export interface RollupBuildOptions {
  /** 填报单位 of the roll-up. */
  readonly unit: string;
  /** 报告期 as it should be typed on the cover, e.g. `2026Q3`. */
  readonly period: string;
  /** More cover values by field key (填报人, 审核人, 联系电话, 填报日期), so the roll-up goes up a level clean. */
  readonly cover?: Readonly<Record<string, Cell>>;
  /**
   * The rows of 各单位 in order: each merged return's own row, followed by the rows of its own 各单位 when it is a
   * roll-up (with `parent` set).
   */
  readonly units: readonly UnitRow[];
  /** The first return's two-plan rows; null keeps the template's default rows. */
  readonly twoPlan: readonly CarriedTwoPlanRow[] | null;
}

/** Labels of the `各单位` sheet (contract, spec section 6). */
export const UNITS_SHEET = {
  name: '各单位',
  headers: ['填报单位', '文件', '完整率(%)', '错误数', '警告数'],
  /** After the contract columns, where rows carried from input roll-ups say which unit rolled them up. */
  parentHeader: '上级单位',
  /** Header of a plan indicator's 累计 column. */
  cumulativeHeader: (code: string, name: string, cumulativeLabel: string): string => `${code} ${name} ${cumulativeLabel}`,
} as const;

/** Running sums of the typed cells of many returns; `build` makes the roll-up workbook. */
export class Rollup {
  private readonly sums = new Map<string, ExactSum[]>();
  private added = 0;

  constructor(readonly template: Template) {
    for (const ind of template.indicators) {
      if (ind.kind !== 'rate') this.sums.set(ind.code, TYPED_ROLES.map(() => new ExactSum()));
    }
  }

  /** Returns added so far. */
  get count(): number {
    return this.added;
  }

  add(contribution: RollupContribution): void {
    for (const [code, values] of Object.entries(contribution.values)) {
      const sums = this.sums.get(code);
      if (!sums) continue;
      values.forEach((v, i) => {
        if (v !== null && Number.isFinite(v) && i < sums.length) sums[i]?.add(v);
      });
    }
    this.added++;
  }

  /** The sum of one typed cell over the returns added, or null when no return holds a number there. */
  sum(code: string, role: TypedRole): number | null {
    const s = this.sums.get(code)?.[TYPED_ROLES.indexOf(role)];
    return s && s.count > 0 ? s.value : null;
  }

  /**
   * The roll-up as a workbook: 封面 (unit, period, and the stamp of this template: `merge` has refused returns of any
   * other version, so it is the returns' common version), the data sheets with the sums typed in (rate rows blank), 两纲监测
   * with the carried rows and 本期值 blank, an empty 汇总 placeholder (so `fill` replaces it in place, before 各单位),
   * and 各单位. Tool-owned cells stay blank: `planFill` writes them.
   */
  build(options: RollupBuildOptions): MemoryWorkbook {
    const t = this.template;
    const wb = buildBlankReturn(t, { unit: options.unit, period: options.period, ...(options.cover ? { cover: options.cover } : {}) });
    const order = t.dataColumns.order;
    const colOf = (role: DataColumnRole): number => order.indexOf(role) + 1;
    const codeCol = colOf('code');
    const byCode = new Map(t.indicators.map((i) => [i.code, i]));
    for (const ds of t.sheets.data) {
      const s = wb.sheet(ds.name);
      if (!s) continue;
      for (let r = HEADER_ROW + 1; r <= s.rowCount; r++) {
        const v = s.cell(r, codeCol).value;
        if (v.kind !== 'text') continue;
        const ind = byCode.get(v.value);
        if (!ind || ind.kind === 'rate') continue;
        for (const role of TYPED_ROLES) {
          const sum = this.sum(ind.code, role);
          if (sum !== null) s.set(r, colOf(role), { value: num(sum) });
        }
      }
    }
    if (options.twoPlan) writeTwoPlan(wb, t, options.twoPlan);
    const summary = wb.addSheet(t.summary.sheet);
    summary.set(1, 1, { value: text(t.summary.title) });
    writeUnits(wb.addSheet(UNITS_SHEET.name), t, options.units);
    return wb;
  }
}

function writeTwoPlan(wb: MemoryWorkbook, t: Template, rows: readonly CarriedTwoPlanRow[]): void {
  const name = t.sheets.twoPlan;
  const blank = wb.sheet(name);
  if (!blank) return;
  // Rebuilt from the blank sheet's title and header (it is the blank return's last sheet, so the order holds).
  wb.removeSheet(name);
  const s = wb.addSheet(name);
  for (let r = 1; r <= HEADER_ROW; r++) for (let c = 1; c <= blank.colCount; c++) s.set(r, c, blank.cell(r, c));
  s.merges = [...blank.merges];
  const order: TwoPlanColumnRole[] = [...t.twoPlan.columns.order];
  // 责任单位 and 统计年度 are optional columns: where the template's own layout lacks them but the returns carry them,
  // they follow its last column, under their labels.
  const labels = twoPlanLabels(t);
  for (const role of ['department', 'year'] as const) {
    if (order.includes(role) || !rows.some((row) => row.cells[role] !== undefined)) continue;
    order.push(role);
    s.set(HEADER_ROW, order.length, { value: text(labels[role]) });
  }
  rows.forEach((row, i) => {
    for (const [role, cell] of Object.entries(row.cells) as [TwoPlanColumnRole, Cell][]) {
      const c = order.indexOf(role) + 1;
      if (c > 0) s.set(HEADER_ROW + 1 + i, c, cell);
    }
  });
}

function writeUnits(s: MemorySheet, t: Template, units: readonly UnitRow[]): void {
  const plans = t.indicators.filter((i) => i.plan);
  const pct = t.summary.formats.percent;
  s.set(1, 1, { value: text(UNITS_SHEET.name) });
  const nested = units.some((u) => u.parent !== undefined);
  const headers = [
    ...UNITS_SHEET.headers,
    ...plans.map((p) => UNITS_SHEET.cumulativeHeader(p.code, p.name, t.dataColumns.cumulative)),
    ...(nested ? [UNITS_SHEET.parentHeader] : []),
  ];
  headers.forEach((h, i) => s.set(2, i + 1, { value: text(h) }));
  const parentCol = headers.length;
  const orBlank = (v: number | null | undefined): CellValue => (v === null || v === undefined || !Number.isFinite(v) ? BLANK : num(v));
  units.forEach((u, i) => {
    const r = 3 + i;
    // Unit names and file names are always text cells: `=SUM(…)` typed as a unit name stays text.
    if (u.unit !== null && u.unit !== '') s.set(r, 1, { value: text(u.unit) });
    s.set(r, 2, { value: text(u.file) });
    s.set(r, 3, { value: num(u.completeness), numberFormat: pct });
    s.set(r, 4, { value: num(u.errors) });
    s.set(r, 5, { value: num(u.warnings) });
    plans.forEach((p, j) => s.set(r, 6 + j, { value: orBlank(u.cumulatives[p.code]) }));
    if (nested && u.parent) s.set(r, parentCol, { value: text(u.parent) });
  });
}

/**
 * The rows of a return's own `各单位` sheet when it is a roll-up (empty otherwise), each with its 上级单位: as that
 * sheet names it, or `unit` (the roll-up itself) for the returns it merged directly. Columns are found by label, plan
 * cumulatives by the code that opens their header.
 */
export function unitRowsOf(view: WorkbookView, template: Template, unit: string | null): UnitRow[] {
  const s = view.sheet(UNITS_SHEET.name);
  if (!s) return [];
  const [unitLabel, fileLabel, completenessLabel, errorsLabel, warningsLabel] = UNITS_SHEET.headers;
  const headerRow = findLabelRow(s, unitLabel!);
  if (headerRow === 0) return [];
  const cols = mapColumns(s, headerRow, {
    unit: unitLabel!,
    file: fileLabel!,
    completeness: completenessLabel!,
    errors: errorsLabel!,
    warnings: warningsLabel!,
    parent: UNITS_SHEET.parentHeader,
  });
  if (cols.file === undefined) return [];
  const planCols = new Map<string, number>();
  const plans = new Set(template.indicators.filter((i) => i.plan).map((i) => i.code));
  for (let c = 1; c <= s.colCount; c++) {
    const code = cellText(s.cell(headerRow, c)).split(/\s+/)[0] ?? '';
    if (plans.has(code) && !planCols.has(code)) planCols.set(code, c);
  }
  const numberAt = (r: number, c: number | undefined): number | null => {
    const v = c === undefined ? undefined : s.cell(r, c).value;
    return v?.kind === 'number' && Number.isFinite(v.value) ? v.value : null;
  };
  const textAt = (r: number, c: number | undefined): string => (c === undefined ? '' : cellText(s.cell(r, c)));
  const rows: UnitRow[] = [];
  for (let r = headerRow + 1; r <= s.rowCount; r++) {
    const file = textAt(r, cols.file);
    const name = textAt(r, cols.unit);
    if (file === '' && name === '') continue;
    const cumulatives: Record<string, number | null> = {};
    for (const [code, c] of planCols) cumulatives[code] = numberAt(r, c);
    rows.push({
      unit: name === '' ? null : name,
      file,
      completeness: numberAt(r, cols.completeness) ?? 0,
      errors: numberAt(r, cols.errors) ?? 0,
      warnings: numberAt(r, cols.warnings) ?? 0,
      cumulatives,
      parent: textAt(r, cols.parent) || unit,
    });
  }
  return rows;
}
