/** The pure matching of 报送情况 (src/engine/status.ts), shared by the CLI and the browser. Cases by hand. */
import { foldUnitName, matchesUnit, parseExpectList, reportingStatus } from '../../src/engine/status';

test('names fold full-width characters and drop every space', () => {
  expect(foldUnitName('　安宁区（开发区） ')).toBe('安宁区(开发区)');
  expect(foldUnitName('ＸＸ县 妇联')).toBe('XX县妇联');
});

test('by code when both have one, else by name', () => {
  const listed = { unit: '城关区', divisionCode: '620102' };
  expect(matchesUnit(listed, { unit: '城关区妇女联合会', divisionCode: '620102' })).toBe(true);
  // Both have codes and they differ: the same name does not make it a match.
  expect(matchesUnit(listed, { unit: '城关区', divisionCode: '620103' })).toBe(false);
  expect(matchesUnit(listed, { unit: ' 城关区 ', divisionCode: null })).toBe(true);
  expect(matchesUnit({ unit: '西固区', divisionCode: null }, { unit: '西固区', divisionCode: '620104' })).toBe(true);
  expect(matchesUnit({ unit: '西固区', divisionCode: null }, { unit: null, divisionCode: '620104' })).toBe(false);
  // Full-width digits in a code fold too.
  expect(matchesUnit(listed, { unit: 'x', divisionCode: '６２０１０２' })).toBe(true);
});

test('the list: tab or spaces after a code, comments, BOM, CRLF; problems by line', () => {
  const r = parseExpectList('\uFEFF# 名单\r\n620102\t城关区\r\n620103  七里河区\r\n西固区\r\n\r\n\t永登县\r\n');
  expect(r.units).toEqual([
    { unit: '城关区', divisionCode: '620102' },
    { unit: '七里河区', divisionCode: '620103' },
    { unit: '西固区', divisionCode: null },
    { unit: '永登县', divisionCode: null },
  ]);
  expect(r.problems).toEqual([]);
  const bad = parseExpectList('62010x\t城关区\n620102\t\n西固区\n 西固区 \n');
  expect(bad.problems.map((p) => [p.line, p.reason])).toEqual([
    [1, 'bad-code'],
    [2, 'no-name'],
    [4, 'duplicate'],
  ]);
});

test('a return matching no unit is unexpected; the period is the matched returns\' own', () => {
  const s = reportingStatus(
    [{ unit: '城关区', divisionCode: null }, { unit: '西固区', divisionCode: null }],
    [
      { file: 'a.xlsx', unit: '城关区', divisionCode: null, period: { year: 2026, quarter: 2 }, errors: 3 },
      { file: 'z.xlsx', unit: '别的县', divisionCode: null, period: { year: 2025, quarter: 4 }, errors: 0 },
    ],
    'zh-CN',
  );
  expect(s).toEqual({
    period: '2026Q2',
    received: [{ unit: '城关区', file: 'a.xlsx', errors: 3 }],
    missing: [{ unit: '西固区', divisionCode: null }],
    unexpected: ['z.xlsx'],
    duplicates: [],
    reminder: '【催报】2026年第二季度妇联工作季度统计报表，以下1个单位尚未报送：西固区。请尽快报送，谢谢！',
  });
});
