/*
 * Property: whatever users type into the cells the fill formulas read — numbers, percent-formatted fractions, the
 * messy text of spec section 3, arbitrary text, spaces, error values — every formula planFill writes evaluates (fake
 * Excel evaluator) to the figure the engine caches for it. Booleans and dates are left out (see src/engine/fill/index.ts).
 */
import fc from 'fast-check';
import { checkReturn, planFill } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { applyTypedEdits, disagreements, evaluate, typedEditArb } from './fill-messy.fixture';
import { tpl } from './helpers';

describe('planFill formulas agree with the engine on whatever is typed', () => {
  test('every formula evaluates to its cached engine figure', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 4 as const), fc.integer({ min: 1, max: 10_000 }), fc.array(typedEditArb(tpl), { minLength: 1, maxLength: 15 }), (quarter, seed, edits) => {
        const wb = buildFilledReturn(tpl, { quarter: quarter as 1 | 2 | 3 | 4, seed });
        applyTypedEdits(wb, tpl, edits);
        const report = checkReturn(wb, tpl);
        const plan = planFill(wb, tpl, report);
        expect(disagreements(evaluate(wb, plan), plan, plan)).toEqual([]);
      }),
      { numRuns: Number(process.env.FILL_RUNS ?? 150) },
    );
  });
});
