import { bool, type Cell, cellError, dateSerial, num, serialFromDate, text } from '../../src/engine/cell';
import { displayText, isDivisionCode, isPhone, readDate, readPeriod } from '../../src/engine/read/cover';

const T = (s: string): Cell => ({ value: text(s) });
const serial = (y: number, m: number, d: number): number => serialFromDate(new Date(Date.UTC(y, m - 1, d)));

describe('readPeriod', () => {
  it.each([
    '2026Q3',
    '2026q3',
    '2026 Q3',
    ' 2026Q3 ',
    '2026年第3季度',
    '2026年第三季度',
    '2026年三季度',
    '2026年3季度',
    '２０２６Ｑ３',
    '２０２６年第３季度',
    '2026 年 第 三 季度',
    '2026年Q3',
  ])('%s → 2026 Q3', (s) => {
    expect(readPeriod(T(s))).toEqual({ year: 2026, quarter: 3 });
  });

  it('reads every quarter', () => {
    expect(readPeriod(T('2025Q1'))).toEqual({ year: 2025, quarter: 1 });
    expect(readPeriod(T('2026年第二季度'))).toEqual({ year: 2026, quarter: 2 });
    expect(readPeriod(T('2026年四季度'))).toEqual({ year: 2026, quarter: 4 });
  });

  it.each(['2026Q0', '2026Q5', '2026年第五季度', '2026年第0季度', '2026年第13季度'])('%s: quarter outside 1–4 → null', (s) => {
    expect(readPeriod(T(s))).toBeNull();
  });

  it.each(['', '2026', 'Q3', '2026年', '26Q3', '2026Q3季度', '2026年第3月', '第三季度', '2026-09-30', 'abc'])('%s → null', (s) => {
    expect(readPeriod(T(s))).toBeNull();
  });

  it('non-text cells → null', () => {
    expect(readPeriod({ value: num(2026) })).toBeNull();
    expect(readPeriod({ value: { kind: 'blank' } })).toBeNull();
    expect(readPeriod({ value: cellError('#N/A') })).toBeNull();
  });
});

describe('readDate', () => {
  const oct8 = serial(2026, 10, 8);

  it('the serial of 2026-10-08 is the one Excel uses', () => {
    expect(oct8).toBe(46303);
  });

  it.each(['2026-10-08', '2026/10/8', '2026.10.8', '2026年10月8日', '2026年10月08日', ' 2026-10-8 ', '２０２６－１０－０８', '2026／10／8'])(
    '%s → the serial of 2026-10-08',
    (s) => {
      expect(readDate(T(s))).toBe(oct8);
    },
  );

  it('accepts a time of day after the date, and 年月日 without the final 日', () => {
    expect(readDate(T('2026-10-08 00:00:00'))).toBe(oct8);
    expect(readDate(T('2026-10-08T09:30'))).toBe(oct8);
    expect(readDate(T('2026年10月8'))).toBe(oct8);
    expect(readDate(T('2026-10-08 25'))).toBeNull();
  });

  it('a date value is its serial', () => {
    expect(readDate({ value: dateSerial(oct8) })).toBe(oct8);
  });

  it('a number with a date format is the number; without one it is not a date', () => {
    expect(readDate({ value: num(oct8), numberFormat: 'yyyy-mm-dd' })).toBe(oct8);
    expect(readDate({ value: num(oct8), numberFormat: 'yyyy"年"m"月"d"日"' })).toBe(oct8);
    expect(readDate({ value: num(oct8) })).toBeNull();
    expect(readDate({ value: num(oct8), numberFormat: '0.00' })).toBeNull();
  });

  it('leap days: only real calendar dates', () => {
    expect(readDate(T('2024-02-29'))).toBe(serial(2024, 2, 29));
    expect(readDate(T('2026-02-29'))).toBeNull();
    expect(readDate(T('2026-02-30'))).toBeNull();
    expect(readDate(T('2026-04-31'))).toBeNull();
    expect(readDate(T('2026-13-01'))).toBeNull();
    expect(readDate(T('2026-00-10'))).toBeNull();
    expect(readDate(T('2026年2月30日'))).toBeNull();
  });

  it.each(['', 'abc', '2026-10', '2026-10/08', '10/8/2026', '2026年10月', '2026Q3', '今天'])('%s → null', (s) => {
    expect(readDate(T(s))).toBeNull();
  });

  it('other kinds → null', () => {
    expect(readDate({ value: bool(true) })).toBeNull();
    expect(readDate({ value: cellError('#VALUE!') })).toBeNull();
    expect(readDate({ value: { kind: 'blank' } })).toBeNull();
  });
});

describe('isPhone', () => {
  it.each([
    '13912345678',
    '139 1234 5678',
    '139-1234-5678',
    '+86 139 1234 5678',
    '１３９１２３４５６７８',
    '0938-8212345',
    '09388212345',
    '010-12345678',
    '0938-8212345-123',
    '0938-8212345转123',
    '(0938)8212345',
    '（0938）8212345',
  ])('%s is a phone', (s) => {
    expect(isPhone(T(s))).toBe(true);
  });

  it.each(['', '12345678901', '1391234567', '139123456789', '8212345', '0938-821234', '0938-821234567', 'abc', '0938-8212345-'])(
    '%s is not',
    (s) => {
      expect(isPhone(T(s))).toBe(false);
    },
  );

  it('a mobile typed as a number is a phone', () => {
    expect(isPhone({ value: num(13912345678) })).toBe(true);
    expect(isPhone({ value: num(9388212345) })).toBe(false); // the landline's leading 0 was lost
    expect(isPhone({ value: num(13912345678.5) })).toBe(false);
    expect(isPhone({ value: bool(true) })).toBe(false);
  });
});

describe('isDivisionCode', () => {
  it('exactly 6 ASCII digits as text (trimmed)', () => {
    expect(isDivisionCode(T('620100'))).toBe(true);
    expect(isDivisionCode(T(' 620100 '))).toBe(true);
    expect(isDivisionCode(T('62010'))).toBe(false);
    expect(isDivisionCode(T('6201000'))).toBe(false);
    expect(isDivisionCode(T('６２０１００'))).toBe(false);
    expect(isDivisionCode(T('62O100'))).toBe(false);
  });

  it('or an integer number 100000–999999', () => {
    expect(isDivisionCode({ value: num(620100) })).toBe(true);
    expect(isDivisionCode({ value: num(100000) })).toBe(true);
    expect(isDivisionCode({ value: num(999999) })).toBe(true);
    expect(isDivisionCode({ value: num(99999) })).toBe(false);
    expect(isDivisionCode({ value: num(1000000) })).toBe(false);
    expect(isDivisionCode({ value: num(620100.5) })).toBe(false);
    expect(isDivisionCode({ value: { kind: 'blank' } })).toBe(false);
  });
});

describe('displayText', () => {
  it('text trimmed, blank as empty', () => {
    expect(displayText(T('  甘肃省妇联 '))).toBe('甘肃省妇联');
    expect(displayText({ value: { kind: 'blank' } })).toBe('');
  });

  it('numbers plainly, never in exponent form', () => {
    expect(displayText({ value: num(1262) })).toBe('1262');
    expect(displayText({ value: num(2.5) })).toBe('2.5');
    expect(displayText({ value: num(-3) })).toBe('-3');
    expect(displayText({ value: num(1e21) })).toBe('1000000000000000000000');
    expect(displayText({ value: num(1.5e-7) })).toBe('0.00000015');
    expect(displayText({ value: num(0.1 + 0.2) })).toBe('0.3');
  });

  it('booleans, errors and dates', () => {
    expect(displayText({ value: bool(true) })).toBe('TRUE');
    expect(displayText({ value: bool(false) })).toBe('FALSE');
    expect(displayText({ value: cellError('#DIV/0!') })).toBe('#DIV/0!');
    expect(displayText({ value: dateSerial(46303) })).toBe('2026-10-08');
    expect(displayText({ value: dateSerial(46303.75) })).toBe('2026-10-08');
    expect(displayText({ value: dateSerial(1) })).toBe('1900-01-01');
    expect(displayText({ value: dateSerial(60) })).toBe('1900-02-29');
    expect(displayText({ value: dateSerial(61) })).toBe('1900-03-01');
  });
});
