import type { CellValue } from '../../src/engine/cell';
import { Evaluator, isValidFormula, type EvalContext } from '../../src/office-fake/formula';

/** A tiny workbook: sheet name → { A1: value }. */
function ctxOf(sheets: Record<string, Record<string, CellValue>>): EvalContext {
  return {
    read(sheet, row, col) {
      const s = sheets[sheet ?? ''];
      if (!s) return undefined;
      const key = `${String.fromCharCode(64 + col)}${row}`;
      return s[key] ?? { kind: 'blank' };
    },
    usedRows(sheet) {
      const s = sheets[sheet ?? ''];
      return s ? Math.max(0, ...Object.keys(s).map((k) => Number(k.slice(1)))) : 0;
    },
    hasSheet: (sheet) => sheet !== undefined && sheet in sheets,
  };
}

const n = (value: number): CellValue => ({ kind: 'number', value });
const t = (value: string): CellValue => ({ kind: 'text', value });
const b = (value: boolean): CellValue => ({ kind: 'boolean', value });

const book = {
  S: {
    A1: n(1),
    A2: n(2),
    A3: n(3),
    A4: t('x'),
    A5: b(true),
    B1: t('妇女'),
    B2: t('儿童'),
    B3: t('妇女'),
    B4: t(''),
    C1: n(10),
    C2: n(0),
    C3: n(-5),
    D1: { kind: 'error', code: '#DIV/0!' } as CellValue,
    E1: t('≥'),
    E2: t(' ≤ '),
  },
  '创业 就业': { A1: n(100), B1: n(50) },
};
const ev = (f: string): CellValue => new Evaluator(ctxOf(book), 'S').evaluate(f);

describe('formula evaluator', () => {
  test('arithmetic, precedence, unary minus and percent', () => {
    expect(ev('=1+2*3')).toEqual(n(7));
    expect(ev('=(1+2)*3')).toEqual(n(9));
    expect(ev('=-2^2')).toEqual(n(4)); // Excel: unary minus binds tighter than ^
    expect(ev('=2^3^2')).toEqual(n(64)); // left-associative in Excel
    expect(ev('=50%')).toEqual(n(0.5));
    expect(ev('=A1+A2*A3')).toEqual(n(7));
    expect(ev('=7/2')).toEqual(n(3.5));
  });

  test('errors are values: #DIV/0!, #REF!, #NAME?, #VALUE! and propagation', () => {
    expect(ev('=1/0')).toEqual({ kind: 'error', code: '#DIV/0!' });
    expect(ev('=A1/C2')).toEqual({ kind: 'error', code: '#DIV/0!' });
    expect(ev("='Nope'!A1")).toEqual({ kind: 'error', code: '#REF!' });
    expect(ev('=FOO(1)')).toEqual({ kind: 'error', code: '#NAME?' });
    expect(ev('=1+')).toEqual({ kind: 'error', code: '#NAME?' });
    expect(ev('=A4+1')).toEqual({ kind: 'error', code: '#VALUE!' });
    expect(ev('=D1+1')).toEqual({ kind: 'error', code: '#DIV/0!' });
    expect(ev('=#N/A')).toEqual({ kind: 'error', code: '#N/A' });
    expect(isValidFormula('=SUM(A1:A3')).toBe(false);
    expect(isValidFormula('=SUM(A1:A3)')).toBe(true);
  });

  test('references: sheet-qualified, quoted names with spaces, ranges, blank reads 0', () => {
    expect(ev("='创业 就业'!A1+'创业 就业'!B1")).toEqual(n(150));
    expect(ev('=S!A3')).toEqual(n(3));
    expect(ev('=$A$2')).toEqual(n(2));
    expect(ev('=Z99')).toEqual(n(0));
    expect(ev('=Z99&""')).toEqual(t(''));
  });

  test('comparison and concatenation follow Excel (text case-insensitive, blank = "" = 0)', () => {
    expect(ev('=A1<A2')).toEqual(b(true));
    expect(ev('="abc"="ABC"')).toEqual(b(true));
    expect(ev('=Z99=""')).toEqual(b(true));
    expect(ev('=Z99=0')).toEqual(b(true));
    expect(ev('=B4=""')).toEqual(b(true));
    expect(ev('=1<"a"')).toEqual(b(true)); // numbers sort before text
    expect(ev('=A1<>A2')).toEqual(b(true));
    expect(ev('=A1&"-"&B1')).toEqual(t('1-妇女'));
    expect(ev('=0.1+0.2&""')).toEqual(t('0.3'));
    expect(ev('=TRUE&""')).toEqual(t('TRUE'));
  });

  test('IF (lazy, default FALSE), N, NOT, AND, OR, ISNUMBER', () => {
    expect(ev('=IF(A1>0,"yes","no")')).toEqual(t('yes'));
    expect(ev('=IF(C2,"yes","no")')).toEqual(t('no'));
    expect(ev('=IF(A1>5,"yes")')).toEqual(b(false));
    expect(ev('=IF(TRUE,1,1/0)')).toEqual(n(1));
    expect(ev('=IF(N(C2)=0,"",A1/C2)')).toEqual(t(''));
    expect(ev('=N(A1)')).toEqual(n(1));
    expect(ev('=N(A4)')).toEqual(n(0));
    expect(ev('=N(A5)')).toEqual(n(1));
    expect(ev('=N(Z9)')).toEqual(n(0));
    expect(ev('=NOT(A5)')).toEqual(b(false));
    expect(ev('=AND(A1>0,A2>0)')).toEqual(b(true));
    expect(ev('=AND(A1>0,A2>5)')).toEqual(b(false));
    expect(ev('=OR(A1>5,A2>5)')).toEqual(b(false));
    expect(ev('=OR(A1>5,A2>1)')).toEqual(b(true));
    expect(ev('=AND(A1:A3)')).toEqual(b(true)); // text in a range is skipped
    expect(ev('=ISNUMBER(A1)')).toEqual(b(true));
    expect(ev('=ISNUMBER(A4)')).toEqual(b(false));
    expect(ev('=ISNUMBER(Z9)')).toEqual(b(false));
  });

  test('SUM, COUNT, COUNTA skip what Excel skips in ranges', () => {
    expect(ev('=SUM(A1:A5)')).toEqual(n(6)); // text and boolean in a range are ignored
    expect(ev('=SUM(A1,A2,"3",TRUE)')).toEqual(n(7)); // direct arguments are coerced
    expect(ev('=SUM(C1:C3)')).toEqual(n(5));
    expect(ev('=SUM(D1,A1)')).toEqual({ kind: 'error', code: '#DIV/0!' });
    expect(ev('=COUNT(A1:A5)')).toEqual(n(3));
    expect(ev('=COUNTA(A1:A5)')).toEqual(n(5));
    expect(ev('=COUNTA(B1:B5)')).toEqual(n(4)); // a "" text counts, a blank does not
    expect(ev('=SUM(A:A)')).toEqual(n(6));
  });

  test('COUNTIF and COUNTIFS criteria: equality, operators, blanks, wildcards', () => {
    expect(ev('=COUNTIF(B1:B3,"妇女")')).toEqual(n(2));
    expect(ev('=COUNTIF(A1:A3,">1")')).toEqual(n(2));
    expect(ev('=COUNTIF(A1:A3,2)')).toEqual(n(1));
    expect(ev('=COUNTIF(C1:C3,"<0")')).toEqual(n(1));
    expect(ev('=COUNTIF(B1:B5,"")')).toEqual(n(2)); // "" text and a blank
    expect(ev('=COUNTIF(B1:B5,"<>")')).toEqual(n(3));
    expect(ev('=COUNTIF(B1:B3,"妇*")')).toEqual(n(2));
    expect(ev('=COUNTIFS(B1:B3,"妇女",A1:A3,">1")')).toEqual(n(1));
    expect(ev('=COUNTIFS(B1:B3,"妇女",A1:A2,">1")')).toEqual({ kind: 'error', code: '#VALUE!' });
  });

  test('SUMPRODUCT with array arithmetic and comparisons', () => {
    expect(ev('=SUMPRODUCT(A1:A3,C1:C3)')).toEqual(n(10 + 0 - 15));
    expect(ev('=SUMPRODUCT((B1:B3="妇女")*(A1:A3))')).toEqual(n(4));
    expect(ev('=SUMPRODUCT((B1:B3="妇女")*(A1:A3>1))')).toEqual(n(1));
    expect(ev('=SUMPRODUCT(A1:A3,C1:C2)')).toEqual({ kind: 'error', code: '#VALUE!' });
  });

  test('ROUND rounds half away from zero, without binary artefacts', () => {
    expect(ev('=ROUND(2.5,0)')).toEqual(n(3));
    expect(ev('=ROUND(-2.5,0)')).toEqual(n(-3));
    expect(ev('=ROUND(1.005,2)')).toEqual(n(1.01));
    expect(ev('=ROUND(1234.5678,-2)')).toEqual(n(1200));
    expect(ev('=ROUND(A4,1)')).toEqual({ kind: 'error', code: '#VALUE!' });
  });

  test('TRIM, LEN, IFERROR, direction tests like the two-plan status formula', () => {
    expect(ev('=TRIM(E2)="≤"')).toEqual(b(true));
    expect(ev('=LEN("妇女儿童")')).toEqual(n(4));
    expect(ev('=IFERROR(1/0,"x")')).toEqual(t('x'));
    expect(ev('=IF(OR(TRIM(E1)="≥",TRIM(E1)=">="),"hi","lo")')).toEqual(t('hi'));
  });

  test('relative references shift with an offset (conditional formats); $ parts stay', () => {
    const at = (rows: number, cols: number, f: string): CellValue => new Evaluator(ctxOf(book), 'S', { rows, cols }).evaluate(f);
    expect(at(1, 0, '=A1')).toEqual(n(2));
    expect(at(2, 0, '=A1+$A$1')).toEqual(n(4));
    expect(at(0, 2, '=A1')).toEqual(n(10)); // C1
    expect(at(1, 0, '=SUM(A$1:A1)')).toEqual(n(3));
    expect(at(-1, 0, '=A1')).toEqual({ kind: 'error', code: '#REF!' });
    expect(at(0, 1, '=SUM(A:A)')).toEqual(n(0)); // column B holds text only
  });
});
