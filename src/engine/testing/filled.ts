/**
 * A complete clean return generated from a template, deterministic per seed: the input of tests, the shipped sample
 * (scripts/make-sample.ts) and benchmarks. Not part of the product.
 */
import { dateSerial, serialFromDate, type Cell } from '../cell';
import { MemoryWorkbook } from '../memory-workbook';
import type { Quarter } from '../report';
import { QUARTER_ROLES } from '../template/quarters';
import type { DataColumnRole, Indicator, Template } from '../template/schema';
import { readTarget } from '../read/target';
import { numberCell as n, textCell as t, writeCover, writeDataSheets, writeTwoPlan } from '../blank';

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
