/**
 * `cumulative-mismatch`: a tool-owned cell (累计, 完成年计划, 序时进度) whose content disagrees with the tool's figure: a
 * typed constant, or a formula whose calculated (cached) value differs (a user's own SUM that skips `1262余`, a formula
 * left pointing at other rows). A blank constant is not judged, nor a formula with no cached value (a writer that does
 * not calculate). On 两纲监测 the same holds for 达标状态, compared as text.
 */
import { isBlank, isPercentFormat, type Cell } from '../cell';
import { readNumber } from '../read/number';
import type { DataColumnRole, Template } from '../template/schema';
import { cellText } from '../validate/layout';
import type { IndicatorContext, Rule } from '../validate/rule';
import { fmtNum, fmtPct, shownContent } from '../validate/values';

export const rule: Rule<'cumulative-mismatch'> = {
  id: 'cumulative-mismatch',
  check: {
    indicator(ctx) {
      const { figures, template } = ctx;
      const money = template.units[ctx.row.indicator.unit] !== undefined;
      const rate = ctx.row.indicator.kind === 'rate';
      judge(ctx, 'cumulative', figures.cumulative, rate, money ? template.tolerances.money : 1e-6);
      if (!rate) {
        judge(ctx, 'percentOfPlan', figures.percentOfPlan, true, 0);
        judge(ctx, 'timeProgress', figures.timeProgress, true, 0);
      }
    },
    twoPlanRow({ sheet, row, columns, status, label, report }) {
      const col = columns.status;
      if (col === undefined) return;
      const cell = sheet.cell(row, col);
      const judged = cell.formula ? !cell.uncached : !isBlank(cell.value);
      if (judged && cellText(cell) !== status) report('status', { column: label('status'), typed: shownContent(cell), expected: status || '—' });
    },
  },
};

function judge(ctx: IndicatorContext<'cumulative-mismatch'>, role: DataColumnRole, expected: number | null, percent: boolean, tolerance: number): void {
  const { row: r, sheet, template } = ctx;
  const col = r.columns[role];
  if (col === undefined) return;
  const cell = sheet.cell(r.row, col);
  if (cell.formula ? cell.uncached : isBlank(cell.value)) return;
  if (isBlank(cell.value) ? expected === null : typedAgrees(cell, expected, percent, tolerance, r.indicator.unit, template)) return;
  ctx.report(role, {
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
