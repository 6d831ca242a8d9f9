/* Spec section 4: every rule id, its default severity, where each finding points and what `indicator` holds. */
import { RULE_IDS, checkReturn } from '../../src/engine';
import { addr, BLANK, checkAfter, clean, hits, N, rowOf, setInd, setTwoPlan, sheet, T, tpAddr, tpl, type Hit } from './helpers';

const SPEC_RULES: Record<string, 'error' | 'warning'> = {
  'missing-sheet': 'error',
  'missing-header-row': 'error',
  'missing-indicator': 'error',
  'duplicate-indicator': 'error',
  'unknown-indicator': 'warning',
  'cover-field-missing': 'error',
  'bad-period': 'error',
  'bad-phone': 'error',
  'bad-date': 'error',
  'bad-division-code': 'error',
  'required-missing': 'error',
  'not-a-number': 'error',
  'approximate-value': 'warning',
  'unit-in-cell': 'warning',
  'full-width-digits': 'warning',
  'negative-value': 'error',
  'not-integer': 'error',
  'formula-error': 'error',
  'future-quarter-filled': 'warning',
  'part-exceeds-total': 'error',
  'parts-sum-mismatch': 'error',
  'rate-mismatch': 'error',
  'rate-out-of-range': 'error',
  'stock-decrease': 'warning',
  'cumulative-mismatch': 'error',
  'plan-missing': 'error',
  outlier: 'warning',
  'target-missing': 'error',
  'bad-direction': 'error',
  'target-order': 'warning',
  'base-missing': 'error',
  'revised-earlier-quarter': 'warning',
};

const only = (hs: Hit[], ...rules: string[]): Hit[] => hs.filter((h) => rules.includes(h.rule));
const at = (sheetName: string, cell: string | null, rule: string, indicator: string | null, severity = SPEC_RULES[rule]): Hit => ({
  rule,
  severity: severity!,
  sheet: sheetName,
  cell,
  indicator,
});

describe('rule catalogue', () => {
  it('holds exactly the spec rule ids with their default severities', () => {
    expect([...RULE_IDS].sort()).toEqual(Object.keys(SPEC_RULES).sort());
    for (const [rule, severity] of Object.entries(SPEC_RULES)) {
      expect({ rule, severity: tpl.rules[rule as keyof typeof tpl.rules]?.severity }).toEqual({ rule, severity });
    }
  });

  it('a clean sample return has no findings', () => {
    expect(hits(checkReturn(clean(), tpl))).toEqual([]);
  });
});

describe('typed values point at their cell', () => {
  it('not-a-number alone for 无 (no required-missing), indicator set', () => {
    const { wb, hits: hs } = checkAfter((wb) => setInd(wb, 'A03', 'q1', T('无')));
    expect(hs).toEqual([at('创业就业', addr(wb, 'A03', 'q1'), 'not-a-number', 'A03')]);
  });

  it.each([['—'], ['/'], ['abc']])('%s is not-a-number', (s) => {
    const { wb, hits: hs } = checkAfter((wb) => setInd(wb, 'A03', 'q2', T(s)));
    expect(hs).toEqual([at('创业就业', addr(wb, 'A03', 'q2'), 'not-a-number', 'A03')]);
  });

  it('approximate, unit-in-cell and full-width digits are warnings at the cell and still count', () => {
    const { wb, report, hits: hs } = checkAfter((wb) => {
      setInd(wb, 'A03', 'q1', T('150余'));
      setInd(wb, 'A13', 'q1', T('约300'));
      setInd(wb, 'A09', 'q2', T('24000元'));
      setInd(wb, 'E02', 'q1', T('３'));
    });
    expect(hs).toEqual(
      expect.arrayContaining([
        at('创业就业', addr(wb, 'A03', 'q1'), 'approximate-value', 'A03'),
        at('创业就业', addr(wb, 'A13', 'q1'), 'approximate-value', 'A13'),
        at('创业就业', addr(wb, 'A09', 'q2'), 'unit-in-cell', 'A09'),
        at('组织建设', addr(wb, 'E02', 'q1'), 'full-width-digits', 'E02'),
      ]),
    );
    expect(hs.filter((h) => h.severity === 'error')).toEqual(
      // 24000元 = 2.4 万元 may make A11 (part of A09) exceed it; nothing else may be an error.
      hs.filter((h) => h.severity === 'error' && h.rule === 'part-exceeds-total' && h.indicator === 'A11'),
    );
    const fig = (code: string) => report.indicators.find((f) => f.indicator.code === code)!;
    expect(fig('A03').quarters[0]).toBe(150);
    expect(fig('A09').quarters[1]).toBeCloseTo(2.4, 10);
    expect(fig('E02').quarters[0]).toBe(3);
  });

  it('1,226 and " 57 " read as plain numbers with no finding', () => {
    const { report, hits: hs } = checkAfter((wb) => {
      setInd(wb, 'A01', 'plan', T('5,607'));
      setInd(wb, 'E02', 'q1', T(' 57 '));
      setInd(wb, 'E02', 'q2', N(57));
      setInd(wb, 'E02', 'q3', N(57));
    });
    expect(hs).toEqual([]);
    const fig = (code: string) => report.indicators.find((f) => f.indicator.code === code)!;
    expect(fig('A01').plan).toBe(5607);
    expect(fig('E02').quarters[0]).toBe(57);
  });

  it('negative-value, not-integer, formula-error at the cell', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setInd(wb, 'A03', 'q1', N(-5));
      setInd(wb, 'A10', 'q2', N(10.5));
      setInd(wb, 'A13', 'q3', { kind: 'error', code: '#DIV/0!' });
    });
    expect(only(hs, 'negative-value', 'not-integer', 'formula-error')).toEqual([
      at('创业就业', addr(wb, 'A03', 'q1'), 'negative-value', 'A03'),
      at('创业就业', addr(wb, 'A10', 'q2'), 'not-integer', 'A10'),
      at('创业就业', addr(wb, 'A13', 'q3'), 'formula-error', 'A13'),
    ]);
  });

  it('#DIV/0! typed as text is a formula-error too', () => {
    const { wb, hits: hs } = checkAfter((wb) => setInd(wb, 'A13', 'q3', T('#DIV/0!')));
    expect(hs).toEqual([at('创业就业', addr(wb, 'A13', 'q3'), 'formula-error', 'A13')]);
  });

  it('required-missing for a blank quarter up to the report quarter, plan-missing alone for a blank 年计划', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setInd(wb, 'A03', 'q2', BLANK);
      setInd(wb, 'A03', 'plan', BLANK);
      setInd(wb, 'A12', 'q1', BLANK);
    });
    expect(hs).toEqual([
      at('创业就业', addr(wb, 'A03', 'plan'), 'plan-missing', 'A03'),
      at('创业就业', addr(wb, 'A03', 'q2'), 'required-missing', 'A03'),
      at('创业就业', addr(wb, 'A12', 'q1'), 'required-missing', 'A12'),
    ]);
  });

  it('rate rows are never required', () => {
    const { hits: hs } = checkAfter((wb) => {
      for (const code of ['A08', 'B03', 'C05']) for (const q of ['q1', 'q2', 'q3'] as const) setInd(wb, code, q, BLANK);
    });
    expect(hs).toEqual([]);
  });

  it('future-quarter-filled at the later quarter cell', () => {
    const { wb, hits: hs } = checkAfter((wb) => setInd(wb, 'A03', 'q4', N(100)));
    expect(hs).toEqual([at('创业就业', addr(wb, 'A03', 'q4'), 'future-quarter-filled', 'A03')]);
  });
});

describe('relations point where the spec says, in quarter columns only', () => {
  /** A01 ≥ A02 and A04 = A05 + A06, set explicitly for three quarters. */
  const setRow = (wb: Parameters<typeof setInd>[0], code: string, vals: number[]) =>
    vals.forEach((v, i) => setInd(wb, code, (['q1', 'q2', 'q3'] as const)[i]!, N(v)));

  it('part-exceeds-total at the part cell, once per quarter, never at 累计', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setRow(wb, 'A01', [100, 100, 100]);
      setRow(wb, 'A02', [50, 150, 50]);
    });
    expect(only(hs, 'part-exceeds-total')).toEqual([at('创业就业', addr(wb, 'A02', 'q2'), 'part-exceeds-total', 'A02')]);
  });

  it('parts-sum-mismatch at the total cell', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setRow(wb, 'A04', [100, 100, 100]);
      setRow(wb, 'A05', [60, 60, 60]);
      setRow(wb, 'A06', [40, 41, 40]);
      setRow(wb, 'A07', [10, 10, 10]);
      for (const q of ['q1', 'q2', 'q3'] as const) setInd(wb, 'A08', q, BLANK);
    });
    expect(only(hs, 'parts-sum-mismatch', 'part-exceeds-total')).toEqual([at('创业就业', addr(wb, 'A04', 'q2'), 'parts-sum-mismatch', 'A04')]);
  });

  it('an unreadable part skips the relation (one cell, one problem)', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setRow(wb, 'A04', [100, 100, 100]);
      setRow(wb, 'A05', [60, 60, 60]);
      setRow(wb, 'A06', [40, 40, 40]);
      setRow(wb, 'A07', [10, 10, 10]);
      for (const q of ['q1', 'q2', 'q3'] as const) setInd(wb, 'A08', q, BLANK);
      setInd(wb, 'A05', 'q1', T('不详'));
      setInd(wb, 'A01', 'q1', T('很多'));
    });
    expect(hs).toEqual([
      at('创业就业', addr(wb, 'A01', 'q1'), 'not-a-number', 'A01'),
      at('创业就业', addr(wb, 'A05', 'q1'), 'not-a-number', 'A05'),
    ]);
  });

  it('rate-mismatch at the rate cell of the quarter', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setRow(wb, 'B01', [100, 100, 100]);
      setRow(wb, 'B02', [50, 50, 50]);
      setInd(wb, 'B03', 'q1', N(50));
      setInd(wb, 'B03', 'q2', N(60));
      setInd(wb, 'B03', 'q3', { value: N(0.5), numberFormat: '0.00%' });
    });
    expect(only(hs, 'rate-mismatch', 'rate-out-of-range')).toEqual([at('维权服务', addr(wb, 'B03', 'q2'), 'rate-mismatch', 'B03')]);
  });

  it('rate-out-of-range at the rate cell of the quarter', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setRow(wb, 'B01', [10, 10, 10]);
      setRow(wb, 'B02', [10, 30, 10]);
      for (const q of ['q1', 'q2', 'q3'] as const) setInd(wb, 'B03', q, BLANK);
    });
    expect(only(hs, 'rate-out-of-range', 'part-exceeds-total').filter((h) => h.cell !== addr(wb, 'B03', 'cumulative'))).toEqual([
      at('维权服务', addr(wb, 'B02', 'q2'), 'part-exceeds-total', 'B02'),
      at('维权服务', addr(wb, 'B03', 'q2'), 'rate-out-of-range', 'B03'),
    ]);
  });

  it('rate-out-of-range over the year (no quarter shows it) points at the rate row’s 累计 cell', () => {
    // Q1 has no denominator, so its rate is blank; the year's rate is 15 / 10.
    const { wb, hits: hs } = checkAfter((wb) => {
      setRow(wb, 'B01', [0, 5, 5]);
      setRow(wb, 'B02', [5, 5, 5]);
      for (const q of ['q1', 'q2', 'q3'] as const) setInd(wb, 'B03', q, BLANK);
    });
    expect(only(hs, 'rate-out-of-range')).toEqual([at('维权服务', addr(wb, 'B03', 'cumulative'), 'rate-out-of-range', 'B03')]);
  });

  it('stock-decrease at the later quarter cell', () => {
    const { wb, hits: hs } = checkAfter((wb) => setRow(wb, 'E01', [50, 40, 45]));
    expect(only(hs, 'stock-decrease')).toEqual([at('组织建设', addr(wb, 'E01', 'q2'), 'stock-decrease', 'E01')]);
  });

  it('quarter outlier at the quarter cell; only where the other quarters’ mean is above 0', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setRow(wb, 'A10', [10, 10, 200]);
      setRow(wb, 'A12', [0, 0, 500]);
    });
    expect(only(hs, 'outlier')).toEqual([at('创业就业', addr(wb, 'A10', 'q3'), 'outlier', 'A10')]);
  });

  it('an outlier of 累计 points at the 累计 cell', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setInd(wb, 'A03', 'plan', N(100));
      setRow(wb, 'A03', [120, 110, 130]);
    });
    expect(only(hs, 'outlier')).toEqual([at('创业就业', addr(wb, 'A03', 'cumulative'), 'outlier', 'A03')]);
  });

  it('cumulative-mismatch at the overwritten tool-owned cell', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setInd(wb, 'A03', 'cumulative', N(1));
      setInd(wb, 'A03', 'timeProgress', N(0.5));
    });
    expect(hs).toEqual([
      at('创业就业', addr(wb, 'A03', 'cumulative'), 'cumulative-mismatch', 'A03'),
      at('创业就业', addr(wb, 'A03', 'timeProgress'), 'cumulative-mismatch', 'A03'),
    ]);
  });
});

describe('layout findings', () => {
  it('duplicate-indicator at the SECOND code cell with the code as typed, trimmed', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      const s = sheet(wb, '家庭建设');
      const r = s.rowCount + 1;
      s.set(r, 1, { value: T('  D02 ') });
      s.set(r, 2, { value: T('家庭教育讲座场次') });
    });
    const s = sheet(wb, '家庭建设');
    expect(hs).toEqual([at('家庭建设', `A${s.rowCount}`, 'duplicate-indicator', 'D02')]);
    expect(rowOf(wb, '家庭建设', 'D02')).toBeLessThan(s.rowCount);
  });

  it('unknown-indicator at the code cell (warning)', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      const s = sheet(wb, '家庭建设');
      s.set(s.rowCount + 1, 1, { value: T(' D99 ') });
    });
    expect(hs).toEqual([at('家庭建设', `A${sheet(wb, '家庭建设').rowCount}`, 'unknown-indicator', 'D99')]);
  });

  it('missing-indicator, missing-header-row, missing-sheet have cell null', () => {
    const { hits: hs } = checkAfter((wb) => {
      setInd(wb, 'D05', 'code', BLANK);
      sheet(wb, '组织建设').set(2, 1, { value: T('代码') });
      wb.removeSheet('关爱救助');
    });
    expect(hs).toEqual([
      at('关爱救助', null, 'missing-sheet', null),
      at('家庭建设', null, 'missing-indicator', 'D05'),
      at('组织建设', null, 'missing-header-row', null),
    ]);
  });

  it('the header row may sit lower than row 2', () => {
    const { hits: hs } = checkAfter((wb) => {
      const s = sheet(wb, '组织建设');
      const rows: { r: number; cells: ReturnType<typeof s.cell>[] }[] = [];
      for (let r = s.rowCount; r >= 2; r--) {
        const cells = [];
        for (let c = 1; c <= 12; c++) cells.push(s.cell(r, c));
        rows.push({ r, cells });
      }
      for (const { r, cells } of rows) cells.forEach((cell, i) => s.set(r + 2, i + 1, cell));
      for (let c = 1; c <= 12; c++) {
        s.set(2, c, { value: BLANK });
        s.set(3, c, { value: BLANK });
      }
      s.set(2, 1, { value: T('填报单位：示例县妇联') });
    });
    expect(hs).toEqual([]);
  });
});

describe('cover findings point at column B of the label row', () => {
  const cover = (wb: Parameters<typeof setInd>[0]) => sheet(wb, '封面');
  const labelRow = (wb: Parameters<typeof setInd>[0], label: string): number => {
    const s = cover(wb);
    for (let r = 1; r <= s.rowCount; r++) if (s.cell(r, 1).value.kind === 'text' && (s.cell(r, 1).value as { value: string }).value === label) return r;
    throw new Error(label);
  };

  it('cover-field-missing (审核人 a warning) at B of the row; cell null when the label row is absent', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      cover(wb).set(labelRow(wb, '审核人'), 2, { value: BLANK });
      cover(wb).set(labelRow(wb, '填报人'), 2, { value: T('   ') });
      cover(wb).set(labelRow(wb, '联系电话'), 1, { value: T('电话号码（旧）') });
    });
    expect(hs).toEqual([
      at('封面', null, 'cover-field-missing', null),
      at('封面', `B${labelRow(wb, '填报人')}`, 'cover-field-missing', null),
      at('封面', `B${labelRow(wb, '审核人')}`, 'cover-field-missing', null, 'warning'),
    ]);
  });

  it('labels are found by text when a federation adds rows', () => {
    const { hits: hs } = checkAfter((wb) => {
      const s = cover(wb);
      for (let r = s.rowCount; r >= 2; r--) {
        s.set(r + 3, 1, s.cell(r, 1));
        s.set(r + 3, 2, s.cell(r, 2));
      }
      s.set(2, 1, { value: T('说明') });
      s.set(2, 2, { value: T('本表由县妇联填报') });
      for (const r of [3, 4]) for (const c of [1, 2]) s.set(r, c, { value: BLANK });
    });
    expect(hs).toEqual([]);
  });

  it.each(['2026Q3', '2026年第3季度', '2026年第三季度', '2026年三季度'])('报告期 %s is accepted as Q3', (p) => {
    const { report, hits: hs } = checkAfter((wb) => cover(wb).set(labelRow(wb, '报告期'), 2, { value: T(p) }));
    expect(hs).toEqual([]);
    expect(report.period).toEqual({ year: 2026, quarter: 3 });
  });

  it.each(['2026Q5', '2026年第五季度', '第三季度', '2026-09', '三季度', 'Q3'])('报告期 %s is bad-period at B', (p) => {
    const { wb, hits: hs } = checkAfter((wb) => cover(wb).set(labelRow(wb, '报告期'), 2, { value: T(p) }));
    expect(hs.filter((h) => h.sheet === '封面')).toEqual([at('封面', `B${labelRow(wb, '报告期')}`, 'bad-period', null)]);
  });

  it.each([[T('0938-8212345')], [T('13912345678')], [N(13912345678)], [T('19900001111')]])('phone %j is accepted', (v) => {
    const { hits: hs } = checkAfter((wb) => cover(wb).set(labelRow(wb, '联系电话'), 2, { value: v }));
    expect(hs).toEqual([]);
  });

  it.each([[T('12912345678')], [T('1391234567')], [T('电话')], [T('8212345')], [N(12345)]])('phone %j is bad-phone at B', (v) => {
    const { wb, hits: hs } = checkAfter((wb) => cover(wb).set(labelRow(wb, '联系电话'), 2, { value: v }));
    expect(hs).toEqual([at('封面', `B${labelRow(wb, '联系电话')}`, 'bad-phone', null)]);
  });

  it.each([[T('2026-10-08')], [T('2026年10月8日')], [{ kind: 'date', serial: 46303 } as const]])('date %j is accepted', (v) => {
    const { hits: hs } = checkAfter((wb) => cover(wb).set(labelRow(wb, '填报日期'), 2, { value: v }));
    expect(hs).toEqual([]);
  });

  it.each([[T('2026-13-01')], [T('十月八日')], [T('2026-02-30')], [T('2026Q3')]])('date %j is bad-date at B', (v) => {
    const { wb, hits: hs } = checkAfter((wb) => cover(wb).set(labelRow(wb, '填报日期'), 2, { value: v }));
    expect(hs).toEqual([at('封面', `B${labelRow(wb, '填报日期')}`, 'bad-date', null)]);
  });

  it('division code: 6 digits ok (text or number), blank ok, anything else bad-division-code at B', () => {
    for (const v of [T('620102'), N(620102), BLANK]) {
      expect(checkAfter((wb) => cover(wb).set(labelRow(wb, '行政区划代码'), 2, { value: v })).hits).toEqual([]);
    }
    for (const v of [T('62010'), T('6201020'), T('62010A'), N(62010)]) {
      const { wb, hits: hs } = checkAfter((wb) => cover(wb).set(labelRow(wb, '行政区划代码'), 2, { value: v }));
      expect(hs).toEqual([at('封面', `B${labelRow(wb, '行政区划代码')}`, 'bad-division-code', null)]);
    }
  });
});

describe('两纲监测 findings', () => {
  it('target-missing at 终期目标, bad-direction at 方向, target-order at 中期目标, approximate 本期值 at 本期值', () => {
    const { wb, hits: hs } = checkAfter((wb) => {
      setTwoPlan(wb, 'W01', 'finalTarget', BLANK);
      setTwoPlan(wb, 'K01', 'direction', T('越低越好'));
      setTwoPlan(wb, 'W04', 'baseline', N(20));
      setTwoPlan(wb, 'W04', 'midTarget', N(35));
      setTwoPlan(wb, 'W04', 'finalTarget', N(30));
      setTwoPlan(wb, 'K04', 'value', T('约1.2'));
    });
    const S = '两纲监测';
    expect(hs).toEqual([
      at(S, tpAddr(wb, 'W01', 'finalTarget'), 'target-missing', 'W01'),
      at(S, tpAddr(wb, 'W04', 'midTarget'), 'target-order', 'W04'),
      at(S, tpAddr(wb, 'K01', 'direction'), 'bad-direction', 'K01'),
      at(S, tpAddr(wb, 'K04', 'value'), 'approximate-value', 'K04'),
    ]);
  });

  it.each(['>=', '<=', '不低于', '不高于', '≥', '≤'])('方向 %s is readable', (d) => {
    const { hits: hs } = checkAfter((wb) => setTwoPlan(wb, 'W02', 'direction', T(d)));
    expect(hs).toEqual([]);
  });
});
