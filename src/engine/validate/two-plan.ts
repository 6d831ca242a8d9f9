/** 两纲监测: rows by code (federations add their own), targets, direction, values and 达标状态. */
import { directionOf, twoPlanStatus } from '../calc/figures';
import { readTarget, resolveTarget, targetNumber, type TargetReading } from '../read/target';
import type { RequiredTwoPlanColumn, TwoPlanCounts, TwoPlanLayout, TwoPlanRowFigures } from '../report';
import type { Template, TwoPlanColumnRole } from '../template/schema';
import type { WorkbookView } from '../workbook';
import { joinParams, type CellParams, type RowParams, type RuleId } from '../findings';
import type { IssueSink } from './issues';
import { cellText, findLabelRow, firstRows, hasColumns, mapColumns, readCodeRows } from './layout';
import { checkCell, checkSheet, checkTable, visit } from './rules';
import { BLANK_READING, readCell, type CellReading } from './values';


const REQUIRED_ROLES: readonly RequiredTwoPlanColumn[] = ['code', 'direction', 'finalTarget', 'value'];

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

/** Reads 两纲监测 row by row and runs every rule module's visitors on it: the sheet, its table, each value cell, each row. */
export function checkTwoPlan(view: WorkbookView, template: Template, sink: IssueSink): TwoPlanResult {
  const name = template.sheets.twoPlan;
  const labels = twoPlanLabels(template);
  const sheet = view.sheet(name);
  const empty = (): TwoPlanResult => ({ layout: null, rows: [], counts: countRows(template, []) });
  checkSheet(sink, name, sheet !== undefined);
  if (!sheet) return empty();
  const expected = template.twoPlan.defaultRows.map((d) => ({ code: d.code, name: d.name }));
  const headerRow = findLabelRow(sheet, labels.code);
  const columns = headerRow ? mapColumns(sheet, headerRow, labels) : {};
  if (!headerRow || !hasColumns(columns, REQUIRED_ROLES)) {
    const absent = REQUIRED_ROLES.find((r) => columns[r] === undefined);
    checkTable(sink, { kind: 'two-plan', name, missingLabel: labels[absent ?? 'code'], codeRows: [], expected });
    return empty();
  }
  const defaults = new Map(template.twoPlan.defaultRows.map((d) => [d.code, d]));
  const codeRows = readCodeRows(sheet, headerRow, columns.code, (code) => defaults.has(code));
  const out: TwoPlanRowFigures[] = [];
  const textAt = (row: number, role: TwoPlanColumnRole): string => {
    const c = columns[role];
    return c === undefined ? '' : cellText(sheet.cell(row, c));
  };

  // A repeated code is reported, and its row still read: 两纲监测 rows are judged one by one.
  for (const { row: r, code } of codeRows) {
    const d = defaults.get(code);
    const rowName = textAt(r, 'name') || d?.name || '';
    const unit = textAt(r, 'unit') || d?.unit || '';
    const ctx = { unit, units: template.units };
    const placeOf = (role: TwoPlanColumnRole): CellParams => ({ indicator: code, name: rowName, column: labels[role] });
    const read = (role: TwoPlanColumnRole): CellReading => {
      const c = columns[role];
      if (c === undefined) return BLANK_READING;
      const reading = readCell(sheet.cell(r, c), ctx);
      checkCell(sink, { sheet: name, row: r, col: c }, placeOf, role, reading.reading);
      return reading;
    };
    const baseline = read('baseline');
    const value = read('value');
    const targetAt = (role: 'midTarget' | 'finalTarget'): TargetReading => {
      const c = columns[role];
      if (c === undefined) return { kind: 'blank' };
      const t = readTarget(sheet.cell(r, c), ctx);
      if (t.kind === 'invalid' || t.kind === 'number') checkCell(sink, { sheet: name, row: r, col: c }, placeOf, role, t.reading);
      return t;
    };
    const midTyped = targetAt('midTarget');
    const finalTyped = targetAt('finalTarget');
    const mid = resolveTarget(midTyped, baseline.value);
    const final = resolveTarget(finalTyped, baseline.value);

    const dirCell = sheet.cell(r, columns.direction);
    const direction = dirCell.value.kind === 'text' ? directionOf(template, dirCell.value.value) : null;
    const midNumber = targetNumber(mid);
    const finalNumber = targetNumber(final);
    const status = twoPlanStatus(template, {
      valueBlank: value.blank,
      value: value.value,
      direction,
      midTarget: mid,
      finalTarget: final,
    });
    const rowContext = {
      sheet,
      row: r,
      columns,
      baseline,
      midTyped,
      finalTyped,
      mid: midNumber,
      final: finalNumber,
      direction,
      status,
      label: (role: TwoPlanColumnRole) => labels[role],
    };
    visit('twoPlanRow', rowContext, (id, role, params) => {
      const c = columns[role];
      sink.add(id, name, c === undefined ? 0 : r, c ?? 0, code, joinParams<RuleId, RowParams>({ indicator: code, name: rowName }, params));
    });
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
  checkTable(sink, { kind: 'two-plan', name, missingLabel: null, codeRows, expected });
  return {
    layout: { sheet: name, headerRow, columns, rows: firstRows(codeRows) },
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
