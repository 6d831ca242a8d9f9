/* The formula printer: every expected text written by hand, as one types it into Excel. */
import {
  absolute,
  add,
  AND,
  binary,
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
} from '../../src/engine/formula';

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
});
