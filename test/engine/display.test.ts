/* The one display rounding (src/engine/display.ts): values shown as Excel shows them under their number format. */
import { displayValue, formatPercent, roundShown, toFixedShown } from '../../src/engine/display';
import { num } from '../../src/engine/cell';

describe('rounding as Excel shows a value: half away from zero on the decimal value', () => {
  it('percent formats: 3187/4000 → 79.68%, 0.125 → 12.50%, 0.00005 → 0.01%, 1.005 → 100.50%', () => {
    expect(formatPercent(3187 / 4000)).toBe('79.68%');
    expect(formatPercent(0.125)).toBe('12.50%');
    expect(formatPercent(0.00005)).toBe('0.01%');
    expect(formatPercent(1.005)).toBe('100.50%');
    expect(displayValue(num(3187 / 4000), '0.00%')).toBe('79.68%');
    expect(displayValue(num(0.125), '0.0%')).toBe('12.5%');
    expect(displayValue(num(0.00005), '0.00%')).toBe('0.01%');
    expect(displayValue(num(1.005), '0.00%')).toBe('100.50%');
    expect(formatPercent(71.875 / 100, 1)).toBe('71.9%');
    expect(formatPercent(-0.0049)).toBe('-0.49%');
    expect(formatPercent(0)).toBe('0.00%');
  });

  it('fixed decimals: the binary value 2.67499… of 2.675 still shows 2.68; carries run through', () => {
    expect(toFixedShown(2.675, 2)).toBe('2.68');
    expect(toFixedShown(1.005, 2)).toBe('1.01');
    expect(toFixedShown(-1.005, 2)).toBe('-1.01');
    expect(toFixedShown(9.995, 2)).toBe('10.00');
    expect(toFixedShown(0.5, 0)).toBe('1');
    expect(toFixedShown(-0.5, 0)).toBe('-1');
    expect(toFixedShown(1262, 0)).toBe('1262');
    expect(toFixedShown(0.1 + 0.2, 2)).toBe('0.30');
    expect(toFixedShown(346.94000000000005, 2)).toBe('346.94');
    expect(toFixedShown(1e-20, 2)).toBe('0.00');
    expect(toFixedShown(-0.001, 2)).toBe('0.00');
    expect(toFixedShown(123456789012, 1)).toBe('123456789012.0');
    expect(displayValue(num(1234567.125), '#,##0.00')).toBe('1,234,567.13');
    expect(roundShown(79.675, 2)).toBe(79.68);
  });
});
