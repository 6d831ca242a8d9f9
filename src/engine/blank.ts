/**
 * A blank return built from a template, ready to type into (`new`, and the frame of a roll-up), and the sheet writers
 * the test generators in ./testing fill their returns with.
 */
import { num, text, type Cell } from './cell';
import { MemoryWorkbook, type MemorySheet } from './memory-workbook';
import type { DataColumnRole, Indicator, Template, TwoPlanColumnRole } from './template/schema';
import { stampText } from './validate/cover';
import { twoPlanLabels } from './validate/two-plan';

export interface BlankReturnOptions {
  /** 填报单位. */
  readonly unit: string;
  /** 报告期 as it should be typed on the cover, e.g. `2026Q3`. */
  readonly period: string;
  /** Write the template stamp row on the cover (when the template has a stamp label); default true. */
  readonly stamp?: boolean;
  /** More cover values by field key (填报人, 联系电话 … of a roll-up); 填报单位 and 报告期 come from `unit` and `period`. */
  readonly cover?: Readonly<Record<string, Cell>>;
}

/** Row of the header on the data and two-plan sheets that the builders write (row 1 is the title). */
export const HEADER_ROW = 2;

/** A text cell and a number cell (optionally formatted), as the writers here and the test generators set them. */
export const textCell = (s: string): Cell => ({ value: text(s) });
export const numberCell = (v: number, numberFormat?: string): Cell => (numberFormat ? { value: num(v), numberFormat } : { value: num(v) });
const t = textCell;
const n = numberCell;

function dataHeaderLabel(template: Template, role: DataColumnRole): string {
  const c = template.dataColumns;
  switch (role) {
    case 'q1':
      return c.quarters[0];
    case 'q2':
      return c.quarters[1];
    case 'q3':
      return c.quarters[2];
    case 'q4':
      return c.quarters[3];
    default:
      return c[role];
  }
}

function twoPlanHeaderLabel(template: Template, role: TwoPlanColumnRole): string {
  return twoPlanLabels(template)[role];
}

/** A target cell as the template holds it: a number, or the text a plan writes (`比2020年降20%`). */
const targetCell = (v: number | string): Cell => (typeof v === 'number' ? n(v) : t(v));

/** Column (1-based) of each data-sheet role in the template's own order. */
function dataColumnsOf(template: Template): Record<DataColumnRole, number> {
  const out = {} as Record<DataColumnRole, number>;
  template.dataColumns.order.forEach((role, i) => (out[role] = i + 1));
  return out;
}

function twoPlanColumnsOf(template: Template): Record<TwoPlanColumnRole, number> {
  const out = {} as Record<TwoPlanColumnRole, number>;
  template.twoPlan.columns.order.forEach((role, i) => (out[role] = i + 1));
  return out;
}

/**
 * 封面: the title, one row per field (label, value) and, when the template names a stamp label and `stamp` is not
 * false, a last row with the template stamp (`fulian-quarterly 2026.1`, text) that `merge` compares.
 */
export function writeCover(wb: MemoryWorkbook, template: Template, values: Readonly<Record<string, Cell>>, stamp = true): void {
  const s = wb.addSheet(template.sheets.cover);
  s.set(1, 1, t(template.cover.title));
  s.merges = [{ start: { row: 1, col: 1 }, end: { row: 1, col: 2 } }];
  template.cover.fields.forEach((f, i) => {
    s.set(i + 2, 1, t(f.label));
    const v = values[f.key];
    if (v) s.set(i + 2, 2, v);
  });
  const label = template.cover.stampLabel;
  if (stamp && label !== undefined) {
    const row = template.cover.fields.length + 2;
    s.set(row, 1, t(label));
    s.set(row, 2, t(stampText(template)));
  }
}

export function writeDataSheets(
  wb: MemoryWorkbook,
  template: Template,
  extraRows: number,
  fillRow?: (s: MemorySheet, row: number, ind: Indicator, cols: Record<DataColumnRole, number>) => void,
): void {
  const cols = dataColumnsOf(template);
  for (const ds of template.sheets.data) {
    const s = wb.addSheet(ds.name);
    s.set(1, 1, t(ds.title));
    s.merges = [{ start: { row: 1, col: 1 }, end: { row: 1, col: template.dataColumns.order.length } }];
    template.dataColumns.order.forEach((role, i) => s.set(HEADER_ROW, i + 1, t(dataHeaderLabel(template, role))));
    let row = HEADER_ROW + 1;
    let i = 0;
    for (const ind of template.indicators) {
      if (ind.sheet !== ds.name) continue;
      s.set(row, cols.code, t(ind.code));
      s.set(row, cols.name, t(ind.name));
      s.set(row, cols.unit, t(ind.unit));
      fillRow?.(s, row, ind, cols);
      row += i < extraRows ? 2 : 1;
      i++;
    }
  }
}

export function writeTwoPlan(
  wb: MemoryWorkbook,
  template: Template,
  value?: (row: Template['twoPlan']['defaultRows'][number]) => { value: number; baseline?: number } | undefined,
): void {
  const cols = twoPlanColumnsOf(template);
  const s = wb.addSheet(template.sheets.twoPlan);
  s.set(1, 1, t(template.sheets.twoPlan));
  s.merges = [{ start: { row: 1, col: 1 }, end: { row: 1, col: template.twoPlan.columns.order.length } }];
  template.twoPlan.columns.order.forEach((role, i) => s.set(HEADER_ROW, i + 1, t(twoPlanHeaderLabel(template, role))));
  template.twoPlan.defaultRows.forEach((d, i) => {
    const r = HEADER_ROW + 1 + i;
    s.set(r, cols.code, t(d.code));
    s.set(r, cols.plan, t(d.plan));
    s.set(r, cols.domain, t(d.domain));
    s.set(r, cols.name, t(d.name));
    s.set(r, cols.unit, t(d.unit));
    s.set(r, cols.direction, t(d.direction));
    const v = value?.(d);
    const baseline = d.baseline ?? v?.baseline;
    if (baseline !== undefined) s.set(r, cols.baseline, n(baseline));
    if (d.midTarget !== undefined) s.set(r, cols.midTarget, targetCell(d.midTarget));
    s.set(r, cols.finalTarget, targetCell(d.finalTarget));
    if (cols.department !== undefined && d.department !== undefined) s.set(r, cols.department, t(d.department));
    if (v !== undefined) s.set(r, cols.value, n(v.value));
  });
}

/**
 * A blank return of the template: cover with 填报单位 and 报告期 filled (and any `cover` values, and the template stamp row), every data sheet with its title, header row and
 * one row per indicator (code, name, unit), and 两纲监测 with its default rows. The 汇总 sheet is not created: `fill`
 * writes it.
 */
export function buildBlankReturn(template: Template, options: BlankReturnOptions): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const cover: Record<string, Cell> = { ...options.cover };
  for (const f of template.cover.fields) {
    if (f.type === 'period') cover[f.key] = t(options.period);
    else if (f.key === 'unit') cover[f.key] = t(options.unit);
  }
  writeCover(wb, template, cover, options.stamp ?? true);
  writeDataSheets(wb, template, 0);
  writeTwoPlan(wb, template);
  return wb;
}

