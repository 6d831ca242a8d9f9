import { mapOutsideStrings, shiftFormula, storedFormula } from '../../src/xlsx/cell-xml';

describe('formula text helpers', () => {
  test('storedFormula drops the = and prefixes newer functions, never inside strings or sheet names', () => {
    expect(storedFormula('=SUM(E3:G3)')).toBe('SUM(E3:G3)');
    expect(storedFormula('=IFS(A1>0,"ifs(",TRUE,1)')).toBe('_xlfn.IFS(A1>0,"ifs(",TRUE,1)');
    expect(storedFormula("='concat(x)'!A1&CONCAT(B1,C1)")).toBe("'concat(x)'!A1&_xlfn.CONCAT(B1,C1)");
    expect(storedFormula('=MAXIFS(A:A,B:B,">0")')).toBe('_xlfn.MAXIFS(A:A,B:B,">0")');
    expect(storedFormula('=MYIFS(1)')).toBe('MYIFS(1)');
  });

  test('mapOutsideStrings leaves "strings" (with doubled quotes) and quoted sheet names alone', () => {
    const up = (s: string): string => s.toUpperCase();
    expect(mapOutsideStrings(`a"b""c"d'e''f'g`, up)).toBe(`A"b""c"D'e''f'G`);
    expect(mapOutsideStrings('ab"open', up)).toBe('AB"open');
    expect(mapOutsideStrings('', up)).toBe('');
  });

  test('shiftFormula moves relative references like Excel fills a shared formula', () => {
    expect(shiftFormula('A1*2', 1, 0)).toBe('A2*2');
    expect(shiftFormula('SUM(A1:$B$2)+$C1+D$1', 2, 1)).toBe('SUM(B3:$B$2)+$C3+E$1');
    expect(shiftFormula(`'创业就业'!E3+Sheet1!D4`, 1, 0)).toBe(`'创业就业'!E4+Sheet1!D5`);
    expect(shiftFormula('"A1"&LOG10(A1)&ATAN2(1,2)', 1, 1)).toBe('"A1"&LOG10(B2)&ATAN2(1,2)');
    expect(shiftFormula('A1', -1, 0)).toBe('#REF!');
    expect(shiftFormula('A1', 0, 0)).toBe('A1');
  });
});
