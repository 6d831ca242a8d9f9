/** The 汇总 sheet: three blocks of formulas over the data sheets and 两纲监测 (spec: 汇总), and block 3's detail. */
import { BLANK, isBlank, isPercentFormat, num, text, type CellValue } from '../cell';
import type { CellWrite, SheetWrite } from '../fill-plan';
import type { DataSheetLayout, Quarter, ReturnReport } from '../report';
import type { TwoPlanColumnRole } from '../template/schema';
import { QUARTER_ROLES } from '../template/quarters';
import type { WorkbookView } from '../workbook';
import {
  absolute,
  add,
  cell,
  COUNTA,
  COUNTIF,
  COUNTIFS,
  div,
  eq,
  ge,
  group,
  IF,
  ISNUMBER,
  ISTEXT,
  N,
  num as numExpr,
  range,
  str,
  sub,
  sum,
  type Expr,
} from '../formula/expr';
import { printFormula } from '../formula/print';
import { guard, refList, timeProgress, typedOf, type Readings } from './typed';

/** Excel's limit on a formula's length; a longer one is written as its value. */
const MAX_FORMULA = 8000;

const columnsOf = <K extends string>(keys: readonly K[]): Readonly<Record<K, number>> =>
  Object.fromEntries(keys.map((k, i) => [k, i + 1])) as Record<K, number>;

/** 汇总's columns per block, in the contract's order (the template's header labels follow the same order). */
const SUMMARY_COLUMNS = {
  indicator: columnsOf(['code', 'name', 'unit', 'plan', 'cumulative', 'percentOfPlan', 'timeProgress', 'progressStatus'] as const),
  sheet: columnsOf(['sheet', 'requiredIndicators', 'filledIndicators', 'completeness'] as const),
  twoPlan: columnsOf(['plan', 'total', 'final', 'finalShare', 'mid', 'midShare', 'below', 'noData'] as const),
};

const COLUMN_WIDTHS = [12, 34, 10, 12, 12, 14, 14, 14];

const numOrBlank = (v: number | null | undefined): CellValue => (v === null || v === undefined || !Number.isFinite(v) ? BLANK : num(v));
const textOrBlank = (s: string): CellValue => (s === '' ? BLANK : text(s));
const EMPTY = str('');

/** `IF(N(x)=0,"",a/x)`: a share, blank while there is nothing to share. */
const shareOf = (part: Expr, whole: Expr): Expr => IF(eq(N(whole), numExpr(0)), EMPTY, div(part, whole));

/** How the blocks write 汇总's cells: a constant, a formula with its cached value, a bold header row of labels. */
interface Writer {
  readonly put: (row: number, col: number, value: CellValue, extra?: Partial<CellWrite>) => void;
  readonly fx: (row: number, col: number, formula: Expr, value: CellValue, numberFormat?: string) => void;
  readonly header: (row: number, labels: readonly string[]) => void;
}
type Locate = (code: string) => { layout: DataSheetLayout; row: number } | null;

export function summarySheet(view: WorkbookView, rd: Readings, report: ReturnReport, quarter: Quarter, locate: Locate): SheetWrite {
  const template = rd.template;
  const name = template.summary.sheet;
  const pct = template.summary.formats.percent;
  const cells: CellWrite[] = [];
  const put: Writer['put'] = (row, col, value, extra = {}) => {
    cells.push({ sheet: name, row, col, value, ...extra });
  };
  const fx: Writer['fx'] = (row, col, expr, value, numberFormat) => {
    const formula = printFormula(expr);
    if (formula.length > MAX_FORMULA) put(row, col, value, numberFormat ? { numberFormat } : {});
    else put(row, col, value, { formula, ...(numberFormat ? { numberFormat } : {}) });
  };
  const header: Writer['header'] = (row, labels) => labels.forEach((l, i) => put(row, i + 1, text(l), { bold: true }));
  const w: Writer = { put, fx, header };

  let r = 1;
  put(r, 1, text(template.summary.title), { bold: true });
  r++;

  // Block 1: per indicator.
  const k = SUMMARY_COLUMNS.indicator;
  header(r, template.summary.indicatorBlock.headers);
  r++;
  const ps = template.progress.statuses;
  for (const f of report.indicators) {
    const ind = f.indicator;
    put(r, k.code, text(ind.code));
    put(r, k.name, text(ind.name));
    put(r, k.unit, text(ind.unit));
    const at = locate(ind.code);
    const plan = cell(r, k.plan);
    const percentOfPlan = cell(r, k.percentOfPlan);
    let planTyped = false;
    if (at) {
      const planCol = at.layout.columns.plan;
      const planRef = cell(at.row, planCol, at.layout.sheet);
      const planCell = view.sheet(at.layout.sheet)?.cell(at.row, planCol);
      planTyped = planCell !== undefined && !isBlank(planCell.value);
      const t = typedOf(view.sheet(at.layout.sheet), at.row, planCol, ind.unit, rd);
      // A rate's plan (none is asked for, but one may be typed) is read as a fraction: plain points ÷ 100.
      const points = t.kind === 'plain' && ind.unit === '%' && planCell?.value.kind === 'number' && !isPercentFormat(planCell.numberFormat);
      const typedPlan = t.kind === 'read' ? guard(planRef, t.value) : points ? div(planRef, numExpr(100)) : planRef;
      // Unreadable text or an error: no plan, as the engine reads it.
      const planFormula = t.kind === 'read' || t.kind === 'plain' ? IF(eq(planRef, EMPTY), EMPTY, typedPlan) : IF(ISNUMBER(planRef), planRef, EMPTY);
      fx(r, k.plan, planFormula, numOrBlank(f.plan));
      const cumCol = at.layout.columns['cumulative'];
      const cumFormat = ind.kind === 'rate' ? pct : undefined;
      if (cumCol !== undefined) fx(r, k.cumulative, cell(at.row, cumCol, at.layout.sheet), numOrBlank(f.cumulative), cumFormat);
      else put(r, k.cumulative, numOrBlank(f.cumulative), cumFormat ? { numberFormat: cumFormat } : {});
    }
    if (ind.kind !== 'rate') fx(r, k.percentOfPlan, shareOf(N(cell(r, k.cumulative)), plan), numOrBlank(f.percentOfPlan), pct);
    fx(r, k.timeProgress, timeProgress(template, quarter), numOrBlank(f.timeProgress), pct);
    // A rate has no plan whatever is typed there: its 进度状态 is 无计划 for good.
    if (ind.kind === 'rate' && planTyped) put(r, k.progressStatus, text(f.progressStatus));
    else {
      const status = IF(
        eq(N(plan), numExpr(0)),
        str(ps.noPlan),
        IF(ge(N(percentOfPlan), numExpr(1)), str(ps.exceeded), IF(ge(N(percentOfPlan), cell(r, k.timeProgress)), str(ps.onTrack), str(ps.behind))),
      );
      fx(r, k.progressStatus, status, text(f.progressStatus));
    }
    r++;
  }

  r = sheetBlock(view, rd, report, quarter, r + 1, w);
  r = twoPlanBlock(rd, report, r + 1, w);
  twoPlanDetail(rd, report, r, w);

  return { name, cells, columnWidths: COLUMN_WIDTHS };
}

/** Block 2, per data sheet: 应填指标数, 已填指标数 and 完整率 from COUNTA over each indicator's required cells. */
function sheetBlock(
  view: WorkbookView,
  rd: Readings,
  report: ReturnReport,
  quarter: Quarter,
  start: number,
  { put, fx, header }: Writer,
): number {
  const template = rd.template;
  const pct = template.summary.formats.percent;
  const k = SUMMARY_COLUMNS.sheet;
  let r = start;
  header(r, template.summary.sheetBlock.headers);
  r++;
  const layoutOf = new Map(report.layout.dataSheets.map((l) => [l.sheet, l]));
  for (const d of report.completeness.detail) {
    put(r, k.sheet, text(d.sheet));
    put(r, k.requiredIndicators, num(d.requiredIndicators));
    const layout = layoutOf.get(d.sheet);
    /** Per indicator: its required cells, and the signed terms that count the filled ones. */
    const terms: { readonly cells: number; readonly filled: readonly Expr[] }[] = [];
    if (layout) {
      const sheet = view.sheet(layout.sheet);
      for (const ind of template.indicators) {
        if (ind.sheet !== d.sheet) continue;
        const row = layout.rows[ind.code];
        const cols = [...(ind.plan ? [layout.columns.plan] : []), ...(ind.kind === 'rate' ? [] : quarterColsOf(layout, quarter))];
        if (row === undefined || cols.length === 0) continue;
        // COUNTA counts text of spaces, which the engine reads as blank: such a cell takes itself off while it stays text.
        const spaces = cols.filter((c) => typedOf(sheet, row, c, ind.unit, rd).kind === 'space').map((c) => ISTEXT(cell(row, c, layout.sheet)));
        terms.push({ cells: cols.length, filled: [COUNTA(...refList(row, cols, layout.sheet)), ...spaces] });
      }
    }
    /** COUNTA(…)-ISTEXT(…)-…, chained left to right after `before` when given. */
    const counted = (filled: readonly Expr[], before?: Expr): Expr => {
      const [counta, ...spaces] = filled;
      if (counta === undefined) throw new RangeError('no COUNTA term');
      return spaces.reduce(sub, before ? add(before, counta) : counta);
    };
    const filledIndicators = terms.map((t) => group(eq(counted(t.filled), numExpr(t.cells))));
    fx(r, k.filledIndicators, filledIndicators.length ? sum(filledIndicators) : numExpr(0), num(d.filledIndicators));
    if (d.requiredCells === 0) put(r, k.completeness, num(1), { numberFormat: pct });
    else {
      const filledCells = terms.reduce<Expr | undefined>((acc, t) => counted(t.filled, acc), undefined);
      fx(r, k.completeness, filledCells ? div(group(filledCells), numExpr(d.requiredCells)) : numExpr(0), num(d.fraction), pct);
    }
    r++;
  }
  return r;
}

/** Block 3, per plan and in total: COUNTIF / COUNTIFS over 两纲监测's 达标状态, fixed to its rows at fill time. */
function twoPlanBlock(
  rd: Readings,
  report: ReturnReport,
  start: number,
  { put, fx, header }: Writer,
): number {
  const template = rd.template;
  const share = template.summary.formats.share;
  const k = SUMMARY_COLUMNS.twoPlan;
  let r = start;
  header(r, template.summary.twoPlanBlock.headers);
  r++;
  const tp = report.layout.twoPlan;
  const total = template.summary.twoPlanBlock.totalLabel;
  const st = template.twoPlan.statuses;
  const lastRow = report.twoPlan.rows.reduce((m, x) => Math.max(m, x.row), 0);
  const column = (role: TwoPlanColumnRole): Expr | null => {
    const c = tp?.columns[role];
    if (!tp || c === undefined || lastRow === 0) return null;
    return range(absolute(tp.headerRow + 1, c), absolute(lastRow, c), tp.sheet);
  };
  const planRange = column('plan');
  const statusRange = column('status');
  const codeRange = column('code');
  for (const c of report.twoPlan.counts) {
    put(r, k.plan, text(c.plan));
    const isTotal = c.plan === total;
    const countOf = (status: string): Expr | null => {
      if (!statusRange) return null;
      if (isTotal) return COUNTIF(statusRange, str(status));
      return planRange ? COUNTIFS(planRange, str(c.plan), statusRange, str(status)) : null;
    };
    const rowsFormula = isTotal ? (codeRange ? COUNTA(codeRange) : null) : planRange ? COUNTIF(planRange, str(c.plan)) : null;
    const count = (col: number, formula: Expr | null, value: number): void => {
      if (formula) fx(r, col, formula, num(value));
      else put(r, col, num(value));
    };
    const rows = cell(r, k.total);
    count(k.total, rowsFormula, c.total);
    count(k.final, countOf(st.final), c.final);
    fx(r, k.finalShare, shareOf(cell(r, k.final), rows), c.total ? num(c.final / c.total) : BLANK, share);
    count(k.mid, countOf(st.mid), c.mid);
    fx(r, k.midShare, shareOf(cell(r, k.mid), rows), c.total ? num(c.mid / c.total) : BLANK, share);
    count(k.below, countOf(st.below), c.below);
    count(k.noData, countOf(st.noData), c.noData);
    r++;
  }
  return r;
}

/**
 * Block 3's detail, where the two-plan sheet keeps the optional 责任单位 or 统计年度 columns (spec section 1): one row
 * per two-plan indicator — code, plan, name, 本期值, 终期目标, 达标状态, 责任单位, 统计年度 — each cell a reference to
 * its two-plan cell, so a reviewer sees which department owes which figure. Absent otherwise (the contract's three
 * blocks alone).
 */
function twoPlanDetail(rd: Readings, report: ReturnReport, start: number, { put, fx }: Writer): void {
  const tp = report.layout.twoPlan;
  if (!tp || (tp.columns['department'] === undefined && tp.columns['year'] === undefined) || report.twoPlan.rows.length === 0) return;
  const labels = rd.template.twoPlan.columns;
  const roles = ['code', 'plan', 'name', 'value', 'finalTarget', 'status', 'department', 'year'] as const;
  const header: Record<(typeof roles)[number], string> = {
    code: labels.code,
    plan: labels.plan,
    name: labels.name,
    value: labels.value,
    finalTarget: labels.finalTarget,
    status: labels.status,
    department: labels.department ?? '责任单位',
    year: labels.year ?? '统计年度',
  };
  let r = start + 1;
  roles.forEach((role, i) => put(r, i + 1, text(header[role]), { bold: true }));
  r++;
  for (const row of report.twoPlan.rows) {
    roles.forEach((role, i) => {
      const c = tp.columns[role];
      if (c === undefined) return;
      const source = rd.viewCell?.(tp.sheet, row.row, c);
      const cached: CellValue = role === 'status' ? textOrBlank(row.status) : (source?.value ?? BLANK);
      const ref = cell(row.row, c, tp.sheet);
      fx(r, i + 1, IF(eq(ref, EMPTY), EMPTY, ref), cached, source?.numberFormat);
    });
    r++;
  }
}

export function quarterColsOf(layout: DataSheetLayout, quarter: Quarter): number[] {
  return QUARTER_ROLES.slice(0, quarter).map((q) => layout.columns[q]);
}
