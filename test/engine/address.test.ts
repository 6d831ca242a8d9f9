import { columnIndex, columnLetters, formatA1, InvalidAddressError, parseA1, parseRange } from '../../src/engine/address';

describe('A1 addresses', () => {
  it('round-trips columns past Z', () => {
    for (const [n, s] of [[1, 'A'], [26, 'Z'], [27, 'AA'], [52, 'AZ'], [53, 'BA'], [702, 'ZZ'], [703, 'AAA'], [16384, 'XFD']] as const) {
      expect(columnLetters(n)).toBe(s);
      expect(columnIndex(s)).toBe(n);
    }
  });
  it('parses and formats, absolute markers included', () => {
    expect(parseA1('$B$7')).toEqual({ row: 7, col: 2 });
    expect(formatA1(parseA1('aa10'))).toBe('AA10');
    expect(parseRange('C3:A1')).toEqual({ start: { row: 1, col: 1 }, end: { row: 3, col: 3 } });
  });
  it('throws InvalidAddressError on misuse', () => {
    expect(() => parseA1('B0')).toThrow(InvalidAddressError);
    expect(() => parseA1('7B')).toThrow(InvalidAddressError);
    expect(() => columnIndex('XFE')).toThrow(InvalidAddressError);
  });
});
