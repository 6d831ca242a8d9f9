/* Property: checking a randomly damaged return never throws, and every finding points at a real place. */
import fc from 'fast-check';
import {
  cellError,
  checkReturn,
  ERROR_CODES,
  formatFindings,
  num,
  parseA1,
  planFill,
  text,
  type Cell,
  type MemoryWorkbook,
} from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { tpl } from './helpers';

const SHEETS = ['封面', '创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设', '两纲监测'];

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant<Cell>({ value: { kind: 'blank' } }),
  fc.integer({ min: -1000, max: 100000 }).map((n) => ({ value: num(n) })),
  fc.double({ min: -10, max: 1e7, noNaN: true }).map((n) => ({ value: num(n) })),
  fc.double({ min: 0, max: 2, noNaN: true }).map((n) => ({ value: num(n), numberFormat: '0.00%' })),
  fc.constantFrom('无', '—', '/', '约300', '1262余', '近万', '３４２６', '1,226', ' 57 ', '24000元', '20.61%', 'A01', '指标代码', '≥', '高', '2026Q3', '').map(
    (s) => ({ value: text(s) }),
  ),
  fc.string({ maxLength: 8 }).map((s) => ({ value: text(s) })),
  fc.constantFrom(...ERROR_CODES).map((c) => ({ value: cellError(c) })),
  fc.boolean().map((b) => ({ value: { kind: 'boolean', value: b } as const })),
  fc.integer({ min: 0, max: 60000 }).map((s) => ({ value: { kind: 'date', serial: s } as const })),
  fc.constant<Cell>({ value: num(1), formula: '=1' }),
);

type Op =
  | { kind: 'set'; sheet: number; row: number; col: number; cell: Cell }
  | { kind: 'swap'; sheet: number; a: [number, number]; b: [number, number] }
  | { kind: 'dupRow'; sheet: number; from: number; to: number }
  | { kind: 'drop'; sheet: number }
  | { kind: 'merge'; sheet: number; row: number; col: number; h: number; w: number };

const pos = fc.tuple(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 14 }));
const sheetIdx = fc.integer({ min: 0, max: SHEETS.length - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), sheet: sheetIdx, row: fc.integer({ min: 1, max: 24 }), col: fc.integer({ min: 1, max: 14 }), cell: cellArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('swap' as const), sheet: sheetIdx, a: pos, b: pos }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dupRow' as const), sheet: sheetIdx, from: fc.integer({ min: 1, max: 20 }), to: fc.integer({ min: 1, max: 26 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), sheet: sheetIdx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), sheet: sheetIdx, row: fc.integer({ min: 1, max: 20 }), col: fc.integer({ min: 1, max: 12 }), h: fc.integer({ min: 1, max: 3 }), w: fc.integer({ min: 1, max: 3 }) }) },
);

function apply(wb: MemoryWorkbook, op: Op): void {
  const s = wb.sheet(SHEETS[op.sheet]!);
  if (!s) return;
  switch (op.kind) {
    case 'set':
      s.set(op.row, op.col, op.cell);
      break;
    case 'swap': {
      const a = s.cell(...op.a);
      s.set(op.a[0], op.a[1], s.cell(...op.b));
      s.set(op.b[0], op.b[1], a);
      break;
    }
    case 'dupRow':
      for (let c = 1; c <= 12; c++) s.set(op.to, c, s.cell(op.from, c));
      break;
    case 'drop':
      wb.removeSheet(s.name);
      break;
    case 'merge':
      s.merges = [...s.merges, { start: { row: op.row, col: op.col }, end: { row: op.row + op.h - 1, col: op.col + op.w - 1 } }];
      for (let r = op.row; r < op.row + op.h; r++)
        for (let c = op.col; c < op.col + op.w; c++) if (r !== op.row || c !== op.col) s.set(r, c, { value: { kind: 'blank' } });
      break;
  }
}

/** The text in the code column (the column headed 指标代码 in the first row that has that header) of `row`. */
function codeOnRow(sheet: NonNullable<ReturnType<MemoryWorkbook['sheet']>>, row: number): string | null {
  const label = sheet.name === '两纲监测' ? tpl.twoPlan.columns.code : tpl.dataColumns.code;
  for (let r = 1; r <= sheet.rowCount; r++)
    for (let c = 1; c <= sheet.colCount; c++) {
      const v = sheet.cell(r, c).value;
      if (v.kind === 'text' && v.value.trim() === label) {
        const code = sheet.cell(row, c).value;
        return code.kind === 'text' ? code.value.trim() : code.kind === 'number' ? String(code.value) : null;
      }
    }
  return null;
}

describe('checkReturn on damaged returns', () => {
  it('never throws and points only at real cells of sheets that exist', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 1000 }), fc.array(opArb, { maxLength: 25 }), (quarter, seed, ops) => {
        const wb = buildFilledReturn(tpl, { quarter: quarter as 1 | 2 | 3 | 4, seed });
        for (const op of ops) apply(wb, op);
        const report = checkReturn(wb, tpl);
        const findings = formatFindings(report.issues, tpl, 'zh-CN');
        formatFindings(report.issues, tpl, 'en');
        for (const f of findings) {
          if (f.rule === 'missing-sheet') {
            expect(wb.sheet(f.sheet)).toBeUndefined();
            expect(f.cell).toBeNull();
            continue;
          }
          expect(wb.sheet(f.sheet)).toBeDefined();
          if (f.cell !== null) {
            expect(f.cell).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
            const { row, col } = parseA1(f.cell);
            const sheet = wb.sheet(f.sheet)!;
            // Inside the sheet as it stands (one past the last column/row would name a cell nobody can see).
            expect([f.cell, row <= sheet.rowCount && col <= sheet.colCount]).toEqual([f.cell, true]);
            // A finding about an indicator sits on that indicator's row: its code cell there holds the code.
            if (f.indicator !== null) expect([f.rule, f.cell, codeOnRow(sheet, row)]).toEqual([f.rule, f.cell, f.indicator]);
          }
          expect(f.message).not.toMatch(/\{[A-Za-z]+\}/);
          expect(['error', 'warning', 'info']).toContain(f.severity);
        }
        expect(report.completeness.overall).toBeGreaterThanOrEqual(0);
        expect(report.completeness.overall).toBeLessThanOrEqual(1);
        const plan = planFill(wb, tpl, report);
        for (const w of plan.toolOwned) expect(wb.sheet(w.sheet)).toBeDefined();
      }),
      { numRuns: 150 },
    );
  });
});
