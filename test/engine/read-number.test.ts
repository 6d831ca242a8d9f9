import { bool, type Cell, cellError, dateSerial, num, text } from '../../src/engine/cell';
import { type NumberReading, readNumber, type ReadNote } from '../../src/engine/read/number';
import { standardTemplate } from '../../src/engine/template/load';

const units = standardTemplate().units;
const textCell = (s: string): Cell => ({ value: text(s) });
const read = (s: string, unit: string): NumberReading => readNumber(textCell(s), { unit, units });
const rules = (r: NumberReading): string[] => (r.kind === 'number' ? r.notes.map((n) => n.rule) : []);

/** Asserts a number reading with exactly these notes (in this order). */
function expectNumber(s: string, unit: string, value: number, notes: ReadNote['rule'][] = []): void {
  const r = read(s, unit);
  expect(r).toMatchObject({ kind: 'number', value });
  expect(rules(r)).toEqual(notes);
}

function expectInvalid(s: string, unit: string, rule: 'not-a-number' | 'formula-error' = 'not-a-number'): void {
  const r = read(s, unit);
  expect(r).toEqual({ kind: 'invalid', rule, params: { text: rule === 'formula-error' ? s.trim().toUpperCase() : s.trim() } });
}

describe('readNumber: the spec section 3 examples', () => {
  it.each([
    ['1262余', '人次', 1262, ['approximate-value']],
    ['近万', '人', 10000, ['approximate-value']],
    ['3000多', '人', 3000, ['approximate-value']],
    ['约300', '人', 300, ['approximate-value']],
    ['11.6万余', '人次', 116000, ['approximate-value']],
    ['685万元', '万元', 685, ['unit-in-cell']],
    ['24000元', '万元', 2.4, ['unit-in-cell']],
    ['３４２６', '人次', 3426, ['full-width-digits']],
    ['1,226', '人', 1226, []],
    [' 57 ', '人', 57, []],
  ] as const)('%s in a %s column → %d %j', (s, unit, value, notes) => {
    expectNumber(s, unit, value, [...notes]);
  });

  it.each(['—', '/', '无', '-', 'N/A', '不详', '－', '——', '--', '.', '约', '多', '万元', '%'])('%s is not a number', (s) => {
    expectInvalid(s, '人');
  });

  it.each(['#DIV/0!', '#REF!', '#VALUE!', '#N/A', ' #div/0! '])('text %s is a formula error', (s) => {
    expectInvalid(s, '人', 'formula-error');
  });

  it('24000元 in a 万元 column is exactly 2.4, not a float approximation', () => {
    const r = read('24000元', '万元');
    expect(r.kind === 'number' && r.value).toBe(2.4);
    expect(read('1元', '万元')).toMatchObject({ value: 0.0001 });
    expect(read('3元', '万元')).toMatchObject({ value: 0.0003 });
    expect(read('7千元', '万元')).toMatchObject({ value: 0.7 });
    expect(read('1.2亿元', '万元')).toMatchObject({ value: 12000 });
    expect(read('0.3万元', '元')).toMatchObject({ value: 3000 });
  });
});

describe('readNumber: note params feed the message patterns', () => {
  it('carries the typed text (trimmed), the counted value plainly, and the column unit', () => {
    const r = read(' 24000元 ', '万元');
    expect(r).toEqual({
      kind: 'number',
      value: 2.4,
      notes: [{ rule: 'unit-in-cell', params: { text: '24000元', value: '2.4', unit: '万元' } }],
    });
  });

  it('formats values without exponent, at most 6 decimals, trailing zeros trimmed', () => {
    const big = read('约1e21', '人');
    expect(big.kind === 'number' && big.notes[0].params.value).toBe('1000000000000000000000');
    const tiny = read('约0.0000001', '人');
    expect(tiny.kind === 'number' && tiny.notes[0].params.value).toBe('0');
    const six = read('约1.23456789', '人');
    expect(six.kind === 'number' && six.notes[0].params.value).toBe('1.234568');
    const trimmed = read('约2.50', '人');
    expect(trimmed.kind === 'number' && trimmed.notes[0].params.value).toBe('2.5');
  });

  it('a cell may earn several notes, each with the same params', () => {
    const r = read('约２４０００元', '万元');
    expect(r).toEqual({
      kind: 'number',
      value: 2.4,
      notes: [
        { rule: 'approximate-value', params: { text: '约２４０００元', value: '2.4', unit: '万元' } },
        { rule: 'unit-in-cell', params: { text: '约２４０００元', value: '2.4', unit: '万元' } },
        { rule: 'full-width-digits', params: { text: '约２４０００元', value: '2.4', unit: '万元' } },
      ],
    });
  });
});

describe('readNumber: approximate markers', () => {
  it.each([
    ['300左右', 300],
    ['300以上', 300],
    ['大约300', 300],
    ['将近300', 300],
    ['超过300', 300],
    ['不足300', 300],
    ['接近300', 300],
    ['300来', 300],
    ['300+', 300],
    ['约 300', 300],
    ['三千多', 3000],
    ['近千', 1000],
    ['万余', 10000],
    ['2万多', 20000],
    ['300余万', 3000000],
  ] as const)('%s → %d, approximate', (s, value) => {
    expectNumber(s, '人', value, ['approximate-value']);
  });

  it('marks after a unit count too (300人左右 in 人)', () => {
    expectNumber('300人左右', '人', 300, ['approximate-value', 'unit-in-cell']);
    expectNumber('3000多元', '元', 3000, ['approximate-value', 'unit-in-cell']);
  });
});

describe('readNumber: magnitude words and units', () => {
  it('万/千/亿 scale the figure with no finding of their own', () => {
    expectNumber('11.6万', '人', 116000);
    expectNumber('3千', '人', 3000);
    expectNumber('1.5亿', '人', 150000000);
    expectNumber('3千万', '人', 30000000);
    expectNumber('12.5万', '元', 125000);
  });

  it('in a 万元 column, 11.6万 means 11.6 万元 (no finding); 5千 means 5 千元 (converted, unit-in-cell)', () => {
    expectNumber('11.6万', '万元', 11.6);
    expectNumber('11.6万余', '万元', 11.6, ['approximate-value']);
    expectNumber('5千', '万元', 0.5, ['unit-in-cell']);
    expectNumber('近万', '万元', 1, ['approximate-value']);
    expectNumber('近万', '元', 10000, ['approximate-value']);
  });

  it('a trailing unit equal to the column unit is unit-in-cell with the same value', () => {
    expectNumber('3426人次', '人次', 3426, ['unit-in-cell']);
    expectNumber('12个', '个', 12, ['unit-in-cell']);
    expectNumber('1.2万人次', '人次', 12000, ['unit-in-cell']);
    expectNumber('3‰', '‰', 3, ['unit-in-cell']);
  });

  it('converts between units of one dimension via the template table', () => {
    expectNumber('685万元', '元', 6850000, ['unit-in-cell']);
    expectNumber('300余万元', '元', 3000000, ['approximate-value', 'unit-in-cell']);
    expectNumber('3千万元', '万元', 3000, ['unit-in-cell']);
  });

  it('a unit of another dimension, or an unknown unit, is not a number', () => {
    expectInvalid('300人', '万元');
    expectInvalid('300元', '人');
    expectInvalid('300元', '%');
    expectInvalid('3426人', '人次');
    expectInvalid('12个人', '人');
    expectInvalid('3kg', '人');
  });

  it('uses only the units table given (a template without 千元 cannot convert it)', () => {
    const small = { 万元: units['万元'], 元: units['元'] };
    expect(readNumber(textCell('5千元'), { unit: '万元', units: small })).toMatchObject({ kind: 'number', value: 0.5 });
    expect(readNumber(textCell('24000元'), { unit: '万元', units: {} })).toMatchObject({ kind: 'invalid' });
  });
});

describe('readNumber: full-width forms', () => {
  it.each([
    ['１，２２６', 1226],
    ['１２．５', 12.5],
    ['－５', -5],
    ['＋５', 5],
    ['　５７　', 57],
  ] as const)('%s → %d', (s, value) => {
    const r = read(s, '人');
    expect(r).toMatchObject({ kind: 'number', value });
  });

  it('full-width digits and separators earn a note; spaces alone (even ideographic) do not', () => {
    expect(rules(read('１２．５', '人'))).toEqual(['full-width-digits']);
    expect(rules(read('1，226', '人'))).toEqual(['full-width-digits']);
    expect(rules(read('　57　', '人'))).toEqual([]);
  });

  it('full-width percent in a % column', () => {
    expectNumber('２０.６１％', '%', 0.2061, ['full-width-digits']);
  });
});

describe('readNumber: signs, decimals, exponents', () => {
  it('negative numbers are numbers (the validator reports them)', () => {
    expectNumber('-5', '人', -5);
    expectNumber('－5', '人', -5, ['full-width-digits']);
    expectNumber('−5', '人', -5);
  });

  it('scientific notation and a leading + read as numbers', () => {
    expectNumber('1e3', '人', 1000);
    expectNumber('1.5E+2', '人', 150);
    expectNumber('+5', '人', 5);
    expectNumber('.5', '人', 0.5);
    expectNumber('0', '人', 0);
    expectNumber('-0', '人', 0);
  });

  it('rejects malformed separators and numbers split by spaces', () => {
    expectInvalid('1 226', '人');
    expectInvalid('12,34', '人');
    expectInvalid('1,2260', '人');
    expectInvalid('1.2.3', '人');
    expectInvalid('5-3', '人');
    expectInvalid('+-5', '人');
    expectInvalid('1e999', '人');
  });
});

describe('readNumber: Chinese numerals', () => {
  it.each([
    ['两万', 20000],
    ['十二', 12],
    ['一百五', 150],
    ['三万五', 35000],
    ['一千零五', 1005],
    ['一亿二千万', 120000000],
    ['零', 0],
  ] as const)('%s → %d', (s, value) => {
    expectNumber(s, '人', value);
  });

  it('rejects numeral strings that are not numbers', () => {
    expectInvalid('一些', '人');
    expectInvalid('二〇二六', '人');
    expectInvalid('万万', '人');
    expectInvalid('三十千', '人');
  });
});

describe('readNumber: percent columns', () => {
  const pct = (v: number, numberFormat?: string): NumberReading =>
    readNumber({ value: num(v), numberFormat }, { unit: '%', units });

  it('a number in a percent-formatted cell is already a fraction', () => {
    expect(pct(0.2061, '0.00%')).toEqual({ kind: 'number', value: 0.2061, notes: [] });
    expect(pct(0.5, '0%')).toEqual({ kind: 'number', value: 0.5, notes: [] });
  });

  it('a number in an unformatted cell is in percent points', () => {
    expect(pct(20.61)).toEqual({ kind: 'number', value: 0.2061, notes: [] });
    expect(pct(20.61, 'General')).toEqual({ kind: 'number', value: 0.2061, notes: [] });
    expect(pct(0.07)).toEqual({ kind: 'number', value: 0.0007, notes: [] });
  });

  it('text is in percent points, with or without its sign', () => {
    expectNumber('20.61%', '%', 0.2061);
    expectNumber('20.61', '%', 0.2061);
    expectNumber('约20%', '%', 0.2, ['approximate-value']);
  });

  it('a percent in a non-% column is not a number', () => {
    expectInvalid('20.61%', '人');
    expectInvalid('20.61%', '万元');
  });

  it('a % format does not change a non-% column', () => {
    expect(readNumber({ value: num(0.5), numberFormat: '0%' }, { unit: '人', units })).toMatchObject({ value: 0.5 });
  });
});

describe('readNumber: other cell kinds', () => {
  it('blank cells and whitespace-only text are blank', () => {
    expect(readNumber({ value: { kind: 'blank' } }, { unit: '人', units })).toEqual({ kind: 'blank' });
    expect(read('', '人')).toEqual({ kind: 'blank' });
    expect(read('  \t ', '人')).toEqual({ kind: 'blank' });
    expect(read('　', '人')).toEqual({ kind: 'blank' });
  });

  it('numbers read as themselves with no note', () => {
    expect(readNumber({ value: num(1262) }, { unit: '人', units })).toEqual({ kind: 'number', value: 1262, notes: [] });
    expect(readNumber({ value: num(-3.5) }, { unit: '万元', units })).toEqual({ kind: 'number', value: -3.5, notes: [] });
  });

  it('an error value is a formula error naming its code', () => {
    expect(readNumber({ value: cellError('#DIV/0!') }, { unit: '人', units })).toEqual({
      kind: 'invalid',
      rule: 'formula-error',
      params: { text: '#DIV/0!' },
    });
  });

  it('booleans and dates are not numbers', () => {
    expect(readNumber({ value: bool(true) }, { unit: '人', units })).toEqual({
      kind: 'invalid',
      rule: 'not-a-number',
      params: { text: 'TRUE' },
    });
    expect(readNumber({ value: dateSerial(46303) }, { unit: '人', units })).toEqual({
      kind: 'invalid',
      rule: 'not-a-number',
      params: { text: '2026-10-08' },
    });
  });

  it('a non-finite number is not a number', () => {
    expect(readNumber({ value: num(Number.NaN) }, { unit: '人', units })).toMatchObject({ kind: 'invalid' });
  });

  it('ignores zero-width characters pasted with a number, and NBSP around it', () => {
    expect(read('\u200b1262\u200b', '人')).toEqual({ kind: 'number', value: 1262, notes: [] });
    expect(read('\u00a057\u00a0', '人')).toEqual({ kind: 'number', value: 57, notes: [] });
    expect(read('\u200b', '人')).toMatchObject({ kind: 'invalid', rule: 'not-a-number' });
  });

  it('never alters the cell it reads', () => {
    const cell = Object.freeze({ value: Object.freeze(text(' 约２４０００元 ')), numberFormat: '@' });
    const copy = JSON.parse(JSON.stringify(cell));
    readNumber(cell, { unit: '万元', units });
    expect(cell).toEqual(copy);
  });
});
