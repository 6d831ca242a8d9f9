/* Every rule id of spec section 4 (except revised-earlier-quarter) at the cell "Where a finding points" says. */
import { cellError, formatFindings, num, text, type MemoryWorkbook } from '../../src/engine';
import { checkAfter, clear, hits, numAt, put, sheet, tpl } from './helpers';

// Sample layout: data sheets have the header in row 2, A01 in row 3 … A15 in row 17; D=年计划, E–H quarters,
// I=累计, J=完成年计划(%), K=序时进度(%). 封面 B2..B8: 填报单位, 行政区划代码, 报告期, 填报人, 审核人, 联系电话, 填报日期.
// 两纲监测: header row 2, W01 row 3 … K08 row 14; F=方向, G=基期值, H=中期目标, I=终期目标, J=本期值, K=达标状态.
const JY = '创业就业';
const TP = '两纲监测';
const only = (mutate: (wb: MemoryWorkbook) => void) => hits(checkAfter(mutate));

describe('sheets, header rows and indicator rows', () => {
  it('missing-sheet for an absent data sheet, cell null, nothing else', () => {
    expect(only((wb) => wb.removeSheet('维权服务'))).toEqual([{ rule: 'missing-sheet', sheet: '维权服务', cell: null, indicator: null }]);
  });
  it('missing-sheet for 封面 and 两纲监测, never for 汇总', () => {
    expect(only((wb) => (wb.removeSheet('封面'), wb.removeSheet(TP)))).toEqual([
      { rule: 'missing-sheet', sheet: '封面', cell: null, indicator: null },
      { rule: 'missing-sheet', sheet: TP, cell: null, indicator: null },
    ]);
  });
  it('missing-header-row when no 指标代码 row, or a quarter column is missing', () => {
    expect(only((wb) => put(sheet(wb, JY), 'A2', text('代码')))).toEqual([
      { rule: 'missing-header-row', sheet: JY, cell: null, indicator: null },
    ]);
    const r = checkAfter((wb) => put(sheet(wb, JY), 'G2', text('三季度')));
    expect(hits(r)).toEqual([{ rule: 'missing-header-row', sheet: JY, cell: null, indicator: null }]);
    const first = r.issues[0];
    expect(first?.rule === 'missing-header-row' && first.params.label).toBe('第三季度');
  });
  it('missing-indicator (cell null) when a code has no row', () => {
    expect(only((wb) => clear(sheet(wb, JY), 'A12'))).toEqual([{ rule: 'missing-indicator', sheet: JY, cell: null, indicator: 'A10' }]);
  });
  it('duplicate-indicator at the second code cell, code as typed (trimmed)', () => {
    expect(
      only((wb) => {
        const s = sheet(wb, JY);
        for (let c = 1; c <= 12; c++) s.set(30, c, s.cell(5, c));
        put(s, 'A30', text(' A03 '));
      }),
    ).toEqual([{ rule: 'duplicate-indicator', sheet: JY, cell: 'A30', indicator: 'A03' }]);
  });
  it('unknown-indicator at the code cell; blank rows and note rows are fine', () => {
    expect(
      only((wb) => {
        const s = sheet(wb, JY);
        put(s, 'A31', text(' A99 '));
        put(s, 'E31', num(5));
        put(s, 'A33', text('填表说明：数字按季度填写'));
      }),
    ).toEqual([{ rule: 'unknown-indicator', sheet: JY, cell: 'A31', indicator: 'A99' }]);
  });
  it('finds the header lower down, and maps reordered and extra columns by label', () => {
    expect(
      only((wb) => {
        const s = sheet(wb, JY);
        // insert two rows above everything below the title, swap 第一/第二季度, add a column after 备注
        const rows = Array.from({ length: s.rowCount }, (_, r) => Array.from({ length: 12 }, (_, c) => s.cell(r + 1, c + 1)));
        for (let r = 2; r <= rows.length; r++) for (let c = 1; c <= 12; c++) s.set(r, c, { value: { kind: 'blank' } });
        rows.forEach((row, r) => {
          if (r === 0) return;
          row.forEach((cell, c) => {
            const col = c === 4 ? 6 : c === 5 ? 5 : c + 1;
            s.set(r + 3, col, cell);
          });
          s.set(r + 3, 13, { value: text(r === 1 ? '联系人' : '张三') });
        });
      }),
    ).toEqual([]);
  });
});

describe('cover', () => {
  it('cover-field-missing at column B; 审核人 is a warning; a missing label row gives cell null', () => {
    const r = checkAfter((wb) => {
      const c = sheet(wb, '封面');
      clear(c, 'B5');
      clear(c, 'B6');
      clear(c, 'A7');
      clear(c, 'B7');
    });
    expect(hits(r)).toEqual([
      { rule: 'cover-field-missing', sheet: '封面', cell: null, indicator: null },
      { rule: 'cover-field-missing', sheet: '封面', cell: 'B5', indicator: null },
      { rule: 'cover-field-missing', sheet: '封面', cell: 'B6', indicator: null },
    ]);
    expect(r.counts).toEqual({ error: 2, warning: 1, info: 0 });
  });
  it('bad-period, bad-phone, bad-date, bad-division-code at the value cell', () => {
    const r = checkAfter((wb) => {
      const c = sheet(wb, '封面');
      put(c, 'B3', text('62010'));
      put(c, 'B4', text('2026年第五季度'));
      put(c, 'B7', text('12345'));
      put(c, 'B8', text('2026-13-45'));
    });
    expect(hits(r)).toEqual([
      { rule: 'bad-division-code', sheet: '封面', cell: 'B3', indicator: null },
      { rule: 'bad-period', sheet: '封面', cell: 'B4', indicator: null },
      { rule: 'bad-phone', sheet: '封面', cell: 'B7', indicator: null },
      { rule: 'bad-date', sheet: '封面', cell: 'B8', indicator: null },
    ]);
    // the quarter is inferred from the data (Q3 here): no required-missing flood, no future-quarter findings
    expect(r.period).toBeNull();
    expect(r.quarter).toBe(3);
    expect(r.periodText).toBe('2026年第五季度');
  });
  it('accepts the other period spellings', () => {
    for (const p of ['2026年第3季度', '2026年第三季度', '2026年三季度']) {
      const r = checkAfter((wb) => put(sheet(wb, '封面'), 'B4', text(p)));
      expect(hits(r)).toEqual([]);
      expect(r.period).toEqual({ year: 2026, quarter: 3 });
    }
  });
});

describe('typed values', () => {
  it('required-missing at the blank quarter cell; relations needing it are skipped', () => {
    expect(only((wb) => clear(sheet(wb, JY), 'G3'))).toEqual([{ rule: 'required-missing', sheet: JY, cell: 'G3', indicator: 'A01' }]);
  });
  it('plan-missing alone for a blank 年计划 of a plan indicator', () => {
    expect(only((wb) => clear(sheet(wb, JY), 'D3'))).toEqual([{ rule: 'plan-missing', sheet: JY, cell: 'D3', indicator: 'A01' }]);
  });
  it('not-a-number alone for 无, even where it is a total', () => {
    expect(only((wb) => put(sheet(wb, JY), 'G3', text('无')))).toEqual([{ rule: 'not-a-number', sheet: JY, cell: 'G3', indicator: 'A01' }]);
  });
  it('formula-error at the cell', () => {
    expect(only((wb) => put(sheet(wb, JY), 'E12', cellError('#DIV/0!')))).toEqual([
      { rule: 'formula-error', sheet: JY, cell: 'E12', indicator: 'A10' },
    ]);
  });
  it('approximate-value, unit-in-cell and full-width-digits are warnings at the cell that still count', () => {
    const r = checkAfter((wb) => {
      const s = sheet(wb, JY);
      put(s, 'E3', text(`${numAt(s, 'E3')}余`));
      put(s, 'E11', text(`${Math.round(numAt(s, 'E11') * 10000)}元`));
      const fw = String(numAt(s, 'F3')).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      put(s, 'F3', text(fw));
    });
    expect(hits(r)).toEqual([
      { rule: 'approximate-value', sheet: JY, cell: 'E3', indicator: 'A01' },
      { rule: 'full-width-digits', sheet: JY, cell: 'F3', indicator: 'A01' },
      { rule: 'unit-in-cell', sheet: JY, cell: 'E11', indicator: 'A09' },
    ]);
    expect(r.counts.warning).toBe(3);
    expect(r.counts.error).toBe(0);
  });
  it('1,226 and " 57 " read as plain numbers with no finding', () => {
    expect(
      only((wb) => {
        const s = sheet(wb, JY);
        put(s, 'E12', text(` ${numAt(s, 'E12')} `));
        put(s, 'E3', text(numAt(s, 'E3').toLocaleString('en-US')));
      }),
    ).toEqual([]);
  });
  it('negative-value and not-integer on numbers', () => {
    expect(
      only((wb) => {
        const s = sheet(wb, JY);
        put(s, 'E12', num(-5));
        put(s, 'F12', num(numAt(s, 'F12') + 0.5));
        put(s, 'E11', num(numAt(s, 'E11') + 0.5)); // money may have decimals
      }),
    ).toEqual([
      { rule: 'negative-value', sheet: JY, cell: 'E12', indicator: 'A10' },
      { rule: 'not-integer', sheet: JY, cell: 'F12', indicator: 'A10' },
    ]);
  });
  it('future-quarter-filled for a value after the report quarter', () => {
    expect(only((wb) => put(sheet(wb, JY), 'H12', num(10)))).toEqual([
      { rule: 'future-quarter-filled', sheet: JY, cell: 'H12', indicator: 'A10' },
    ]);
  });
});

describe('relations', () => {
  it('part-exceeds-total at the part cell', () => {
    expect(only((wb) => put(sheet(wb, JY), 'F4', num(numAt(sheet(wb, JY), 'F3') + 1)))).toEqual([
      { rule: 'part-exceeds-total', sheet: JY, cell: 'F4', indicator: 'A02' },
    ]);
  });
  it('parts-sum-mismatch at the total cell (counts exact, money within 0.01)', () => {
    expect(only((wb) => put(sheet(wb, JY), 'E7', num(numAt(sheet(wb, JY), 'E7') + 1)))).toEqual([
      { rule: 'parts-sum-mismatch', sheet: JY, cell: 'E6', indicator: 'A04' },
    ]);
  });
  it('rate-mismatch at the rate cell when a typed rate differs by more than 0.05 points', () => {
    const r = checkAfter((wb) => {
      const s = sheet(wb, JY);
      const exact = numAt(s, 'E9') / numAt(s, 'E6');
      put(s, 'E10', { value: num(exact + 0.0004), numberFormat: '0.00%' }); // within 0.05 points
      put(s, 'F10', { value: num(numAt(s, 'F9') / numAt(s, 'F6') + 0.001), numberFormat: '0.00%' });
      put(s, 'G10', num(Math.round((numAt(s, 'G9') / numAt(s, 'G6')) * 10000) / 100)); // plain percent points
    });
    expect(hits(r)).toEqual([{ rule: 'rate-mismatch', sheet: JY, cell: 'F10', indicator: 'A08' }]);
  });
  it('rate-out-of-range at the rate cell (computed or typed) and at 累计 for the year', () => {
    const r = checkAfter((wb) => {
      const s = sheet(wb, JY);
      for (const [part, total, rate] of [['E9', 'E6', 'E10'], ['F9', 'F6', 'F10'], ['G9', 'G6', 'G10']] as const) {
        put(s, part, num(numAt(s, total) + 2));
        clear(s, rate);
      }
      put(s, 'G10', { value: num(numAt(s, 'G9') / numAt(s, 'G6')), numberFormat: '0.00%' }); // typed, right, > 100%
    });
    expect(hits(r)).toEqual([
      { rule: 'part-exceeds-total', sheet: JY, cell: 'E9', indicator: 'A07' },
      { rule: 'part-exceeds-total', sheet: JY, cell: 'F9', indicator: 'A07' },
      { rule: 'part-exceeds-total', sheet: JY, cell: 'G9', indicator: 'A07' },
      { rule: 'rate-out-of-range', sheet: JY, cell: 'E10', indicator: 'A08' },
      { rule: 'rate-out-of-range', sheet: JY, cell: 'F10', indicator: 'A08' },
      { rule: 'rate-out-of-range', sheet: JY, cell: 'G10', indicator: 'A08' },
      { rule: 'rate-out-of-range', sheet: JY, cell: 'I10', indicator: 'A08' },
    ]);
  });
  it('stock-decrease at the later quarter', () => {
    expect(only((wb) => put(sheet(wb, JY), 'F16', num(numAt(sheet(wb, JY), 'E16') - 1)))).toEqual([
      { rule: 'stock-decrease', sheet: JY, cell: 'F16', indicator: 'A14' },
    ]);
  });
  it('outlier: a quarter over 5 × the mean of the others, and 累计 over 3 × 年计划 at 累计', () => {
    expect(only((wb) => put(sheet(wb, JY), 'E12', num(numAt(sheet(wb, JY), 'F12') * 20)))).toEqual([
      { rule: 'outlier', sheet: JY, cell: 'E12', indicator: 'A10' },
    ]);
    expect(only((wb) => put(sheet(wb, JY), 'D5', num(1)))).toEqual([{ rule: 'outlier', sheet: JY, cell: 'I5', indicator: 'A03' }]);
    // no outlier where the other quarters' mean is 0
    expect(
      only((wb) => {
        const s = sheet(wb, JY);
        put(s, 'E12', num(0));
        put(s, 'F12', num(0));
      }),
    ).toEqual([]);
  });
});

describe('tool-owned cells', () => {
  it('cumulative-mismatch for a typed constant that disagrees; agreeing constants, blanks and formulas pass', () => {
    const r = checkAfter((wb) => {
      const s = sheet(wb, JY);
      put(s, 'I3', num(1));
      put(s, 'J5', { value: num(0.5), numberFormat: '0.00%' });
      put(s, 'K3', { value: num(0.75), numberFormat: '0.00%' });
      put(s, 'K4', num(75)); // plain percent points
      put(s, 'I4', num(numAt(s, 'E4') + numAt(s, 'F4') + numAt(s, 'G4')));
      put(s, 'I6', { value: num(numAt(s, 'E6') + numAt(s, 'F6') + numAt(s, 'G6')), formula: '=SUM(E6:G6)' });
      put(s, 'I16', num(numAt(s, 'G16'))); // stock: the report quarter's value
      put(sheet(wb, TP), 'K3', text('已达标'));
    });
    expect(hits(r)).toEqual([
      { rule: 'cumulative-mismatch', sheet: JY, cell: 'I3', indicator: 'A01' },
      { rule: 'cumulative-mismatch', sheet: JY, cell: 'J5', indicator: 'A03' },
      { rule: 'cumulative-mismatch', sheet: TP, cell: 'K3', indicator: 'W01' },
    ]);
  });

  it('cumulative-mismatch for a formula whose cached value disagrees; none for a formula with no cached value', () => {
    const r = checkAfter((wb) => {
      const s = sheet(wb, JY);
      // A01: the user's own SUM skips the text 1262余, which the tool counts as 1262: 1000 + 925 = 1925, not 3187.
      put(s, 'D3', num(4000));
      put(s, 'E3', num(1000));
      put(s, 'F3', text('1262余'));
      put(s, 'G3', num(925));
      put(s, 'I3', { value: num(1925), formula: '=SUM(E3:G3)' });
      // A03: a formula left pointing at A01's row after rows moved: it shows A01's 1925 ÷ 4000, A03's is 140 ÷ 200.
      put(s, 'D5', num(200));
      for (const [a1, v] of [['E5', 50], ['F5', 60], ['G5', 30]] as const) put(s, a1, num(v));
      put(s, 'J5', { value: num(0.48125), formula: '=IF(N(D3)=0,"",I3/D3)', numberFormat: '0.00%' });
      // A04: a formula written by a tool that does not calculate: no cached value, not judged.
      put(s, 'I6', { value: { kind: 'blank' }, formula: '=SUM(E6:F6)', uncached: true });
      // A09: an agreeing formula (the same figure) and A02's empty-text result where there is no plan: no finding.
      put(s, 'I11', { value: num(numAt(s, 'E11') + numAt(s, 'F11') + numAt(s, 'G11')), formula: '=E11+F11+G11' });
      put(s, 'J4', { value: { kind: 'text', value: '' }, formula: '=IF(N(D4)=0,"",I4/D4)', numberFormat: '0.00%' });
      // 两纲监测 W01's 达标状态 formula cached a status that is not the tool's (本期值 blank → 无数据).
      clear(sheet(wb, TP), 'J3');
      put(sheet(wb, TP), 'K3', { value: text('未达标'), formula: '=IF(J3="","未达标","")' });
      put(sheet(wb, TP), 'K4', { value: { kind: 'blank' }, formula: '=IF(J4="","无数据","")', uncached: true });
    });
    expect(hits(r).filter((h) => h.rule === 'cumulative-mismatch')).toEqual([
      { rule: 'cumulative-mismatch', sheet: JY, cell: 'I3', indicator: 'A01' },
      { rule: 'cumulative-mismatch', sheet: JY, cell: 'J5', indicator: 'A03' },
      { rule: 'cumulative-mismatch', sheet: TP, cell: 'K3', indicator: 'W01' },
    ]);
    const msg = formatFindings(r.issues, tpl, 'zh-CN').find((f) => f.cell === 'I3' && f.rule === 'cumulative-mismatch')!.message;
    expect(msg).toBe('A01「妇女技能培训人数」累计由工具计算，却被改写为 =SUM(E3:G3) → 1925，应为 3187');
  });
});

describe('两纲监测', () => {
  it('target-missing, bad-direction, target-order at their cells; other spellings of 方向 accepted', () => {
    const r = checkAfter((wb) => {
      const s = sheet(wb, TP);
      clear(s, 'I3');
      put(s, 'F4', text('高'));
      put(s, 'F5', text('<='));
      put(s, 'F6', text('不低于'));
      put(s, 'G7', num(2.0));
      put(s, 'H7', num(5)); // K01 ≤: mid must lie between baseline 2.0 and final 3.0
      put(s, 'G8', num(8));
      put(s, 'H8', num(6)); // K02 ≤: 8 → 6 → 5 is fine
    });
    expect(hits(r)).toEqual([
      { rule: 'target-missing', sheet: TP, cell: 'I3', indicator: 'W01' },
      { rule: 'bad-direction', sheet: TP, cell: 'F4', indicator: 'W02' },
      { rule: 'target-order', sheet: TP, cell: 'H7', indicator: 'K01' },
    ]);
  });
  it('own codes allowed, duplicates reported at the second code, default rows missing reported, values read like data cells', () => {
    const r = checkAfter((wb) => {
      const s = sheet(wb, TP);
      for (let c = 1; c <= 12; c++) s.set(20, c, s.cell(3, c));
      for (let c = 1; c <= 12; c++) s.set(21, c, s.cell(4, c));
      put(s, 'A21', text('GS-01'));
      clear(s, 'A14');
      put(s, 'J5', text('约1.5'));
    });
    expect(hits(r)).toEqual([
      { rule: 'missing-indicator', sheet: TP, cell: null, indicator: 'K08' },
      { rule: 'approximate-value', sheet: TP, cell: 'J5', indicator: 'W03' },
      { rule: 'duplicate-indicator', sheet: TP, cell: 'A20', indicator: 'W01' },
    ]);
  });
});

describe('labels as users type them', () => {
  it('cover labels with a colon or spaces, full-width brackets in headers, merged title cells', () => {
    expect(
      only((wb) => {
        const c = sheet(wb, '封面');
        put(c, 'A2', text('填报单位：'));
        put(c, 'A4', text('报 告 期'));
        const s = sheet(wb, JY);
        put(s, 'J2', text('完成年计划（%）'));
        s.merges = [{ start: { row: 1, col: 1 }, end: { row: 1, col: 12 } }, { start: { row: 3, col: 12 }, end: { row: 5, col: 12 } }];
        put(s, 'J3', { value: num(0.1), numberFormat: '0.00%' }); // found by its full-width label: a wrong constant
      }),
    ).toEqual([{ rule: 'cumulative-mismatch', sheet: JY, cell: 'J3', indicator: 'A01' }]);
  });
});
