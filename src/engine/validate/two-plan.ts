/** 两纲监测: rows by code (federations add their own), targets, direction, values and 达标状态. */
import { isBlank } from '../cell';
import { directionOf, twoPlanStatus } from '../calc/figures';
import { readTarget, resolveTarget, targetNumber, type TargetReading } from '../read/target';
import type { DataSheetLayout, RequiredTwoPlanColumn, TwoPlanCounts, TwoPlanRowFigures } from '../report';
import type { Template, TwoPlanColumnRole } from '../template/schema';
import type { WorkbookView } from '../workbook';
import { joinParams } from '../findings';
import type { IssueSink } from './issues';
import { cellText, findLabelRow, isNoteText, mapColumns } from './layout';
import { TWO_PLAN_ROW_RULES } from './rules';
import { BLANK_READING, readCell, shownContent, type CellReading } from './values';

type TwoPlanLayout = DataSheetLayout<RequiredTwoPlanColumn>;

const REQUIRED_ROLES: readonly TwoPlanColumnRole[] = ['code', 'direction', 'finalTarget', 'value'];

export interface TwoPlanResult {
  readonly layout: TwoPlanLayout | null;
  readonly rows: TwoPlanRowFigures[];
  readonly counts: TwoPlanCounts[];
}

/** The contract's labels of the optional columns after 备注, for templates that name none. */
const OPTIONAL_LABELS = { department: '责任单位', year: '统计年度' } as const;

export function twoPlanLabels(template: Template): Record<TwoPlanColumnRole, string> {
  const { order: _o, toolOwned: _t, department, year, ...labels } = template.twoPlan.columns;
  return { ...labels, department: department ?? OPTIONAL_LABELS.department, year: year ?? OPTIONAL_LABELS.year };
}

export function checkTwoPlan(view: WorkbookView, template: Template, sink: IssueSink): TwoPlanResult {
  const name = template.sheets.twoPlan;
  const labels = twoPlanLabels(template);
  const sheet = view.sheet(name);
  const empty = (): TwoPlanResult => ({ layout: null, rows: [], counts: countRows(template, []) });
  if (!sheet) {
    sink.add('missing-sheet', name, 0, 0, null, { sheet: name });
    return empty();
  }
  const headerRow = findLabelRow(sheet, labels.code);
  const columns = headerRow ? mapColumns(sheet, headerRow, labels) : {};
  const absent = REQUIRED_ROLES.find((r) => columns[r] === undefined);
  if (!headerRow || absent) {
    sink.add('missing-header-row', name, 0, 0, null, { sheet: name, label: labels[absent ?? 'code'] });
    return empty();
  }
  const defaults = new Map(template.twoPlan.defaultRows.map((d) => [d.code, d]));
  const rowsByCode: Record<string, number> = {};
  const out: TwoPlanRowFigures[] = [];
  const codeCol = columns.code as number;
  const dirCol = columns.direction as number;
  const textAt = (row: number, role: TwoPlanColumnRole): string => {
    const c = columns[role];
    return c === undefined ? '' : cellText(sheet.cell(row, c));
  };

  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const code = cellText(sheet.cell(r, codeCol));
    if (!code || isNoteText(code)) continue;
    const first = rowsByCode[code];
    if (first !== undefined) sink.add('duplicate-indicator', name, r, codeCol, code, { indicator: code, firstRow: first });
    else rowsByCode[code] = r;
    const d = defaults.get(code);
    const rowName = textAt(r, 'name') || d?.name || '';
    const unit = textAt(r, 'unit') || d?.unit || '';
    const ctx = { unit, units: template.units };
    const read = (role: TwoPlanColumnRole): CellReading => {
      const c = columns[role];
      if (c === undefined) return BLANK_READING;
      return readCell(sink, name, r, c, sheet.cell(r, c), ctx, code, { indicator: code, name: rowName, column: labels[role] });
    };
    const baseline = read('baseline');
    const value = read('value');
    const targetAt = (role: 'midTarget' | 'finalTarget'): TargetReading => {
      const c = columns[role];
      if (c === undefined) return { kind: 'blank' };
      const t = readTarget(sheet.cell(r, c), ctx);
      const base = { indicator: code, name: rowName, column: labels[role] };
      if (t.kind === 'invalid') sink.add(t.reading.rule, name, r, c, code, { ...t.reading.params, ...base });
      if (t.kind === 'number') for (const note of t.reading.notes) sink.add(note.rule, name, r, c, code, { ...note.params, ...base });
      return t;
    };
    const midTyped = targetAt('midTarget');
    const finalTyped = targetAt('finalTarget');
    const mid = resolveTarget(midTyped, baseline.value);
    const final = resolveTarget(finalTyped, baseline.value);

    const dirCell = sheet.cell(r, dirCol);
    const direction = dirCell.value.kind === 'text' ? directionOf(template, dirCell.value.value) : null;
    const midNumber = targetNumber(mid);
    const finalNumber = targetNumber(final);
    const rowContext = { sheet, row: r, columns, baseline, midTyped, finalTyped, mid: midNumber, final: finalNumber, direction };
    for (const rule of TWO_PLAN_ROW_RULES) {
      rule.check({
        ...rowContext,
        report: (role, params) => {
          const c = columns[role];
          sink.add(rule.id, name, c === undefined ? 0 : r, c ?? 0, code, joinParams({ indicator: code, name: rowName }, params));
        },
      });
    }
    const status = twoPlanStatus(template, {
      valueBlank: value.blank,
      value: value.value,
      direction,
      midTarget: mid,
      finalTarget: final,
    });
    const statusCol = columns.status;
    if (statusCol !== undefined) {
      const c = sheet.cell(r, statusCol);
      const judged = c.formula ? !c.uncached : !isBlank(c.value);
      if (judged && cellText(c) !== status) {
        sink.add('cumulative-mismatch', name, r, statusCol, code, { indicator: code, name: rowName, column: labels.status, typed: shownContent(c), expected: status || '—' });
      }
    }
    out.push({
      code,
      row: r,
      plan: textAt(r, 'plan'),
      domain: textAt(r, 'domain'),
      name: rowName,
      unit,
      direction,
      baseline: baseline.value,
      midTarget: midNumber,
      finalTarget: finalNumber,
      finalTargetText: textAt(r, 'finalTarget'),
      value: value.value,
      department: textAt(r, 'department'),
      year: textAt(r, 'year'),
      status,
    });
  }
  for (const d of template.twoPlan.defaultRows) {
    if (rowsByCode[d.code] === undefined) sink.add('missing-indicator', name, 0, 0, d.code, { indicator: d.code, name: d.name });
  }
  return {
    // Every required role was found above.
    layout: { sheet: name, headerRow, columns: columns as TwoPlanLayout['columns'], rows: rowsByCode },
    rows: out,
    counts: countRows(template, out),
  };
}

/** Block 3 of 汇总: per plan (妇女, 儿童) and in total, how many rows reached which status. */
export function countRows(template: Template, rows: readonly TwoPlanRowFigures[]): TwoPlanCounts[] {
  const st = template.twoPlan.statuses;
  const count = (plan: string, list: readonly TwoPlanRowFigures[]): TwoPlanCounts => ({
    plan,
    total: list.length,
    final: list.filter((r) => r.status === st.final).length,
    mid: list.filter((r) => r.status === st.mid).length,
    below: list.filter((r) => r.status === st.below).length,
    noData: list.filter((r) => r.status === st.noData).length,
  });
  return [
    ...template.twoPlan.plans.map((p) => count(p, rows.filter((r) => r.plan === p))),
    count(template.summary.twoPlanBlock.totalLabel, rows),
  ];
}
