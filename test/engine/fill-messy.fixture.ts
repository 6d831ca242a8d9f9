/**
 * A return holding what users really type (spec section 3) in the cells the fill formulas refer to: approximate values,
 * units in the cell, full-width digits, thousands separators, percents typed as text, unreadable text, spaces-only
 * text and error values — in quarters, 年计划, and two-plan 本期值 / 中期目标 / 终期目标. Shared by the fill tests of the
 * engine, LibreOffice and the fake Excel. Not a test file itself.
 */
import fc from 'fast-check';
import {
  a1,
  cellError,
  checkReturn,
  ERROR_CODES,
  num,
  text,
  type Cell,
  type FillPlan,
  type MemoryWorkbook,
  type Template,
} from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { FakeWorkbookModel, fromEngineCell } from '../../src/office-fake';

/** How the fill formula must treat the cell: through the guard with the engine's reading, or as the engine counts it
 * (`plain`: a number the scenario needs beside the messy cells). */
export type MessyKind = 'read' | 'text' | 'space' | 'error' | 'plain';

export interface MessyCell {
  readonly where: 'data' | 'twoPlan';
  readonly code: string;
  readonly role: string;
  readonly cell: Cell;
  readonly kind: MessyKind;
  /** For `read`: the engine's reading (a fraction for a % cell). */
  readonly reading?: number;
  /** For `read`: the constant the formula carries (percent points where the row compares points). */
  readonly constant?: number;
}

const t = (s: string): Cell => ({ value: text(s) });

export const MESSY: readonly MessyCell[] = [
  // Data sheets, read as numbers.
  { where: 'data', code: 'A01', role: 'q2', cell: t('1262余'), kind: 'read', reading: 1262, constant: 1262 }, // flow
  { where: 'data', code: 'A09', role: 'q1', cell: t('24000元'), kind: 'read', reading: 2.4, constant: 2.4 }, // 万元 column
  { where: 'data', code: 'A14', role: 'q3', cell: t('３４２６'), kind: 'read', reading: 3426, constant: 3426 }, // stock
  { where: 'data', code: 'A15', role: 'plan', cell: t('1,226'), kind: 'read', reading: 1226, constant: 1226 },
  { where: 'data', code: 'B04', role: 'plan', cell: t('1600余'), kind: 'read', reading: 1600, constant: 1600 },
  { where: 'data', code: 'C04', role: 'plan', cell: t('11.6万余'), kind: 'read', reading: 11.6, constant: 11.6 }, // 万元 plan
  { where: 'data', code: 'D03', role: 'q1', cell: t('近万'), kind: 'read', reading: 10000, constant: 10000 },
  { where: 'data', code: 'E05', role: 'q3', cell: t(' 3000多 '), kind: 'read', reading: 3000, constant: 3000 }, // stock
  { where: 'data', code: 'B03', role: 'q1', cell: t('约20%'), kind: 'read', reading: 0.2, constant: 0.2 }, // a rate no formula reads
  // Data sheets, read as nothing.
  { where: 'data', code: 'C14', role: 'q3', cell: t('无'), kind: 'text' }, // flow: SUM skips it, the engine counts 0
  { where: 'data', code: 'E01', role: 'q3', cell: t('无'), kind: 'text' }, // stock: N() shows 0, not the text
  { where: 'data', code: 'C10', role: 'plan', cell: t('—'), kind: 'text' }, // plan: no plan in both
  { where: 'data', code: 'D02', role: 'q2', cell: t('   '), kind: 'space' }, // blank to the engine, filled to COUNTA
  { where: 'data', code: 'D01', role: 'q1', cell: { value: { kind: 'error', code: '#N/A' } }, kind: 'error' },
  { where: 'data', code: 'D04', role: 'q3', cell: { value: { kind: 'error', code: '#DIV/0!' } }, kind: 'error' }, // stock
  { where: 'data', code: 'A12', role: 'plan', cell: { value: { kind: 'error', code: '#REF!' } }, kind: 'error' },
  // 两纲监测 (targets as the builder writes them: W02 ≥ 70, W03 ≤ 2, W04 ≥ 30, K01 ≤ 3, K06 ≥ 90, K07 ≤ 5 …).
  { where: 'twoPlan', code: 'W02', role: 'value', cell: t('约20%'), kind: 'read', reading: 0.2, constant: 20 }, // 未达标
  { where: 'twoPlan', code: 'W03', role: 'value', cell: t('1.5%左右'), kind: 'read', reading: 0.015, constant: 1.5 }, // ≤ 2: final
  { where: 'twoPlan', code: 'W04', role: 'finalTarget', cell: t('30%'), kind: 'read', reading: 0.3, constant: 30 },
  { where: 'twoPlan', code: 'W04', role: 'value', cell: { value: num(31.91) }, kind: 'plain' }, // plain, for the row's scale
  { where: 'twoPlan', code: 'K06', role: 'value', cell: { value: num(0.95), numberFormat: '0.00%' }, kind: 'plain' }, // a fraction
  { where: 'twoPlan', code: 'K06', role: 'finalTarget', cell: t('约90%'), kind: 'read', reading: 0.9, constant: 0.9 },
  { where: 'twoPlan', code: 'K01', role: 'midTarget', cell: t('约4'), kind: 'read', reading: 4, constant: 4 }, // ≤ 3, ≤ 4
  { where: 'twoPlan', code: 'K01', role: 'value', cell: { value: num(3.5) }, kind: 'plain' }, // 达到中期目标
  { where: 'twoPlan', code: 'K02', role: 'value', cell: t('无'), kind: 'text' }, // no status
  { where: 'twoPlan', code: 'K03', role: 'value', cell: t('  '), kind: 'space' }, // 无数据
  { where: 'twoPlan', code: 'K04', role: 'finalTarget', cell: t('不详'), kind: 'text' }, // no status
  { where: 'twoPlan', code: 'K07', role: 'midTarget', cell: t('—'), kind: 'text' }, // no mid target: 未达标, not 达到中期目标
  { where: 'twoPlan', code: 'K07', role: 'value', cell: { value: num(6) }, kind: 'plain' },
  { where: 'twoPlan', code: 'W01', role: 'value', cell: { value: { kind: 'error', code: '#VALUE!' } }, kind: 'error' }, // no status
  // 93% typed in Excel: 0.93 in a percent-formatted cell, beside the target 90 in points: the row compares fractions.
  { where: 'twoPlan', code: 'K08', role: 'value', cell: { value: num(0.93), numberFormat: '0%' }, kind: 'plain' }, // ≥ 90: final
  { where: 'twoPlan', code: 'K05', role: 'finalTarget', cell: { value: { kind: 'error', code: '#N/A' } }, kind: 'error' }, // no status
];

/** The messy cells that carry a guard constant (typed text the engine reads as a number). */
export const GUARDED = MESSY.filter((m) => m.kind === 'read');

export interface Place {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/** Where a code's role sits in a return, from the engine's own layout. */
export function placeOf(wb: MemoryWorkbook, template: Template, where: MessyCell['where'], code: string, role: string): Place {
  const report = checkReturn(wb, template);
  const layout = where === 'twoPlan' ? report.layout.twoPlan! : report.layout.dataSheets.find((l) => l.rows[code] !== undefined)!;
  const row = layout.rows[code];
  const col = (layout.columns as Readonly<Partial<Record<string, number>>>)[role];
  if (row === undefined || col === undefined) throw new Error(`no ${code}/${role} in the return`);
  return { sheet: layout.sheet, row, col };
}

/** Writes the messy cells into `wb` (in place) and returns their places, in MESSY order. */
export function makeMessy(wb: MemoryWorkbook, template: Template, cells: readonly MessyCell[] = MESSY): Place[] {
  const places = cells.map((m) => placeOf(wb, template, m.where, m.code, m.role));
  cells.forEach((m, i) => {
    const p = places[i]!;
    wb.sheet(p.sheet)!.set(p.row, p.col, m.cell);
  });
  return places;
}

/** A complete return of `quarter` with every MESSY cell typed in. */
export function messyReturn(template: Template, quarter: 3 | 4 = 3, seed = 1, extraRows = 0): { wb: MemoryWorkbook; places: Place[] } {
  const wb = buildFilledReturn(template, { quarter, seed, extraRows });
  const places = makeMessy(wb, template);
  return { wb, places };
}

/** Writes a plan's formulas into a fake workbook of `wb` and recalculates it with the fake Excel evaluator. */
export function evaluate(wb: MemoryWorkbook, p: FillPlan): FakeWorkbookModel {
  const model = FakeWorkbookModel.fromMemoryWorkbook(wb);
  const summary = model.addSheet(p.summary.name);
  for (const w of p.toolOwned) model.sheet(w.sheet)!.setCell(w.row, w.col, fromEngineCell({ value: w.value, formula: w.formula }));
  for (const w of p.summary.cells) summary.setCell(w.row, w.col, fromEngineCell({ value: w.value, ...(w.formula ? { formula: w.formula } : {}) }));
  model.recalc();
  return model;
}

/** Formula cells whose evaluated value differs from `expected`'s cached value at the same place. */
export function disagreements(model: FakeWorkbookModel, written: FillPlan, expected: FillPlan): string[] {
  const want = new Map([...expected.toolOwned, ...expected.summary.cells].map((w) => [`${w.sheet}!${w.row},${w.col}`, w.value]));
  const out: string[] = [];
  for (const w of [...written.toolOwned, ...written.summary.cells]) {
    if (!w.formula) continue;
    const got = model.sheet(w.sheet)!.cell(w.row, w.col).value;
    const v = want.get(`${w.sheet}!${w.row},${w.col}`)!;
    const ok =
      v.kind === 'number'
        ? got.kind === 'number' && Math.abs(got.value - v.value) <= 1e-9 * Math.max(1, Math.abs(v.value))
        : v.kind === 'blank'
          ? got.kind === 'blank' || (got.kind === 'text' && got.value === '')
          : JSON.stringify(got) === JSON.stringify(v);
    if (!ok) out.push(`${w.sheet}!${a1(w.row, w.col)} ${w.formula} → ${JSON.stringify(got)}, engine ${JSON.stringify(v)}`);
  }
  return out;
}

/**
 * What users type into a cell a fill formula reads. No dates (a spreadsheet holds them as numbers, which the engine
 * refuses) and no booleans (LibreOffice holds TRUE as the number 1, Excel as a boolean): see src/engine/fill/index.ts.
 */
export const typedCellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant<Cell>({ value: { kind: 'blank' } }),
  fc.integer({ min: 0, max: 5000 }).map((n) => ({ value: num(n) })),
  fc.double({ min: 0, max: 200, noNaN: true }).map((n) => ({ value: num(Math.round(n * 100) / 100) })),
  fc.integer({ min: 0, max: 150 }).map((n) => ({ value: num(n / 100), numberFormat: '0%' })), // 75% typed in Excel
  fc
    .constantFrom('1262余', '近万', '3000多', '约300', '11.6万余', '685万元', '24000元', '３４２６', '1,226', ' 57 ', '约20%', '20.61%', '95%左右', '5‰', '近3')
    .map((s) => ({ value: text(s) })),
  fc.constantFrom('无', '—', '/', '#DIV/0!', '   ', '高', 'n/a').map((s) => ({ value: text(s) })),
  fc.string({ maxLength: 6 }).map((s) => ({ value: text(s) })),
  fc.constantFrom(...ERROR_CODES.slice(0, 7)).map((c) => ({ value: cellError(c) })),
);

const DATA_ROLES = ['plan', 'q1', 'q2', 'q3', 'q4'] as const;
const TWO_PLAN_ROLES = ['value', 'finalTarget', 'midTarget', 'baseline'] as const;
export interface TypedEdit {
  readonly where: 'data' | 'twoPlan';
  /** Index into template.indicators or template.twoPlan.defaultRows. */
  readonly index: number;
  readonly role: string;
  readonly cell: Cell;
}

/** One typed cell: an indicator's 年计划 or quarter, or a two-plan row's 本期值, targets or 基期值. */
export function typedEditArb(template: Template): fc.Arbitrary<TypedEdit> {
  return fc.oneof(
    fc.record({ where: fc.constant('data' as const), index: fc.nat(template.indicators.length - 1), role: fc.constantFrom<string>(...DATA_ROLES), cell: typedCellArb }),
    fc.record({ where: fc.constant('twoPlan' as const), index: fc.nat(template.twoPlan.defaultRows.length - 1), role: fc.constantFrom<string>(...TWO_PLAN_ROLES), cell: typedCellArb }),
  );
}

/** Types the edits into a return built by buildFilledReturn (rows and columns from the engine's layout). */
export function applyTypedEdits(wb: MemoryWorkbook, template: Template, edits: readonly TypedEdit[]): void {
  const layout = checkReturn(wb, template).layout;
  for (const e of edits) {
    const code = e.where === 'data' ? template.indicators[e.index]!.code : template.twoPlan.defaultRows[e.index]!.code;
    const l = e.where === 'data' ? layout.dataSheets.find((x) => x.rows[code] !== undefined)! : layout.twoPlan!;
    wb.sheet(l.sheet)!.set(l.rows[code]!, (l.columns as Readonly<Partial<Record<string, number>>>)[e.role]!, e.cell);
  }
}
