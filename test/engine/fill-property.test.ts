/*
 * Property: whatever users type into the cells the fill formulas read — numbers, percent-formatted fractions, the
 * messy text of spec section 3, arbitrary text, spaces, error values — every formula planFill writes evaluates (fake
 * Excel evaluator) to the figure the engine caches for it. Booleans and dates are left out: a spreadsheet holds a date
 * as a number the engine refuses to read (see the fill README notes).
 */
import fc from 'fast-check';
import { buildFilledReturn, cellError, checkReturn, ERROR_CODES, num, planFill, text, type Cell } from '../../src/engine';
import { disagreements, evaluate } from './fill-messy.fixture';
import { tpl } from './helpers';

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
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
const editArb = fc.oneof(
  fc.record({ where: fc.constant('data' as const), index: fc.nat(tpl.indicators.length - 1), role: fc.constantFrom(...DATA_ROLES), cell: cellArb }),
  fc.record({ where: fc.constant('twoPlan' as const), index: fc.nat(tpl.twoPlan.defaultRows.length - 1), role: fc.constantFrom(...TWO_PLAN_ROLES), cell: cellArb }),
);

describe('planFill formulas agree with the engine on whatever is typed', () => {
  test('every formula evaluates to its cached engine figure', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 4 as const), fc.integer({ min: 1, max: 10_000 }), fc.array(editArb, { minLength: 1, maxLength: 15 }), (quarter, seed, edits) => {
        const wb = buildFilledReturn(tpl, { quarter: quarter as 1 | 2 | 3 | 4, seed });
        const layout = checkReturn(wb, tpl).layout;
        for (const e of edits) {
          const code = e.where === 'data' ? tpl.indicators[e.index]!.code : tpl.twoPlan.defaultRows[e.index]!.code;
          const l = e.where === 'data' ? layout.dataSheets.find((x) => x.rows[code] !== undefined)! : layout.twoPlan!;
          wb.sheet(l.sheet)!.set(l.rows[code]!, l.columns[e.role]!, e.cell);
        }
        const report = checkReturn(wb, tpl);
        const plan = planFill(wb, tpl, report);
        expect(disagreements(evaluate(wb, plan), plan, plan)).toEqual([]);
      }),
      { numRuns: Number(process.env.FILL_RUNS ?? 150) },
    );
  });
});
