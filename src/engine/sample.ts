/**
 * Sample returns built from a template: a blank return ready to type into (`new`), a complete clean return (tests,
 * preview, benchmarks) and a stress template for benchmarks. Pure: no I/O, deterministic per seed.
 */
import { dateSerial, num, text, serialFromDate, type Cell } from './cell';
import { MemoryWorkbook, type MemorySheet } from './memory-workbook';
import type { Quarter } from './report';
import { QUARTER_ROLES, type DataColumnRole, type Indicator, type Template, type TwoPlanColumnRole } from './template/schema';
import { stampText } from './validate/cover';
import { twoPlanLabels } from './validate/two-plan';
import { readTarget } from './read/target';

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

export interface FilledReturnOptions {
  readonly quarter: Quarter;
  /** Default 2026. */
  readonly year?: number;
  /** 填报单位; default `示例县妇联`. */
  readonly unit?: string;
  /** Seed of the deterministic value generator; default 1. */
  readonly seed?: number;
  /**
   * Blank rows inserted among the indicator rows of every data sheet (one after each of the first `extraRows`
   * indicators), as users do: checks must find rows by code, never by row number. Default 0.
   * For a return with many more data rows, build it from `stressTemplate(n)`.
   */
  readonly extraRows?: number;
  /** Write the template stamp row on the cover (when the template has a stamp label); default true. False builds a
   * return as older versions of the tool made it. */
  readonly stamp?: boolean;
}

/** Row of the header on the data and two-plan sheets that the builders write (row 1 is the title). */
export const SAMPLE_HEADER_ROW = 2;

const t = (s: string): Cell => ({ value: text(s) });
const n = (v: number, numberFormat?: string): Cell => (numberFormat ? { value: num(v), numberFormat } : { value: num(v) });

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
function writeCover(wb: MemoryWorkbook, template: Template, values: Readonly<Record<string, Cell>>, stamp = true): void {
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

function writeDataSheets(
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
    template.dataColumns.order.forEach((role, i) => s.set(SAMPLE_HEADER_ROW, i + 1, t(dataHeaderLabel(template, role))));
    let row = SAMPLE_HEADER_ROW + 1;
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

function writeTwoPlan(
  wb: MemoryWorkbook,
  template: Template,
  value?: (row: Template['twoPlan']['defaultRows'][number]) => { value: number; baseline?: number } | undefined,
): void {
  const cols = twoPlanColumnsOf(template);
  const s = wb.addSheet(template.sheets.twoPlan);
  s.set(1, 1, t(template.sheets.twoPlan));
  s.merges = [{ start: { row: 1, col: 1 }, end: { row: 1, col: template.twoPlan.columns.order.length } }];
  template.twoPlan.columns.order.forEach((role, i) => s.set(SAMPLE_HEADER_ROW, i + 1, t(twoPlanHeaderLabel(template, role))));
  template.twoPlan.defaultRows.forEach((d, i) => {
    const r = SAMPLE_HEADER_ROW + 1 + i;
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

/** mulberry32: a small deterministic generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

type Quarters = [number, number, number, number];

/** A stable six-digit code for a unit name (62xxxx, 620102 left to the default unit). */
function divisionCodeFor(unit: string): string {
  let h = 0;
  for (const ch of unit) h = (h * 31 + ch.codePointAt(0)!) % 9973;
  const code = `62${String(h).padStart(4, '0')}`;
  return code === '620102' ? '620103' : code;
}

/** Plausible base magnitude of one quarter's value for a unit. */
function baseFor(unit: string, template: Template, r: () => number): number {
  const money = template.units[unit];
  if (money) {
    const yuan = money.factor >= 10000 ? 200_000 + r() * 2_800_000 : 5_000 + r() * 195_000;
    return round2(yuan / money.factor);
  }
  if (unit === '人' || unit === '人次') return Math.round(200 + r() * 1800);
  return Math.round(20 + r() * 180);
}

/**
 * A complete, clean return: checking it yields no finding. Quarters after the report quarter are blank; plans for
 * `plan` indicators; relations hold exactly (exhaustive parts add up, ≤-parts stay under their totals, stocks never
 * fall, no outliers); rate rows hold the exact rate of each quarter as a percent-formatted fraction; tool-owned
 * cells are left blank (fill writes them); two-plan 本期值 filled; cover complete with a date value.
 */
export function buildFilledReturn(template: Template, options: FilledReturnOptions): MemoryWorkbook {
  const year = options.year ?? 2026;
  const quarter = options.quarter;
  const r = rng(options.seed ?? 1);
  const byCode = new Map(template.indicators.map((i) => [i.code, i]));
  const money = (ind: Indicator): boolean => !ind.integer || template.units[ind.unit] !== undefined;
  const memo = new Map<string, Quarters>();
  const plans = new Map<string, number>();

  const splitInto = (total: Quarters, parts: readonly string[], ind: Indicator): void => {
    const split = parts.map((code) => ({ code, share: 0.5 + r(), vals: [0, 0, 0, 0] as Quarters }));
    const sum = split.reduce((a, b) => a + b.share, 0);
    for (let q = 0; q < 4; q++) {
      let left = total[q];
      split.forEach(({ code, share, vals }, j) => {
        const partInd = byCode.get(code) ?? ind;
        let v: number;
        if (j === split.length - 1) v = money(partInd) ? round2(left) : left;
        else v = money(partInd) ? round2((total[q] * share) / sum) : Math.floor((total[q] * share) / sum);
        vals[q] = v;
        left -= v;
      });
    }
    for (const { code, vals } of split) memo.set(code, vals);
  };

  const gen = (code: string, depth = 0): Quarters => {
    const done = memo.get(code);
    if (done) return done;
    const ind = byCode.get(code);
    if (!ind || depth > 50) return [0, 0, 0, 0];
    let v: Quarters;
    if (ind.partOf && byCode.has(ind.partOf.total)) {
      const total = gen(ind.partOf.total, depth + 1);
      const again = memo.get(code); // set while splitting an exhaustive total
      if (again) return again;
      const frac = 0.3 + r() * 0.5;
      v = total.map((x) => (money(ind) ? round2(x * frac) : Math.floor(x * frac))) as Quarters;
    } else if (ind.kind === 'stock') {
      const base = baseFor(ind.unit, template, r);
      const step = Math.max(1, Math.ceil(base * 0.05));
      v = [base, 0, 0, 0];
      let prev = base;
      for (let q = 1; q < 4; q++) v[q] = prev = money(ind) ? round2(prev + r() * step) : prev + Math.floor(r() * step);
    } else if (ind.kind === 'rate') {
      v = [0, 0, 0, 0];
    } else {
      const base = baseFor(ind.unit, template, r);
      v = [0, 0, 0, 0].map(() => (money(ind) ? round2(base * (0.8 + r() * 0.4)) : Math.round(base * (0.8 + r() * 0.4)))) as Quarters;
    }
    memo.set(code, v);
    if (ind.sumOf) splitInto(v, ind.sumOf, ind);
    if (ind.plan) {
      const p = ind.kind === 'stock' ? v[3] * (1.05 + r() * 0.2) : (v[0] + v[1] + v[2] + v[3]) * (0.95 + r() * 0.2);
      plans.set(code, money(ind) ? round2(p) : Math.max(1, Math.round(p)));
    }
    return v;
  };
  for (const ind of template.indicators) gen(ind.code);

  const wb = new MemoryWorkbook();
  const phoneCell = t('0938-8212345');
  const reportDate = new Date(Date.UTC(year, quarter * 3, 8));
  const cover: Record<string, Cell> = {};
  for (const f of template.cover.fields) {
    switch (f.type) {
      case 'period':
        cover[f.key] = t(`${year}Q${quarter}`);
        break;
      case 'phone':
        cover[f.key] = phoneCell;
        break;
      case 'date':
        cover[f.key] = { value: dateSerial(serialFromDate(reportDate)), numberFormat: 'yyyy-mm-dd' };
        break;
      case 'division-code':
        // Another unit, another code (merge refuses two returns with one code as the same unit twice).
        cover[f.key] = t(options.unit === undefined || options.unit === '示例县妇联' ? '620102' : divisionCodeFor(options.unit));
        break;
      default:
        cover[f.key] = t(f.key === 'unit' ? (options.unit ?? '示例县妇联') : f.key === 'reviewer' ? '王芳' : '李娟');
    }
  }
  writeCover(wb, template, cover, options.stamp ?? true);

  const qCols = (cols: Record<DataColumnRole, number>): number[] => QUARTER_ROLES.map((r) => cols[r]);
  writeDataSheets(wb, template, options.extraRows ?? 0, (s, row, ind, cols) => {
    const plan = plans.get(ind.code);
    if (plan !== undefined) s.set(row, cols.plan, n(plan));
    const qc = qCols(cols);
    if (ind.kind === 'rate' && ind.ratio) {
      const a = memo.get(ind.ratio.numerator);
      const b = memo.get(ind.ratio.denominator);
      qc.slice(0, quarter).forEach((col, q) => {
        if (a && b && b[q] > 0) s.set(row, col, n(a[q] / b[q], '0.00%'));
      });
      return;
    }
    const v = memo.get(ind.code) ?? [0, 0, 0, 0];
    qc.slice(0, quarter).forEach((col, q) => s.set(row, col, n(v[q])));
  });

  writeTwoPlan(wb, template, (d) => {
    const higher = template.twoPlan.directions.higher.includes(d.direction.trim());
    const f = 0.85 + r() * 0.3;
    const round2 = (x: number): number => Math.round(x * 100) / 100;
    if (typeof d.finalTarget === 'string') {
      // A target relative to 基期值, qualitative or approximate: a 基期值 of its own, and a value near it.
      const target = readTarget(t(d.finalTarget), { unit: d.unit, units: template.units });
      const points = d.unit.trim() === '%' ? 100 : 1;
      if (target.kind === 'approximate') return { value: round2(target.value * points * (0.97 + r() * 0.06)) };
      const baseline = d.baseline ?? round2(20 + r() * 20);
      return { value: round2(baseline * (higher ? 1 + r() * 0.3 : 1 - r() * 0.3)), baseline };
    }
    let v = d.finalTarget * f;
    if (d.unit.trim() === '%') v = Math.min(v, higher ? 99.5 : v);
    return { value: round2(v) };
  });
  return wb;
}

/**
 * The standard template widened to `dataRows` data-sheet indicators (for benchmarks): extra flow indicators
 * `X0001`, `X0002`, … (unit 人, every fifth with a plan) spread over the data sheets in turn. A template, not code:
 * the engine handles it like any federation's own version.
 */
export function stressTemplate(base: Template, dataRows: number): Template {
  const out = structuredClone(base) as Template & { indicators: Indicator[] };
  const sheets = out.sheets.data.map((s) => s.name);
  const extra = Math.max(0, dataRows - out.indicators.length);
  for (let i = 1; i <= extra; i++) {
    out.indicators.push({
      code: `X${String(i).padStart(4, '0')}`,
      sheet: sheets[i % sheets.length] ?? '',
      name: `压力测试指标${i}`,
      unit: '人',
      kind: 'flow',
      plan: i % 5 === 0,
      integer: true,
    });
  }
  return { ...out, version: `${base.version}-stress${dataRows}` };
}

