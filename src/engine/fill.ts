/**
 * planFill: what `fill` writes, host-neutral — live formulas in the tool-owned cells of the data sheets and 两纲监测,
 * and the whole 汇总 sheet. Every formula refers to the workbook's own cells (so edits after a fill stay right),
 * uses only functions LibreOffice Calc evaluates as Excel does (IF, N, SUM, COUNTA, COUNTIF, COUNTIFS, AND, OR, NOT,
 * TRIM; for messy cells ISNUMBER, ISTEXT, ISERROR, IFERROR), and carries the engine's computed value as its cached
 * result for viewers that never recalculate.
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
import { a1, sheetRef } from './address';
import { BLANK, isBlank, isPercentFormat, num, text, type Cell, type CellValue } from './cell';
import type { CellWrite, FillPlan, SheetWrite } from './fill-plan';
import type { DataSheetLayout, Quarter, RequiredTwoPlanColumn, ReturnReport } from './report';
import { QUARTER_ROLES, type DataColumnRole, type Indicator, type Template } from './template/schema';
import { readNumber } from './read/number';
import { ABOUT_TOLERANCE, readTarget, type TargetReading } from './read/target';
import { roundSignificant } from './read/text';
import type { SheetView, WorkbookView } from './workbook';

type TwoPlanColumns = DataSheetLayout<RequiredTwoPlanColumn>['columns'];

/** Excel's limit on a formula's length; a longer one is written as its value. */
const MAX_FORMULA = 8000;

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const numOrBlank = (v: number | null | undefined): CellValue => (v === null || v === undefined || !Number.isFinite(v) ? BLANK : num(v));
const textOrBlank = (s: string): CellValue => (s === '' ? BLANK : text(s));

/**
 * What a user-typed cell holds, as far as a formula referring to it must care:
 * - `plain`: a number or a blank (or something both count alike) — the plain reference;
 * - `read`: text the engine reads as `value` — referred to through `IF(ISNUMBER(X),X,value)`;
 * - `text`: text the engine cannot read (not a number) — SUM skips it as the engine counts it 0;
 * - `space`: text of spaces only, which the engine reads as a blank cell (COUNTA and `=""` do not);
 * - `error`: an error value (#DIV/0! …), which the engine reads as nothing but a formula would pass on;
 * - `points`: a plain number in percent points (an unformatted cell of a % row) compared beside percent-formatted
 *   fractions: referred to as `X/100`, the fraction the engine reads.
 */
type Typed = { readonly kind: 'plain' | 'text' | 'space' | 'error' | 'points' } | { readonly kind: 'read'; readonly value: number };
const POINTS: Typed = { kind: 'points' };
const PLAIN: Typed = { kind: 'plain' };

/** The template (for units) and what was read already: planFill reads each text cell once, however many formulas use it. */
interface Readings {
  readonly template: Template;
  readonly seen: Map<string, Typed>;
  /** A cell's value as read (the cached value of a reference to it). */
  readonly viewCell?: (sheet: string, row: number, col: number) => Cell | undefined;
}

function typedOf(sheet: SheetView | undefined, row: number, col: number | undefined, unit: string, rd: Readings): Typed {
  if (!sheet || col === undefined) return PLAIN;
  const cell = sheet.cell(row, col);
  const v = cell.value;
  if (v.kind === 'error') return { kind: 'error' };
  if (v.kind !== 'text') return PLAIN;
  const key = `${sheet.name}\n${row}\n${col}\n${unit}`;
  let t = rd.seen.get(key);
  if (!t) {
    const r = readNumber(cell, { unit, units: rd.template.units });
    t = r.kind === 'number' ? { kind: 'read', value: r.value } : r.kind === 'blank' ? { kind: 'space' } : { kind: 'text' };
    rd.seen.set(key, t);
  }
  return t;
}

/** A number as a formula literal: shortest round-trip digits, Excel's exponent spelling. */
function literal(v: number): string {
  return String(v === 0 ? 0 : v).replace('e', 'E');
}

/** `IF(ISNUMBER(X),X,c)`: X while it holds a number, else the engine's reading `c`. */
const guard = (ref: string, c: number): string => `IF(ISNUMBER(${ref}),${ref},${literal(c)})`;

/** A typed cell as a number in an arithmetic or SUM argument: the guard where the cell needs one. */
function term(ref: string, t: Typed, scale = 1): string {
  if (t.kind === 'read') return guard(ref, scale === 1 ? t.value : roundSignificant(t.value * scale, 15));
  if (t.kind === 'error') return guard(ref, 0);
  if (t.kind === 'points') return `${ref}/100`;
  return ref;
}

/** Cells of one row as a SUM / COUNTA argument list (order is irrelevant there): ranges where columns run side by side. */
function refList(row: number, unsorted: readonly number[], prefix = ''): string {
  const cols = [...unsorted].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (last && c === last[1] + 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs.map(([a, b]) => (a === b ? `${prefix}${a1(row, a)}` : `${prefix}${a1(row, a)}:${a1(row, b)}`)).join(',');
}

function quarterOf(report: ReturnReport): Quarter {
  return report.quarter ?? report.period?.quarter ?? 1;
}

function timeProgressFormula(template: Template, quarter: Quarter): string {
  const tp = template.progress.timeProgressByQuarter[quarter - 1];
  return Math.abs(tp - quarter / 4) < 1e-12 ? `=${quarter}/4` : `=${tp}`;
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
  const locate = (code: string): { layout: DataSheetLayout; row: number } | null => {
    const sheet = sheetOf.get(code);
    const layout = sheet !== undefined ? layoutOf.get(sheet) : undefined;
    const row = layout?.rows[code];
    return layout && row !== undefined ? { layout, row } : null;
  };
  const col = (layout: DataSheetLayout, role: DataColumnRole): number | undefined => layout.columns[role];

  // Data sheets: 累计, 完成年计划(%), 序时进度(%).
  for (const layout of report.layout.dataSheets) {
    const cumCol = col(layout, 'cumulative');
    const planCol = col(layout, 'plan')!;
    const sheet = view.sheet(layout.sheet);
    for (const ind of template.indicators) {
      if (ind.sheet !== layout.sheet) continue;
      const row = layout.rows[ind.code];
      const f = figures.get(ind.code);
      if (row === undefined || !f) continue;
      const typed = (c: number | undefined): Typed => typedOf(sheet, row, c, ind.unit, rd);
      const put = (c: number, formula: string, value: CellValue, numberFormat?: string): void => {
        toolOwned.push({ sheet: layout.sheet, row, col: c, formula, value, ...(numberFormat ? { numberFormat } : {}) });
      };
      if (cumCol !== undefined && owned.has('cumulative')) {
        const formula = cumulativeFormula(ind, layout, row, quarter, locate, typed);
        if (formula) put(cumCol, formula, numOrBlank(f.cumulative), ind.kind === 'rate' ? pctFormat : undefined);
      }
      const pctCol = col(layout, 'percentOfPlan');
      // A rate has no annual plan, so no 完成年计划(%); 序时进度 is the same for every row.
      if (ind.kind !== 'rate' && pctCol !== undefined && cumCol !== undefined && owned.has('percentOfPlan')) {
        // Unreadable text in 年计划 counts as no plan in both (N(text) = 0); only read text and errors need the guard.
        const p = term(a1(row, planCol), typed(planCol));
        put(pctCol, `=IF(N(${p})=0,"",${a1(row, cumCol)}/${p})`, numOrBlank(f.percentOfPlan), pctFormat);
      }
      const tpCol = col(layout, 'timeProgress');
      if (tpCol !== undefined && owned.has('timeProgress')) {
        put(tpCol, timeProgressFormula(template, quarter), numOrBlank(f.timeProgress), pctFormat);
      }
    }
  }

  // 两纲监测: 达标状态.
  const tpLayout = report.layout.twoPlan;
  if (tpLayout && template.twoPlan.columns.toolOwned.includes('status')) {
    const c = tpLayout.columns;
    if (c['status'] !== undefined) {
      const sheet = view.sheet(tpLayout.sheet);
      for (const r of report.twoPlan.rows) {
        toolOwned.push({
          sheet: tpLayout.sheet,
          row: r.row,
          col: c['status'],
          formula: statusFormula(template, r.row, c, twoPlanOperands(sheet, rd, r.row, r.unit, c), targetForms(sheet, rd, r.row, r.unit, c)),
          value: textOrBlank(r.status),
        });
      }
    }
  }

  return { toolOwned, summary: summarySheet(view, rd, report, quarter, locate) };
}

function cumulativeFormula(
  ind: Indicator,
  layout: DataSheetLayout,
  row: number,
  quarter: Quarter,
  locate: (code: string) => { layout: DataSheetLayout; row: number } | null,
  typed: (col: number) => Typed,
): string | null {
  const qCols = QUARTER_ROLES.slice(0, quarter).map((r) => layout.columns[r]);
  if (ind.kind === 'stock') {
    const c = layout.columns[`q${quarter}`];
    const t = typed(c);
    // `=G5` would show unreadable text as it is; the engine counts it 0, as N() does.
    return t.kind === 'text' || t.kind === 'space' ? `=N(${a1(row, c)})` : `=${term(a1(row, c), t)}`;
  }
  if (ind.kind === 'flow') {
    const ts = qCols.map((c) => ({ ref: a1(row, c), t: typed(c) }));
    // SUM skips text in a reference as the engine counts unreadable text 0; read text and errors need single terms.
    if (ts.every(({ t }) => t.kind !== 'read' && t.kind !== 'error')) return `=SUM(${refList(row, qCols)})`;
    return `=SUM(${ts.map(({ ref, t }) => term(ref, t)).join(',')})`;
  }
  if (!ind.ratio) return null;
  const ref = (code: string): string | null => {
    const at = locate(code);
    const c = at?.layout.columns['cumulative'];
    if (!at || c === undefined) return null;
    return `${at.layout.sheet === layout.sheet ? '' : `${sheetRef(at.layout.sheet)}!`}${a1(at.row, c)}`;
  };
  const n = ref(ind.ratio.numerator);
  const d = ref(ind.ratio.denominator);
  if (!n || !d) return null;
  return `=IF(N(${d})=0,"",${n}/${d})`;
}

interface TwoPlanOperands {
  readonly value: Typed;
  readonly finalTarget: Typed;
  readonly midTarget: Typed;
  readonly baseline: Typed;
  /** 1, or 100 where a % row's comparisons run in percent points (the engine's readings are fractions). */
  readonly scale: number;
}

const CLEAN_ROW: TwoPlanOperands = { value: PLAIN, finalTarget: PLAIN, midTarget: PLAIN, baseline: PLAIN, scale: 1 };

const OPERAND_ROLES = ['value', 'finalTarget', 'midTarget', 'baseline'] as const;

/** A target cell's form where it is not a number: relative to 基期值, qualitative or approximate (read/target.ts). */
type TargetForm = Extract<TargetReading, { kind: 'relative' | 'qualitative' | 'approximate' }> | null;

interface TargetForms {
  readonly finalTarget: TargetForm;
  readonly midTarget: TargetForm;
}

const NO_FORMS: TargetForms = { finalTarget: null, midTarget: null };

function targetForms(sheet: SheetView | undefined, rd: Readings, row: number, unit: string, c: TwoPlanColumns): TargetForms {
  const form = (role: 'finalTarget' | 'midTarget'): TargetForm => {
    const col = c[role];
    if (!sheet || col === undefined) return null;
    const t = readTarget(sheet.cell(row, col), { unit, units: rd.template.units });
    return t.kind === 'relative' || t.kind === 'qualitative' || t.kind === 'approximate' ? t : null;
  };
  return { finalTarget: form('finalTarget'), midTarget: form('midTarget') };
}

/**
 * How the status formula must refer to one row's 本期值, 终期目标 and 中期目标. The engine reads every cell of a % row
 * as a fraction: a number in percent points (unformatted, `70`) ÷ 100, a percent-formatted number (`0.75` shown as
 * `75%`, what Excel stores when a user types 75%) as it is, text (`约20%`, `20`) as points ÷ 100. The formula compares
 * the cells as they stand, so a read text's constant takes the scale of the row's plain numbers — percent points
 * (fraction × 100) unless they are all percent-formatted fractions; and where the row mixes both kinds of plain
 * number, it compares fractions, referring to the unformatted ones as `X/100`.
 */
function twoPlanOperands(sheet: SheetView | undefined, rd: Readings, row: number, unit: string, c: TwoPlanColumns): TwoPlanOperands {
  const plainTyped = (role: string): Typed => typedOf(sheet, row, c[role], unit, rd);
  // A target typed with its direction (`≥90`, `不低于90`) is the number after it, as the engine reads targets.
  const typed = (role: string): Typed => {
    const t = plainTyped(role);
    const col = c[role];
    if (t.kind !== 'text' || (role !== 'finalTarget' && role !== 'midTarget') || !sheet || col === undefined) return t;
    const r = readTarget(sheet.cell(row, col), { unit, units: rd.template.units });
    return r.kind === 'number' ? { kind: 'read', value: r.reading.value } : t;
  };
  const ops: Record<(typeof OPERAND_ROLES)[number], Typed> = {
    value: typed('value'),
    finalTarget: typed('finalTarget'),
    midTarget: typed('midTarget'),
    baseline: typed('baseline'),
  };
  if (unit !== '%' || !sheet) return { ...ops, scale: 1 };
  const numberCell = (role: string): Cell | undefined => {
    const col = c[role];
    const cell = col === undefined ? undefined : sheet.cell(row, col);
    return cell?.value.kind === 'number' ? cell : undefined;
  };
  const fraction = (role: string): boolean => isPercentFormat(numberCell(role)?.numberFormat);
  const numbers = OPERAND_ROLES.filter((role) => numberCell(role) !== undefined);
  const fractions = numbers.filter(fraction);
  if (fractions.length > 0 && fractions.length < numbers.length) {
    for (const role of numbers) if (!fraction(role)) ops[role] = POINTS;
    return { ...ops, scale: 1 };
  }
  return { ...ops, scale: fractions.length > 0 ? 1 : 100 };
}

/**
 * 达标状态 of one two-plan row, reading 方向 from the row itself so a user's own direction is honoured. Where the row's
 * cells hold messy values (`ops`), it follows the engine: read text through its guard; a row that cannot be judged
 * (blank or spaces-only 本期值, unreadable text or an error in 本期值 or 终期目标, no 终期目标, unreadable 方向) → 无数据;
 * anything but a number in 中期目标 → no mid target. A target typed as plans write it (`forms`) is judged as the engine judges it while the text stays: relative to the
 * row's 基期值 cell (`比2020年降20%` → 基期值 × 0.8), better than 基期值 (`逐步提高`), within 5% of a level (`50%左右`);
 * without a number in 基期值 it is 无数据 (final) or no mid target (mid). A number typed over it later is compared
 * as any number target.
 */
function statusFormula(
  template: Template,
  row: number,
  c: TwoPlanColumns,
  ops: TwoPlanOperands = CLEAN_ROW,
  forms: TargetForms = NO_FORMS,
): string {
  const at = (col: number): string => a1(row, col);
  const dir = `TRIM(${at(c.direction)})`;
  const anyOf = (list: readonly string[]): string => `OR(${list.map((s) => `${dir}=${q(s)}`).join(',')})`;
  const hi = anyOf(template.twoPlan.directions.higher);
  const lo = anyOf(template.twoPlan.directions.lower);
  const v = at(c.value);
  const fin = at(c.finalTarget);
  const st = template.twoPlan.statuses;
  const V = term(v, ops.value, ops.scale);
  const meets = (target: string): string => `OR(AND(${hi},${V}>=${target}),AND(${lo},${V}<=${target}))`;
  const baseCol = c['baseline'];
  const B = baseCol === undefined ? null : term(at(baseCol), ops.baseline, ops.scale);
  const baseKnown = baseCol === undefined ? 'FALSE' : ops.baseline.kind === 'read' ? 'TRUE' : `ISNUMBER(${at(baseCol)})`;
  /** Meets a target typed in a plan's words, or null where the form needs 基期值 and the row has no column for it. */
  const meetsForm = (form: NonNullable<TargetForm>, ref: string): string | null => {
    const scaled = (x: number): string => literal(roundSignificant(x * ops.scale, 15));
    const number = (expr: string): string => `IF(ISNUMBER(${ref}),${meets(ref)},${meets(expr)})`;
    if (form.kind === 'approximate') {
      const t = scaled(form.value);
      return `IF(ISNUMBER(${ref}),${meets(ref)},ABS(${V}-${t})<=${literal(ABOUT_TOLERANCE)}*ABS(${t}))`;
    }
    if (B === null) return null;
    if (form.kind === 'qualitative') return `IF(ISNUMBER(${ref}),${meets(ref)},OR(AND(${hi},${V}>${B}),AND(${lo},${V}<${B})))`;
    return number(form.ratio !== undefined ? `${B}*${literal(1 + form.ratio)}` : `(${B}+${scaled(form.points!)})`);
  };
  const needsBase = (form: TargetForm): boolean => form !== null && form.kind !== 'approximate';

  const vk = ops.value.kind;
  const fk = ops.finalTarget.kind;
  const finalForm = forms.finalTarget;
  const vBlank = vk === 'space' ? `OR(${v}="",ISTEXT(${v}))` : vk === 'error' ? `IFERROR(${v},0)=""` : `${v}=""`;
  const unknown = [
    ...(vk === 'text' ? [`ISTEXT(${v})`] : vk === 'error' ? [`ISERROR(${v})`] : []),
    fk === 'error' ? `IFERROR(${fin},"")=""` : `${fin}=""`,
    ...(finalForm === null && (fk === 'text' || fk === 'space') ? [`ISTEXT(${fin})`] : []),
    ...(needsBase(finalForm) ? [`AND(NOT(ISNUMBER(${fin})),NOT(${baseKnown}))`] : []),
    `AND(NOT(${hi}),NOT(${lo}))`,
  ];
  const F = fk === 'error' ? fin : term(fin, ops.finalTarget, ops.scale);
  const meetsFinal = (finalForm && meetsForm(finalForm, fin)) ?? meets(F);
  let midBranch = q(st.below);
  const midCol = c['midTarget'];
  if (midCol !== undefined) {
    const mid = at(midCol);
    const m = ops.midTarget;
    const midForm = forms.midTarget;
    const midMeets = midForm ? meetsForm(midForm, mid) : null;
    if (midForm && midMeets) {
      // Nested, not AND(): AND passes on an error from a term it need not have judged.
      const present = needsBase(midForm) ? `OR(ISNUMBER(${mid}),${baseKnown})` : 'TRUE';
      midBranch = `IF(${present},IF(${midMeets},${q(st.mid)},${q(st.below)}),${q(st.below)})`;
    } else if (!midForm) {
      const present = m.kind === 'text' || m.kind === 'space' || m.kind === 'error' ? `ISNUMBER(${mid})` : `${mid}<>""`;
      const M = m.kind === 'error' ? `IFERROR(${mid},0)` : term(mid, m, ops.scale);
      midBranch = `IF(AND(${present},${meets(M)}),${q(st.mid)},${q(st.below)})`;
    }
  }
  return (
    `=IF(${vBlank},${q(st.noData)},IF(OR(${unknown.join(',')}),${q(st.noData)},` +
    `IF(${meetsFinal},${q(st.final)},${midBranch})))`
  );
}

function summarySheet(
  view: WorkbookView,
  rd: Readings,
  report: ReturnReport,
  quarter: Quarter,
  locate: (code: string) => { layout: DataSheetLayout; row: number } | null,
): SheetWrite {
  const template = rd.template;
  const name = template.summary.sheet;
  const pct = template.summary.formats.percent;
  const share = template.summary.formats.share;
  const cells: CellWrite[] = [];
  const put = (row: number, col: number, value: CellValue, extra: Partial<CellWrite> = {}): void => {
    cells.push({ sheet: name, row, col, value, ...extra });
  };
  const fx = (row: number, col: number, formula: string, value: CellValue, numberFormat?: string): void => {
    if (formula.length > MAX_FORMULA) put(row, col, value, numberFormat ? { numberFormat } : {});
    else put(row, col, value, { formula, ...(numberFormat ? { numberFormat } : {}) });
  };
  const header = (row: number, labels: readonly string[]): void =>
    labels.forEach((l, i) => put(row, i + 1, text(l), { bold: true }));
  const ext = (layout: DataSheetLayout, row: number, c: number): string => `${sheetRef(layout.sheet)}!${a1(row, c)}`;

  let r = 1;
  put(r, 1, text(template.summary.title), { bold: true });
  r++;

  // Block 1: per indicator.
  header(r, template.summary.indicatorBlock.headers);
  r++;
  const ps = template.progress.statuses;
  for (const f of report.indicators) {
    const ind = f.indicator;
    put(r, 1, text(ind.code));
    put(r, 2, text(ind.name));
    put(r, 3, text(ind.unit));
    const at = locate(ind.code);
    const D = a1(r, 4);
    const E = a1(r, 5);
    const F = a1(r, 6);
    const G = a1(r, 7);
    let planTyped = false;
    if (at) {
      const planCol = at.layout.columns.plan;
      const planRef = ext(at.layout, at.row, planCol);
      const planCell = view.sheet(at.layout.sheet)?.cell(at.row, planCol);
      planTyped = planCell !== undefined && !isBlank(planCell.value);
      const t = typedOf(view.sheet(at.layout.sheet), at.row, planCol, ind.unit, rd);
      // A rate's plan (none is asked for, but one may be typed) is read as a fraction: plain points ÷ 100.
      const points = t.kind === 'plain' && ind.unit === '%' && planCell?.value.kind === 'number' && !isPercentFormat(planCell.numberFormat);
      const planFormula =
        t.kind === 'read'
          ? `=IF(${planRef}="","",${guard(planRef, t.value)})`
          : points
            ? `=IF(${planRef}="","",${planRef}/100)`
            : t.kind === 'plain'
              ? `=IF(${planRef}="","",${planRef})`
              : `=IF(ISNUMBER(${planRef}),${planRef},"")`; // unreadable text or an error: no plan, as the engine reads it
      fx(r, 4, planFormula, numOrBlank(f.plan));
      const cumCol = at.layout.columns['cumulative'];
      if (cumCol !== undefined) fx(r, 5, `=${ext(at.layout, at.row, cumCol)}`, numOrBlank(f.cumulative), ind.kind === 'rate' ? pct : undefined);
      else put(r, 5, numOrBlank(f.cumulative), ind.kind === 'rate' ? { numberFormat: pct } : {});
    }
    if (ind.kind !== 'rate') fx(r, 6, `=IF(N(${D})=0,"",N(${E})/${D})`, numOrBlank(f.percentOfPlan), pct);
    fx(r, 7, timeProgressFormula(template, quarter), numOrBlank(f.timeProgress), pct);
    // A rate has no plan whatever is typed there: its 进度状态 is 无计划 for good.
    if (ind.kind === 'rate' && planTyped) put(r, 8, text(f.progressStatus));
    else {
      fx(
        r,
        8,
        `=IF(N(${D})=0,${q(ps.noPlan)},IF(N(${F})>=1,${q(ps.exceeded)},IF(N(${F})>=${G},${q(ps.onTrack)},${q(ps.behind)})))`,
        text(f.progressStatus),
      );
    }
    r++;
  }

  // Block 2: per data sheet.
  r++;
  header(r, template.summary.sheetBlock.headers);
  r++;
  const layoutOf = new Map(report.layout.dataSheets.map((l) => [l.sheet, l]));
  for (const d of report.completeness.detail) {
    put(r, 1, text(d.sheet));
    put(r, 2, num(d.requiredIndicators));
    const layout = layoutOf.get(d.sheet);
    const terms: { readonly cells: number; readonly counta: string }[] = [];
    if (layout) {
      for (const ind of template.indicators) {
        if (ind.sheet !== d.sheet) continue;
        const row = layout.rows[ind.code];
        const cols = [...(ind.plan ? [layout.columns.plan] : []), ...(ind.kind === 'rate' ? [] : quarterColsOf(layout, quarter))];
        if (row === undefined || cols.length === 0) continue;
        const prefix = `${sheetRef(layout.sheet)}!`;
        // COUNTA counts text of spaces, which the engine reads as blank: such a cell takes itself off while it stays text.
        const sheet = view.sheet(layout.sheet);
        const spaces = cols.filter((c) => typedOf(sheet, row, c, ind.unit, rd).kind === 'space').map((c) => `-ISTEXT(${prefix}${a1(row, c)})`);
        terms.push({ cells: cols.length, counta: `COUNTA(${refList(row, cols, prefix)})${spaces.join('')}` });
      }
    }
    const counts = terms.map((t) => t.counta);
    const filledIndicators = terms.map((t) => `(${t.counta}=${t.cells})`);
    fx(r, 3, filledIndicators.length ? `=${filledIndicators.join('+')}` : '=0', num(d.filledIndicators));
    if (d.requiredCells === 0) put(r, 4, num(1), { numberFormat: pct });
    else fx(r, 4, counts.length ? `=(${counts.join('+')})/${d.requiredCells}` : '=0', num(d.fraction), pct);
    r++;
  }

  // Block 3: two-plan.
  r++;
  header(r, template.summary.twoPlanBlock.headers);
  r++;
  const tp = report.layout.twoPlan;
  const total = template.summary.twoPlanBlock.totalLabel;
  const st = template.twoPlan.statuses;
  const lastRow = report.twoPlan.rows.reduce((m, x) => Math.max(m, x.row), 0);
  const range = (role: string): string | null => {
    const c = tp?.columns[role];
    if (!tp || c === undefined || lastRow === 0) return null;
    return `${sheetRef(tp.sheet)}!$${a1(tp.headerRow + 1, c).replace(/(\d+)$/, '$$$1')}:$${a1(lastRow, c).replace(/(\d+)$/, '$$$1')}`;
  };
  const planRange = range('plan');
  const statusRange = range('status');
  const codeRange = range('code');
  for (const c of report.twoPlan.counts) {
    put(r, 1, text(c.plan));
    const isTotal = c.plan === total;
    const countOf = (status: string): string | null => {
      if (!statusRange) return null;
      if (isTotal) return `=COUNTIF(${statusRange},${q(status)})`;
      return planRange ? `=COUNTIFS(${planRange},${q(c.plan)},${statusRange},${q(status)})` : null;
    };
    const rowsFormula = isTotal ? (codeRange ? `=COUNTA(${codeRange})` : null) : planRange ? `=COUNTIF(${planRange},${q(c.plan)})` : null;
    const B = a1(r, 2);
    const cell = (col: number, formula: string | null, value: number, format?: string): void => {
      if (formula) fx(r, col, formula, num(value), format);
      else put(r, col, num(value), format ? { numberFormat: format } : {});
    };
    cell(2, rowsFormula, c.total);
    cell(3, countOf(st.final), c.final);
    fx(r, 4, `=IF(N(${B})=0,"",${a1(r, 3)}/${B})`, c.total ? num(c.final / c.total) : BLANK, share);
    cell(5, countOf(st.mid), c.mid);
    fx(r, 6, `=IF(N(${B})=0,"",${a1(r, 5)}/${B})`, c.total ? num(c.mid / c.total) : BLANK, share);
    cell(7, countOf(st.below), c.below);
    cell(8, countOf(st.noData), c.noData);
    r++;
  }

  r = twoPlanDetail(rd, report, r, put, fx);

  return { name, cells, columnWidths: [12, 34, 10, 12, 12, 14, 14, 14] };
}

/**
 * Block 3's detail, where the two-plan sheet keeps the optional 责任单位 or 统计年度 columns (spec section 1): one row
 * per two-plan indicator — code, plan, name, 本期值, 终期目标, 达标状态, 责任单位, 统计年度 — each cell a reference to
 * its two-plan cell, so a reviewer sees which department owes which figure. Absent otherwise (the contract's three
 * blocks alone).
 */
function twoPlanDetail(
  rd: Readings,
  report: ReturnReport,
  start: number,
  put: (row: number, col: number, value: CellValue, extra?: Partial<CellWrite>) => void,
  fx: (row: number, col: number, formula: string, value: CellValue, numberFormat?: string) => void,
): number {
  const tp = report.layout.twoPlan;
  if (!tp || (tp.columns['department'] === undefined && tp.columns['year'] === undefined) || report.twoPlan.rows.length === 0) return start;
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
      const ref = `${sheetRef(tp.sheet)}!${a1(row.row, c)}`;
      fx(r, i + 1, `=IF(${ref}="","",${ref})`, cached, source?.numberFormat);
    });
    r++;
  }
  return r;
}

function quarterColsOf(layout: DataSheetLayout, quarter: Quarter): number[] {
  return QUARTER_ROLES.slice(0, quarter).map((r) => layout.columns[r]);
}
