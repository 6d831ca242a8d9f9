/**
 * Revisions since last quarter: a return checked against the same unit's return of the previous quarter of the same
 * year. Pure. The rules are the modules with a `revision` visitor: `revised-earlier-quarter`, and `stock-decrease`
 * across the two returns (src/engine/rules).
 */
import { joinParams, type CellParams, type Issue, type Lang, type RuleId, type Severity } from '../findings';
import type { DataSheetLayout, IndicatorFigures, Period, Quarter, ReturnReport } from '../report';
import { QUARTER_ROLES } from '../template/quarters';
import type { Template } from '../template/schema';
import type { SheetView, WorkbookView } from '../workbook';
import { IssueSink } from './issues';
import type { ReturnSide } from './rule';
import { visit } from './rules';

export type PreviousMismatchReason =
  | 'unit-missing'
  | 'unit-mismatch'
  | 'period-missing'
  | 'no-previous-quarter'
  | 'not-previous-quarter';

/** The previous return cannot be compared with this one: a usage problem (the CLI exits 2), not a finding. */
export interface PreviousMismatch {
  readonly reason: PreviousMismatchReason;
  /** One line, by language. */
  readonly message: Readonly<Record<Lang, string>>;
}

/**
 * Thrown by `checkReturn(view, template, { previous })` when the previous return does not fit (another unit, not the
 * quarter before): passing it is a misuse the caller can rule out first with `comparePeriods`. Hosts show
 * `mismatch.message[lang]` (one line); the CLI exits 2 with it.
 */
export class PreviousReturnError extends Error {
  constructor(readonly mismatch: PreviousMismatch) {
    // Both languages: hosts that only show `message` still speak the user's.
    super(`${mismatch.message['zh-CN']} (${mismatch.message.en})`);
    this.name = 'PreviousReturnError';
  }
}

export type RevisionsResult =
  | { readonly ok: true; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly error: PreviousMismatch };

const periodZh = (p: Period) => `${p.year}年第${p.quarter}季度`;
const periodEn = (p: Period) => `${p.year}Q${p.quarter}`;

function mismatch(reason: PreviousMismatchReason, zh: string, en: string): RevisionsResult {
  return { ok: false, error: { reason, message: { 'zh-CN': zh, en } } };
}

const normUnit = (s: string | null): string => (s ?? '').replace(/\s+/g, '');

/** Same unit, and the previous quarter of the same year; null when the two returns can be compared. */
export function comparePeriods(current: ReturnReport, previous: ReturnReport): RevisionsResult | null {
  const cu = normUnit(current.unit);
  const pu = normUnit(previous.unit);
  if (!cu || !pu) {
    const which = !cu ? ['本期', 'this'] : ['上期', 'the previous'];
    return mismatch('unit-missing', `${which[0]}报表封面未填填报单位，无法与上期比对`, `The cover of ${which[1]} return has no reporting unit; cannot compare the two returns`);
  }
  if (cu !== pu) {
    return mismatch(
      'unit-mismatch',
      `上期报表的填报单位「${previous.unit?.trim()}」与本期「${current.unit?.trim()}」不同`,
      `The previous return is from "${previous.unit?.trim()}", not "${current.unit?.trim()}"`,
    );
  }
  const cp = current.period;
  const pp = previous.period;
  if (!cp || !pp) {
    const which = !cp ? ['本期', 'this'] : ['上期', 'the previous'];
    return mismatch('period-missing', `${which[0]}报表的报告期无法识别，无法与上期比对`, `The reporting period of ${which[1]} return is not readable; cannot compare the two returns`);
  }
  if (cp.quarter === 1) {
    return mismatch(
      'no-previous-quarter',
      `本期为${periodZh(cp)}，同一年度没有上一季度的报表可比对`,
      `This return is for ${periodEn(cp)}: there is no earlier quarter of the same year to compare with`,
    );
  }
  if (pp.year !== cp.year || pp.quarter !== cp.quarter - 1) {
    const want: Period = { year: cp.year, quarter: (cp.quarter - 1) as Period['quarter'] };
    return mismatch(
      'not-previous-quarter',
      `上期报表的报告期为${periodZh(pp)}，应为本期（${periodZh(cp)}）的上一季度${periodZh(want)}`,
      `The previous return is for ${periodEn(pp)}; expected ${periodEn(want)}, the quarter before ${periodEn(cp)}`,
    );
  }
  return null;
}

interface Located {
  readonly sheet: string;
  readonly row: number;
  readonly cols: readonly (number | undefined)[];
}

function locate(report: ReturnReport, ind: { code: string; sheet: string }): Located | null {
  const layout: DataSheetLayout | undefined = report.layout.dataSheets.find((l) => l.sheet === ind.sheet);
  const row = layout?.rows[ind.code];
  if (!layout || row === undefined) return null;
  return { sheet: layout.sheet, row, cols: QUARTER_ROLES.map((r) => layout.columns[r]) };
}

/**
 * Compares a return with the same unit's return of the previous quarter: every rule module's `revision` visitor on each
 * indicator found in both. Both reports come from `checkReturn` of the two views with the same template. A previous
 * return of another unit or another period is an error, never issues.
 */
export function checkRevisions(
  current: WorkbookView,
  previous: WorkbookView,
  template: Template,
  currentReport: ReturnReport,
  previousReport: ReturnReport,
): RevisionsResult {
  const refused = comparePeriods(currentReport, previousReport);
  if (refused) return refused;
  const cq = currentReport.period?.quarter;
  const pq = previousReport.period?.quarter;
  if (cq === undefined || pq === undefined) return { ok: true, issues: [] }; // comparePeriods refused those
  const curFig = new Map<string, IndicatorFigures>(currentReport.indicators.map((f) => [f.indicator.code, f]));
  const prevFig = new Map<string, IndicatorFigures>(previousReport.indicators.map((f) => [f.indicator.code, f]));
  const sink = new IssueSink([]);

  for (const indicator of template.indicators) {
    const cl = locate(currentReport, indicator);
    const pl = locate(previousReport, indicator);
    const cf = curFig.get(indicator.code);
    const pf = prevFig.get(indicator.code);
    if (!cl || !pl || !cf || !pf) continue;
    const cs = current.sheet(cl.sheet);
    const ps = previous.sheet(pl.sheet);
    if (!cs || !ps) continue;
    const side = (quarter: Quarter, figures: IndicatorFigures, at: Located, sheet: SheetView): ReturnSide => ({
      quarter,
      figures,
      cell: (q) => {
        const col = at.cols[q - 1];
        return col === undefined ? null : sheet.cell(at.row, col);
      },
    });
    const ctx = { indicator, current: side(cq, cf, cl, cs), previous: side(pq, pf, pl, ps) };
    visit('revision', ctx, (id, role, params) => {
      const q = QUARTER_ROLES.indexOf(role);
      const place = { indicator: indicator.code, name: indicator.name, column: template.dataColumns.quarters[q] ?? '' };
      sink.add(id, cl.sheet, cl.row, cl.cols[q] ?? 0, indicator.code, joinParams<RuleId, CellParams>(place, params));
    });
  }
  return { ok: true, issues: sink.added() };
}

function cellOrder(cell: string | null): [number, number] {
  if (!cell) return [0, 0];
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return [0, 0];
  let col = 0;
  for (const ch of m[1] ?? '') col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}

/** The report with revision issues added: issues in the engine's order (template sheet, row, column, rule), counts redone. */
export function withRevisions(report: ReturnReport, revisions: readonly Issue[], template: Template): ReturnReport {
  if (revisions.length === 0) return report;
  const order = [template.sheets.cover, ...template.sheets.data.map((d) => d.name), template.sheets.twoPlan, template.sheets.summary];
  const sheetIdx = (s: string) => {
    const i = order.indexOf(s);
    return i < 0 ? order.length : i;
  };
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const issues = [...report.issues, ...revisions].sort((a, b) => {
    const [ar, ac] = cellOrder(a.cell);
    const [br, bc] = cellOrder(b.cell);
    return sheetIdx(a.sheet) - sheetIdx(b.sheet) || cmp(a.sheet, b.sheet) || ar - br || ac - bc || cmp(a.rule, b.rule);
  });
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) counts[template.rules[i.rule]?.severity ?? 'warning'] += 1;
  return { ...report, issues, counts };
}
