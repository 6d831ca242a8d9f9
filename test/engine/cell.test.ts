/** The host boundary's shared converter and the UTF-8 byte counter, judged by hand-written values and Node's Buffer. */
import fc from 'fast-check';
import { cellValueFrom, isGeneralFormat, numberValue, putHostGrid, type Cell } from '../../src/engine/cell';
import { utf8Length } from '../../src/engine/utf8';

describe('cellValueFrom: a host value and its number format as an engine value', () => {
  test.each([
    [null, undefined, { kind: 'blank' }],
    [undefined, undefined, { kind: 'blank' }],
    ['', '@', { kind: 'blank' }],
    [12.5, undefined, { kind: 'number', value: 12.5 }],
    [12.5, '0.0%', { kind: 'number', value: 12.5 }],
    [45292, 'yyyy-mm-dd', { kind: 'date', serial: 45292 }],
    [45292, 'yyyy"年"m"月"', { kind: 'date', serial: 45292 }],
    [45292, '[Red]0.00', { kind: 'number', value: 45292 }],
    [true, undefined, { kind: 'boolean', value: true }],
    ['#DIV/0!', undefined, { kind: 'error', code: '#DIV/0!' }],
    [' #n/a ', undefined, { kind: 'error', code: '#N/A' }],
    ['#NOPE!', undefined, { kind: 'text', value: '#NOPE!' }],
    ['无', undefined, { kind: 'text', value: '无' }],
  ] as const)('%p with %p', (v, fmt, expected) => {
    expect(cellValueFrom(v, fmt)).toEqual(expected);
  });

  test('a 1904-system date serial is moved to the 1900 system: 0 is 1904-01-01, serial 1462', () => {
    expect(numberValue(0, 'yyyy-mm-dd', true)).toEqual({ kind: 'date', serial: 1462 });
    expect(numberValue(0.25, 'h:mm', true)).toEqual({ kind: 'number', value: 0.25 });
    expect(numberValue(10, 'General', true)).toEqual({ kind: 'number', value: 10 });
  });

  test('General in the locales hosts answer it in', () => {
    for (const f of ['General', 'G/通用格式', '常规', 'Standard', '']) expect(isGeneralFormat(f)).toBe(true);
    for (const f of ['@', '0%', 'yyyy-mm-dd', 'G/通用格式;-0']) expect(isGeneralFormat(f)).toBe(false);
  });
});

describe('putHostGrid: a range answer into cells', () => {
  test('offset from the range start; a constant formula is no formula; General is no format; a formatted blank is kept', () => {
    const got: [number, number, Cell][] = [];
    putHostGrid(
      {
        values: [[1, '', ''], ['x', 7, null]],
        formulas: [['1', '', ''], ['x', '=A3+6', null]],
        numberFormats: [['G/通用格式', '@', 'General'], [null, '0.00', 'General']],
      },
      { row: 3, col: 2 },
      (row, col, cell) => got.push([row, col, cell]),
    );
    expect(got).toEqual([
      [3, 2, { value: { kind: 'number', value: 1 } }],
      [3, 3, { value: { kind: 'blank' }, numberFormat: '@' }],
      [4, 2, { value: { kind: 'text', value: 'x' } }],
      [4, 3, { value: { kind: 'number', value: 7 }, formula: '=A3+6', numberFormat: '0.00' }],
    ]);
  });
});

describe('utf8Length', () => {
  test('as many bytes as Node encodes, for any text (CJK, astral, lone surrogates)', () => {
    for (const s of ['', 'abc', '创业就业', '𠀀😀', '\ud800', 'a\udc00b', '\ud800\ud800\udc00']) expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')));
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')));
  });
});
