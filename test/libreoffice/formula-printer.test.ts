/**
 * LibreOffice Calc judges the formula printer: random arithmetic trees (every operator, negation, groups, IF over
 * comparisons) printed by src/engine/formula, written with spoiled caches and recalculated in one soffice run; each
 * cell must hold the tree's value as plain arithmetic computes it, so a parenthesis the printer left out that
 * precedence needed shows as a wrong number. Strings with quotes and a sheet name with a quote are read back as written.
 */
import fc from 'fast-check';
import { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { num as numberValue, text } from '../../src/engine/cell';
import {
  binary,
  call,
  cell,
  group,
  IF,
  mul,
  negate,
  num,
  printFormula,
  str,
  type BinaryOp,
  type ComparisonOp,
  type Expr,
} from '../../src/engine/formula';
import { readXlsx } from '../../src/xlsx';
import { recalcInLibreOffice } from './soffice';
import { withSpoiledCaches } from './spoiled';

const ARITHMETIC = ['+', '-', '*', '/'] as const;
const COMPARISONS: readonly ComparisonOp[] = ['=', '<>', '<', '<=', '>', '>='];

/**
 * The value plain arithmetic gives the tree (booleans of a comparison count 1 and 0 where summed, as in both hosts);
 * NaN where a host shows an error (÷0, 0^0, 0 to a negative power), and such trees are left out.
 */
function value(e: Expr): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'negate':
      return -value(e.arg);
    case 'group':
      return value(e.expr);
    case 'call': {
      const [test, a, b] = e.args;
      if (e.name !== 'IF' || !test || !a || !b) throw new Error(`no value for ${e.name}`);
      return value(test) !== 0 ? value(a) : value(b);
    }
    case 'binary': {
      const l = value(e.left);
      const r = value(e.right);
      if (Number.isNaN(l) || Number.isNaN(r)) return NaN; // an error value spreads through every operator
      const ops: Record<BinaryOp, () => number> = {
        '+': () => l + r,
        '-': () => l - r,
        '*': () => l * r,
        '/': () => (r === 0 ? NaN : l / r),
        '^': () => (l === 0 && r <= 0 ? NaN : l ** r),
        '&': () => NaN,
        '=': () => Number(l === r),
        '<>': () => Number(l !== r),
        '<': () => Number(l < r),
        '<=': () => Number(l <= r),
        '>': () => Number(l > r),
        '>=': () => Number(l >= r),
      };
      return ops[e.op]();
    }
    default:
      throw new Error(`no value for ${e.kind}`);
  }
}

const small = fc.integer({ min: -9, max: 9 }).map(num);
/** An exponent: a small whole number, possibly itself a power or negated, so `^`'s own grouping is tried. */
const exponent: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: 0, max: 3 }).map(num),
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 })).map(([a, b]) => binary('^', num(a), num(b))),
  fc.integer({ min: 1, max: 2 }).map((n) => negate(num(n))),
);
const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    small,
    fc.tuple(fc.constantFrom(...ARITHMETIC), tie('tree'), tie('tree')).map(([op, l, r]) => binary(op, l, r)),
    fc.tuple(tie('tree'), exponent).map(([l, r]) => binary('^', l, r)),
    tie('tree').map(negate),
    tie('tree').map(group),
    // A comparison as IF's test, or summed (TRUE counts 1): never compared again, where the two hosts differ.
    fc.tuple(fc.constantFrom(...COMPARISONS), tie('tree'), tie('tree'), tie('tree'), tie('tree')).map(([op, l, r, a, b]) => IF(binary(op, l, r), a, b)),
    fc.tuple(fc.constantFrom(...COMPARISONS), tie('tree'), tie('tree'), tie('tree')).map(([op, l, r, a]) => binary('+', binary(op, l, r), a)),
  ),
}));

test('LibreOffice computes every printed tree to the value of the tree', async () => {
  const trees = fc
    .sample(tree, { seed: 20261201, numRuns: 1500 })
    .filter((e) => {
      const v = value(e);
      return Number.isFinite(v) && Math.abs(v) < 1e9;
    })
    .slice(0, 300);
  expect(trees.length).toBe(300);

  const wb = new MemoryWorkbook();
  const quoted = "Bob's 数据";
  wb.addSheet(quoted).set(1, 1, { value: numberValue(21) });
  const s = wb.addSheet('trees');
  trees.forEach((e, i) => s.set(i + 1, 1, { value: numberValue(0), formula: printFormula(e) }));
  const words = ['say "hi"', '""', '无数据'];
  words.forEach((w, i) => s.set(i + 1, 2, { value: text(''), formula: printFormula(IF(binary('=', num(1), num(1)), str(w), str(''))) }));
  s.set(1, 3, { value: numberValue(0), formula: printFormula(mul(cell(1, 1, quoted), num(2))) });
  s.set(2, 3, { value: numberValue(0), formula: printFormula(call('N', cell(1, 1, quoted))) });

  const { book } = recalcInLibreOffice({ book: await withSpoiledCaches(wb) });
  const back = (await readXlsx(book!)).view.sheet('trees')!;

  const wrong = trees.flatMap((e, i) => {
    const got = back.cell(i + 1, 1).value;
    const want = value(e);
    const ok = got.kind === 'number' && Math.abs(got.value - want) <= 1e-9 * Math.max(1, Math.abs(want));
    return ok ? [] : [`${printFormula(e)} → ${JSON.stringify(got)}, want ${want}`];
  });
  expect(wrong).toEqual([]);
  expect(words.map((_, i) => back.cell(i + 1, 2).value)).toEqual(words.map(text));
  expect([back.cell(1, 3).value, back.cell(2, 3).value]).toEqual([numberValue(42), numberValue(21)]);
}, 180_000);
