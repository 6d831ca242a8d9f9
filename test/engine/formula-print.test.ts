/* The formula printer: every expected text written by hand, as one types it into Excel. */
import {
  absolute,
  add,
  AND,
  binary,
  call,
  cell,
  COUNTIFS,
  div,
  eq,
  FALSE,
  ge,
  group,
  IF,
  ISNUMBER,
  mul,
  N,
  negate,
  num,
  printExpr,
  printFormula,
  range,
  str,
  sub,
  SUM,
  sum,
  TRUE,
  type Expr,
} from '../../src/engine/formula';
import { parseFormula, type Node } from '../../src/office-fake/formula';
import fc from 'fast-check';

const A1 = cell(1, 1);
const B1 = cell(1, 2);
const C1 = cell(1, 3);

describe('formula printer: literals', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [3, '3'],
    [-5, '-5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1.5, '1.5'],
    [1e-7, '1E-7'],
    [1e21, '1E+21'],
  ])('number %p → %s', (v, want) => expect(printExpr(num(v))).toBe(want));

  it('refuses a number a formula cannot hold', () => {
    expect(() => printExpr(num(Number.NaN))).toThrow(RangeError);
    expect(() => printExpr(num(Infinity))).toThrow(RangeError);
  });

  it('strings in double quotes, a quote doubled; booleans as words', () => {
    expect(printExpr(str(''))).toBe('""');
    expect(printExpr(str('无数据'))).toBe('"无数据"');
    expect(printExpr(str('say "hi"'))).toBe('"say ""hi"""');
    expect(printExpr(str("it's"))).toBe('"it\'s"');
    expect(printExpr(TRUE)).toBe('TRUE');
    expect(printExpr(FALSE)).toBe('FALSE');
  });
});

describe('formula printer: references', () => {
  it('cells and ranges, relative and absolute', () => {
    expect(printExpr(cell(5, 4))).toBe('D5');
    expect(printExpr(cell(1048576, 16384))).toBe('XFD1048576');
    expect(printExpr(range({ row: 3, col: 5 }, { row: 3, col: 7 }))).toBe('E3:G3');
    expect(printExpr(range(absolute(3, 2), absolute(14, 2)))).toBe('$B$3:$B$14');
    expect(printExpr(range({ row: 3, col: 2, absCol: true }, { row: 14, col: 2, absRow: true }))).toBe('$B3:B$14');
  });

  it('a sheet name always quoted, a quote in it doubled, the prefix once per range', () => {
    expect(printExpr(cell(3, 9, '创业就业'))).toBe("'创业就业'!I3");
    expect(printExpr(cell(1, 1, "Bob's data"))).toBe("'Bob''s data'!A1");
    expect(printExpr(cell(1, 1, 'Sheet 1'))).toBe("'Sheet 1'!A1");
    expect(printExpr(range(absolute(3, 11), absolute(14, 11), '两纲监测'))).toBe("'两纲监测'!$K$3:$K$14");
  });

  it('refuses an address outside the sheet', () => {
    expect(() => printExpr(cell(0, 1))).toThrow();
    expect(() => printExpr(cell(1, 16385))).toThrow();
  });
});

describe('formula printer: calls and precedence', () => {
  it('calls with comma-separated arguments, nested', () => {
    expect(printFormula(SUM(range({ row: 3, col: 5 }, { row: 3, col: 7 }), cell(3, 9)))).toBe('=SUM(E3:G3,I3)');
    expect(printFormula(IF(eq(N(A1), num(0)), str(''), div(B1, A1)))).toBe('=IF(N(A1)=0,"",B1/A1)');
    expect(printFormula(IF(ISNUMBER(A1), A1, num(1262)))).toBe('=IF(ISNUMBER(A1),A1,1262)');
    expect(printFormula(COUNTIFS(range(absolute(3, 2), absolute(4, 2)), str('妇女')))).toBe('=COUNTIFS($B$3:$B$4,"妇女")');
    expect(printExpr(AND())).toBe('AND()');
  });

  it('parentheses only where precedence needs them', () => {
    expect(printExpr(add(A1, mul(B1, C1)))).toBe('A1+B1*C1');
    expect(printExpr(mul(add(A1, B1), C1))).toBe('(A1+B1)*C1');
    expect(printExpr(sub(sub(A1, B1), C1))).toBe('A1-B1-C1');
    expect(printExpr(sub(A1, sub(B1, C1)))).toBe('A1-(B1-C1)');
    expect(printExpr(div(A1, div(B1, C1)))).toBe('A1/(B1/C1)');
    expect(printExpr(div(A1, mul(B1, C1)))).toBe('A1/(B1*C1)');
    expect(printExpr(add(add(A1, B1), C1))).toBe('A1+B1+C1');
    expect(printExpr(add(A1, add(B1, C1)))).toBe('A1+(B1+C1)');
    // Comparison is the loosest: a sum compared needs none, a comparison summed needs them.
    expect(printExpr(ge(add(A1, B1), C1))).toBe('A1+B1>=C1');
    expect(printExpr(add(eq(A1, num(4)), eq(B1, num(3))))).toBe('(A1=4)+(B1=3)');
    expect(printExpr(eq(eq(A1, B1), C1))).toBe('A1=B1=C1');
    expect(printExpr(eq(A1, eq(B1, C1)))).toBe('A1=(B1=C1)');
    // & sits between comparison and +.
    expect(printExpr(binary('&', add(A1, B1), str('x')))).toBe('A1+B1&"x"');
    expect(printExpr(add(binary('&', A1, B1), C1))).toBe('(A1&B1)+C1');
    expect(printExpr(eq(binary('&', A1, B1), str('ab')))).toBe('A1&B1="ab"');
  });

  it('^ left to right; negation binds tighter than ^, so a negated power keeps its parentheses', () => {
    expect(printExpr(binary('^', binary('^', A1, num(2)), num(3)))).toBe('A1^2^3');
    expect(printExpr(binary('^', A1, binary('^', num(2), num(3))))).toBe('A1^(2^3)');
    expect(printExpr(binary('^', negate(A1), num(2)))).toBe('-A1^2');
    expect(printExpr(negate(binary('^', A1, num(2))))).toBe('-(A1^2)');
    expect(printExpr(negate(add(A1, B1)))).toBe('-(A1+B1)');
    expect(printExpr(negate(N(A1)))).toBe('-N(A1)');
    expect(printExpr(sub(A1, num(-5)))).toBe('A1--5');
    expect(printExpr(mul(cell(3, 7), num(0.8)))).toBe('G3*0.8');
  });

  it('a group keeps its parentheses, once', () => {
    expect(printExpr(group(A1))).toBe('(A1)');
    expect(printExpr(ge(B1, group(add(A1, num(5)))))).toBe('B1>=(A1+5)');
    expect(printExpr(mul(group(add(A1, B1)), C1))).toBe('(A1+B1)*C1');
    expect(printFormula(div(group(sum([A1, B1, C1])), num(17)))).toBe('=(A1+B1+C1)/17');
  });

  it('sum: terms left to right, one alone is itself, none is refused', () => {
    expect(printExpr(sum([A1]))).toBe('A1');
    expect(printExpr(sum([A1, sub(B1, C1)]))).toBe('A1+(B1-C1)');
    expect(() => sum([])).toThrow(RangeError);
  });

  it('a chain of 50,000 terms (汇总 counts a term per row) prints without running out of stack', () => {
    let chain: Expr = A1;
    for (let i = 0; i < 50_000; i++) chain = i % 2 ? add(chain, B1) : sub(chain, C1);
    const text = printExpr(chain);
    expect(text.startsWith('A1-C1+B1-C1+B1')).toBe(true);
    expect(text).toHaveLength(2 + 50_000 * 3);
    expect(printExpr(mul(sub(sub(A1, B1), C1), C1))).toBe('(A1-B1-C1)*C1');
  });
});

/*
 * Round trip through a parser we did not write for this printer (the fake Excel's, built from Excel's documented
 * grammar): whatever tree is printed, the parser reads back the same tree, so every parenthesis the printer leaves out
 * was one precedence did not need, and every quote is read as written.
 */
describe('formula printer: what it prints parses back to the same tree', () => {
  type Canon = readonly unknown[];
  const canon = (e: Expr): Canon => {
    switch (e.kind) {
      case 'number':
        return e.value < 0 ? ['neg', ['num', -e.value]] : ['num', e.value === 0 ? 0 : e.value];
      case 'string':
        return ['str', e.value];
      case 'boolean':
        return ['bool', e.value];
      case 'ref': {
        const to = e.to ?? e.from;
        return ['ref', e.sheet ?? null, e.from.row, e.from.col, to.row, to.col, !e.from.absRow, !e.from.absCol, !to.absRow, !to.absCol];
      }
      case 'call':
        return ['call', e.name, ...e.args.map(canon)];
      case 'negate':
        return ['neg', canon(e.arg)];
      case 'binary':
        return [e.op, canon(e.left), canon(e.right)];
      case 'group':
        return canon(e.expr);
    }
  };
  const canonNode = (n: Node): Canon => {
    switch (n.k) {
      case 'lit':
        return typeof n.v === 'number' ? ['num', n.v] : typeof n.v === 'string' ? ['str', n.v] : ['bool', n.v];
      case 'ref':
        return ['ref', n.sheet ?? null, n.r1, n.c1, n.r2, n.c2, n.rel.r1, n.rel.c1, n.rel.r2, n.rel.c2];
      case 'call':
        return ['call', n.name, ...n.args.map(canonNode)];
      case 'un':
        return n.op === '-' ? ['neg', canonNode(n.a)] : ['un', n.op, canonNode(n.a)];
      case 'bin':
        return [n.op, canonNode(n.a), canonNode(n.b)];
    }
  };

  const corner = fc.record({ row: fc.integer({ min: 1, max: 40 }), col: fc.integer({ min: 1, max: 40 }), absRow: fc.boolean(), absCol: fc.boolean() });
  const sheetName = fc.oneof(fc.constantFrom('创业就业', '两纲监测', "Bob's", 'Sheet 1', "''", 'a!b'), fc.string({ minLength: 1, maxLength: 5 }).filter((s) => !/[[\]:*?/\\]/.test(s)));
  const ref: fc.Arbitrary<Expr> = fc
    .record({ from: corner, span: fc.option(fc.tuple(fc.nat(5), fc.nat(5), fc.boolean(), fc.boolean())), sheet: fc.option(sheetName, { nil: undefined }) })
    .map(({ from, span, sheet }) => {
      const c = { row: from.row, col: from.col, ...(from.absRow ? { absRow: true } : {}), ...(from.absCol ? { absCol: true } : {}) };
      if (!span) return sheet === undefined ? { kind: 'ref', from: c } : { kind: 'ref', from: c, sheet };
      const to = { row: from.row + span[0], col: from.col + span[1], ...(span[2] ? { absRow: true } : {}), ...(span[3] ? { absCol: true } : {}) };
      return range(c, to, sheet);
    });
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e25, max: 1e25 })).map(num),
    fc.string({ maxLength: 6 }).map(str),
    fc.constantFrom(TRUE, FALSE),
    ref,
  );
  const OPS = ['=', '<>', '<', '<=', '>', '>=', '&', '+', '-', '*', '/', '^'] as const;
  const NAMES = ['IF', 'SUM', 'AND', 'OR', 'NOT', 'N', 'ABS', 'COUNTIFS'] as const;
  const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(fc.constantFrom(...OPS), tie('tree'), tie('tree')).map(([op, l, r]) => binary(op, l, r)),
      tie('tree').map(negate),
      tie('tree').map(group),
      fc.tuple(fc.constantFrom(...NAMES), fc.array(tie('tree'), { maxLength: 3 })).map(([name, args]) => call(name, ...args)),
    ),
  }));

  it('for random trees of every node and operator', () => {
    fc.assert(
      fc.property(tree, (e) => {
        expect(canonNode(parseFormula(printFormula(e)))).toEqual(canon(e));
      }),
      { numRuns: 2000 },
    );
  });
});
