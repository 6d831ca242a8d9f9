/**
 * planFill: what `fill` writes, host-neutral — live formulas in the tool-owned cells of the data sheets and 两纲监测,
 * and the whole 汇总 sheet. Every formula is an expression tree (../formula) over the workbook's own cells, at the
 * rows and columns the engine found them (so edits after a fill stay right), printed once; it uses only functions
 * LibreOffice Calc evaluates as Excel does (the formula module's FunctionName), and carries the engine's computed
 * value as its cached result for viewers that never recalculate.
 *
 * Messy typed values: the engine reads `1262余` as 1262, `24000元` in a 万元 column as 2.4, `３４２６` as 3426, while a
 * spreadsheet's SUM skips text and a comparison ranks text above every number. So wherever a formula refers to a
 * user-typed cell holding text the engine reads as a number, it refers to it as `IF(ISNUMBER(F5),F5,1262)` — the
 * engine's reading as a constant, used only while the text stays (a plain number typed later is used). Text the
 * engine cannot read, spaces-only text and error values are guarded so they count as the engine counts them (0 in
 * 累计, blank in 年计划, 无数据 in 两纲监测), and a % two-plan row compares on the engine's scale. A return without
 * such cells gets exactly the plain formulas. Not covered: dates and booleans typed into number cells — a spreadsheet
 * holds a date as a number (and LibreOffice TRUE as 1), which ISNUMBER cannot tell from one the engine reads.
 */
import { BLANK, num as numberValue, text, type CellValue } from '../cell';
import type { CellWrite, FillPlan } from '../fill-plan';
import type { DataSheetLayout, Quarter, ReturnReport } from '../report';
import type { Indicator, Template } from '../template/schema';
import type { WorkbookView } from '../workbook';
import { cell, div, eq, IF, N, num, str, SUM, type Expr } from '../formula/expr';
import { printFormula } from '../formula/print';
import { summarySheet, quarterColsOf } from './summary-sheet';
import { statusFormula, targetForms, twoPlanOperands } from './two-plan-status';
import { refList, term, timeProgress, typedOf, type Readings, type Typed } from './typed';

const numOrBlank = (v: number | null | undefined): CellValue => (v === null || v === undefined || !Number.isFinite(v) ? BLANK : numberValue(v));
const textOrBlank = (s: string): CellValue => (s === '' ? BLANK : text(s));

type Locate = (code: string) => { layout: DataSheetLayout; row: number } | null;

function quarterOf(report: ReturnReport): Quarter {
  return report.quarter ?? report.period?.quarter ?? 1;
}

export function planFill(view: WorkbookView, template: Template, report: ReturnReport): FillPlan {
  const quarter = quarterOf(report);
  const rd: Readings = { template, seen: new Map(), viewCell: (sheet, row, col) => view.sheet(sheet)?.cell(row, col) };
  const pctFormat = template.summary.formats.percent;
  const figures = new Map(report.indicators.map((f) => [f.indicator.code, f]));
  const layoutOf = new Map(report.layout.dataSheets.map((l) => [l.sheet, l]));
  const owned = new Set(template.dataColumns.toolOwned);
  const toolOwned: CellWrite[] = [];

  /** Where an indicator sits: its sheet's layout and its row, when found. */
  const sheetOf = new Map(template.indicators.map((i) => [i.code, i.sheet]));
  const locate: Locate = (code) => {
    const sheet = sheetOf.get(code);
    const layout = sheet !== undefined ? layoutOf.get(sheet) : undefined;
    const row = layout?.rows[code];
    return layout && row !== undefined ? { layout, row } : null;
  };

  // Data sheets: 累计, 完成年计划(%), 序时进度(%).
  for (const layout of report.layout.dataSheets) {
    const cumCol = layout.columns['cumulative'];
    const planCol = layout.columns.plan;
    const pctCol = layout.columns['percentOfPlan'];
    const tpCol = layout.columns['timeProgress'];
    const sheet = view.sheet(layout.sheet);
    for (const ind of template.indicators) {
      if (ind.sheet !== layout.sheet) continue;
      const row = layout.rows[ind.code];
      const f = figures.get(ind.code);
      if (row === undefined || !f) continue;
      const typed = (c: number | undefined): Typed => typedOf(sheet, row, c, ind.unit, rd);
      const put = (col: number, formula: Expr, value: CellValue, numberFormat?: string): void => {
        toolOwned.push({ sheet: layout.sheet, row, col, formula: printFormula(formula), value, ...(numberFormat ? { numberFormat } : {}) });
      };
      if (cumCol !== undefined && owned.has('cumulative')) {
        const formula = cumulativeFormula(ind, layout, row, quarter, locate, typed);
        if (formula) put(cumCol, formula, numOrBlank(f.cumulative), ind.kind === 'rate' ? pctFormat : undefined);
      }
      // A rate has no annual plan, so no 完成年计划(%); 序时进度 is the same for every row.
      if (ind.kind !== 'rate' && pctCol !== undefined && cumCol !== undefined && owned.has('percentOfPlan')) {
        // Unreadable text in 年计划 counts as no plan in both (N(text) = 0); only read text and errors need the guard.
        const p = term(cell(row, planCol), typed(planCol));
        put(pctCol, IF(eq(N(p), num(0)), str(''), div(cell(row, cumCol), p)), numOrBlank(f.percentOfPlan), pctFormat);
      }
      if (tpCol !== undefined && owned.has('timeProgress')) {
        put(tpCol, timeProgress(template, quarter), numOrBlank(f.timeProgress), pctFormat);
      }
    }
  }

  // 两纲监测: 达标状态.
  const tpLayout = report.layout.twoPlan;
  const statusCol = tpLayout?.columns['status'];
  if (tpLayout && statusCol !== undefined && template.twoPlan.columns.toolOwned.includes('status')) {
    const c = tpLayout.columns;
    const sheet = view.sheet(tpLayout.sheet);
    for (const r of report.twoPlan.rows) {
      const formula = statusFormula(template, r.row, c, twoPlanOperands(sheet, rd, r.row, r.unit, c), targetForms(sheet, rd, r.row, r.unit, c));
      toolOwned.push({ sheet: tpLayout.sheet, row: r.row, col: statusCol, formula: printFormula(formula), value: textOrBlank(r.status) });
    }
  }

  return { toolOwned, summary: summarySheet(view, rd, report, quarter, locate) };
}

/** 累计 by kind: the report quarter's value (stock), the sum of the quarters so far (flow), numerator ÷ denominator (rate). */
function cumulativeFormula(
  ind: Indicator,
  layout: DataSheetLayout,
  row: number,
  quarter: Quarter,
  locate: Locate,
  typed: (col: number) => Typed,
): Expr | null {
  if (ind.kind === 'stock') {
    const c = layout.columns[`q${quarter}`];
    const t = typed(c);
    // `=G5` would show unreadable text as it is; the engine counts it 0, as N() does.
    return t.kind === 'text' || t.kind === 'space' ? N(cell(row, c)) : term(cell(row, c), t);
  }
  if (ind.kind === 'flow') {
    const qCols = quarterColsOf(layout, quarter);
    const ts = qCols.map((c) => ({ ref: cell(row, c), t: typed(c) }));
    // SUM skips text in a reference as the engine counts unreadable text 0; read text and errors need single terms.
    if (ts.every(({ t }) => t.kind !== 'read' && t.kind !== 'error')) return SUM(...refList(row, qCols));
    return SUM(...ts.map(({ ref, t }) => term(ref, t)));
  }
  if (!ind.ratio) return null;
  const ref = (code: string): Expr | null => {
    const at = locate(code);
    const c = at?.layout.columns['cumulative'];
    if (!at || c === undefined) return null;
    return cell(at.row, c, at.layout.sheet === layout.sheet ? undefined : at.layout.sheet);
  };
  const n = ref(ind.ratio.numerator);
  const d = ref(ind.ratio.denominator);
  if (!n || !d) return null;
  return IF(eq(N(d), num(0)), str(''), div(n, d));
}
