/* The preview grid shows values the way Excel does (fast, no browser). */
import { cellError, dateSerial, num, text, BLANK, serialFromDate } from '../../src/engine/cell';
import { alignmentOf, decimalsOf, displayValue, formatDate, formatGeneral } from '../../src/preview/display';

describe('preview cell display', () => {
  it('shows fractions under percent formats with the format’s decimals', () => {
    expect(displayValue(num(0.2061), '0.00%')).toBe('20.61%');
    expect(displayValue(num(0.5), '0.0%')).toBe('50.0%');
    expect(displayValue(num(1.23456), '0%')).toBe('123%');
    expect(displayValue(num(-0.0049), '0.00%')).toBe('-0.49%');
    // Excel rounds the shown decimal digits half away from zero: 3187 / 4000 = 79.675% shows 79.68%.
    expect(displayValue(num(3187 / 4000), '0.00%')).toBe('79.68%');
    expect(displayValue(num(1.005), '0.00')).toBe('1.01');
  });

  it('shows numbers plainly under General, with at most 11 significant digits', () => {
    expect(displayValue(num(1262), undefined)).toBe('1262');
    expect(displayValue(num(2.4), 'General')).toBe('2.4');
    expect(displayValue(num(0.1 + 0.2), 'General')).toBe('0.3');
    expect(formatGeneral(123456789012)).toBe('1.23457E+11');
    expect(formatGeneral(0)).toBe('0');
  });

  it('applies fixed decimals and thousands separators', () => {
    expect(displayValue(num(1226.5), '#,##0.00')).toBe('1,226.50');
    expect(displayValue(num(1226.5), '0')).toBe('1227');
    expect(decimalsOf('0.00%')).toBe(2);
    expect(decimalsOf('"x.00"0')).toBe(0);
  });

  it('shows dates as yyyy-mm-dd, or by the format’s own pattern', () => {
    const serial = serialFromDate(new Date(Date.UTC(2026, 9, 8)));
    expect(displayValue(dateSerial(serial))).toBe('2026-10-08');
    expect(displayValue(num(serial), 'yyyy"年"m"月"d"日"')).toBe('2026年10月8日');
    expect(displayValue(num(serial), 'yyyy/mm/dd')).toBe('2026/10/08');
    expect(formatDate(serial + 0.5, 'yyyy-mm-dd hh:mm')).toBe('2026-10-08 12:00');
  });

  it('shows error values, text and blanks as they are', () => {
    expect(displayValue(cellError('#DIV/0!'))).toBe('#DIV/0!');
    expect(displayValue(text('1262余'))).toBe('1262余');
    expect(displayValue(BLANK)).toBe('');
    expect(alignmentOf(num(1))).toBe('right');
    expect(alignmentOf(text('a'))).toBe('left');
    expect(alignmentOf(cellError('#N/A'))).toBe('center');
  });
});
