import { a1 } from '../../src/engine/address';
import { num, text } from '../../src/engine/cell';
import { checkReturn, formatFindings, PreviousReturnError, standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import type { ReturnReport } from '../../src/engine/report';
import { QUARTER_ROLES } from '../../src/engine/template/quarters';
import { checkRevisions, withRevisions, type RevisionsResult } from '../../src/engine/validate/revisions';

const t = standardTemplate();

function pair(cq: 2 | 3 | 4 = 3, seed = 7): { cur: MemoryWorkbook; prev: MemoryWorkbook } {
  return {
    cur: buildFilledReturn(t, { quarter: cq, seed }),
    prev: buildFilledReturn(t, { quarter: (cq - 1) as 1 | 2 | 3, seed }),
  };
}

/** Where an indicator's quarter cell sits in a checked return. */
function where(report: ReturnReport, code: string, q: number): { sheet: string; row: number; col: number } {
  const ind = t.indicators.find((i) => i.code === code)!;
  const layout = report.layout.dataSheets.find((l) => l.sheet === ind.sheet)!;
  return { sheet: ind.sheet, row: layout.rows[code]!, col: layout.columns[QUARTER_ROLES[q - 1]!] };
}

function revisions(cur: MemoryWorkbook, prev: MemoryWorkbook): RevisionsResult {
  return checkRevisions(cur, prev, t, checkReturn(cur, t), checkReturn(prev, t));
}

const setCover = (wb: MemoryWorkbook, label: string, value: string) => {
  const s = wb.sheet(t.sheets.cover)!;
  for (let r = 1; r <= s.rowCount; r++) {
    const c = s.cell(r, 1).value;
    if (c.kind === 'text' && c.value === label) s.set(r, 2, { value: text(value) });
  }
};

describe('checkRevisions: revised-earlier-quarter', () => {
  it('a Q3 return against its Q2 return with one Q1 figure changed yields exactly one warning, at that cell', () => {
    const { cur, prev } = pair(3);
    expect(revisions(cur, prev)).toEqual({ ok: true, issues: [] });
    const at = where(checkReturn(cur, t), 'A10', 1);
    const was = cur.sheet(at.sheet)!.cell(at.row, at.col).value;
    if (was.kind !== 'number') throw new Error('sample A10 Q1 should be a number');
    cur.sheet(at.sheet)!.set(at.row, at.col, { value: num(was.value + 5) });
    const r = revisions(cur, prev);
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.issues).toEqual([
      {
        rule: 'revised-earlier-quarter',
        sheet: '创业就业',
        cell: a1(at.row, at.col),
        indicator: 'A10',
        params: { indicator: 'A10', name: '小额担保贷款发放笔数', column: '第一季度', previous: String(was.value), value: String(was.value + 5) },
      },
    ]);
    const [f] = formatFindings(r.issues, t, 'zh-CN');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain(`第一季度与上期报表不一致：上期 ${was.value}，本期 ${was.value + 5}`);
  });

  it('compares values as read (1262余 and 1262 agree), a blanked cell shows as —, a later quarter is never compared', () => {
    const { cur, prev } = pair(3);
    const rep = checkReturn(cur, t);
    const a = where(rep, 'B09', 1);
    const v = cur.sheet(a.sheet)!.cell(a.row, a.col).value;
    if (v.kind !== 'number') throw new Error('number expected');
    prev.sheet(a.sheet)!.set(a.row, a.col, { value: text(`${v.value}余`) });
    const b = where(rep, 'B10', 2);
    const bv = cur.sheet(b.sheet)!.cell(b.row, b.col).value;
    cur.sheet(b.sheet)!.set(b.row, b.col, { value: text('') });
    const c = where(rep, 'B10', 3); // the report quarter itself: the previous return had no Q3
    cur.sheet(c.sheet)!.set(c.row, c.col, { value: num(1) });
    const r = revisions(cur, prev);
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.issues.map((i) => [i.rule, i.cell, ...('previous' in i.params ? [i.params.previous, i.params.value] : [])])).toEqual([
      ['revised-earlier-quarter', a1(b.row, b.col), String(bv.kind === 'number' ? bv.value : ''), '—'],
    ]);
  });
});

describe('checkRevisions: stock-decrease across the two returns', () => {
  it('warns when the stock falls below what the previous return reported, where the return alone cannot see it', () => {
    const { cur, prev } = pair(3);
    const rep = checkReturn(cur, t);
    const q2 = where(rep, 'E01', 2);
    const q3 = where(rep, 'E01', 3);
    const s = cur.sheet(q2.sheet)!;
    const q2v = s.cell(q2.row, q2.col).value;
    const q3v = s.cell(q3.row, q3.col).value;
    if (q2v.kind !== 'number' || q3v.kind !== 'number') throw new Error('numbers expected');
    // The previous return reported Q2 as 1000; this return revised it to its own (lower) figure and rises from there.
    prev.sheet(q2.sheet)!.set(q2.row, q2.col, { value: num(1000) });
    expect(checkReturn(cur, t).issues.filter((i) => i.rule === 'stock-decrease')).toEqual([]);
    const r = revisions(cur, prev);
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.issues.map((i) => [i.rule, i.cell, ...('previous' in i.params ? [i.params.previous, i.params.value] : [])])).toEqual([
      ['revised-earlier-quarter', a1(q2.row, q2.col), '1000', String(q2v.value)],
      ['stock-decrease', a1(q3.row, q3.col), '1000', String(q3v.value)],
    ]);
  });

  it('leaves a fall the return itself shows to the in-return check: one cell, one warning', () => {
    const { cur, prev } = pair(3);
    const rep = checkReturn(cur, t);
    const q3 = where(rep, 'E01', 3);
    cur.sheet(q3.sheet)!.set(q3.row, q3.col, { value: num(1) });
    const own = checkReturn(cur, t).issues.filter((i) => i.rule === 'stock-decrease');
    expect(own.map((i) => i.cell)).toEqual([a1(q3.row, q3.col)]);
    const r = revisions(cur, prev);
    expect(r).toEqual({ ok: true, issues: [] });
  });
});

describe('checkRevisions: a previous return that does not fit is an error, never findings', () => {
  const expectRefused = (r: RevisionsResult, reason: string) => {
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.reason).toBe(reason);
    for (const m of Object.values(r.error.message)) expect(m).not.toMatch(/\n/);
  };

  it('another unit', () => {
    const { cur, prev } = pair(3);
    setCover(prev, '填报单位', '和政县妇联');
    const r = revisions(cur, prev);
    expectRefused(r, 'unit-mismatch');
    if (!r.ok) expect(r.error.message['zh-CN']).toBe('上期报表的填报单位「和政县妇联」与本期「示例县妇联」不同');
  });

  it('a quarter that is not the one before, or another year, or a Q1 return', () => {
    const cur = buildFilledReturn(t, { quarter: 3, seed: 7 });
    const q1 = buildFilledReturn(t, { quarter: 1, seed: 7 });
    const r = revisions(cur, q1);
    expectRefused(r, 'not-previous-quarter');
    if (!r.ok) expect(r.error.message['zh-CN']).toBe('上期报表的报告期为2026年第1季度，应为本期（2026年第3季度）的上一季度2026年第2季度');
    expectRefused(revisions(cur, buildFilledReturn(t, { quarter: 2, year: 2025, seed: 7 })), 'not-previous-quarter');
    expectRefused(revisions(q1, buildFilledReturn(t, { quarter: 4, year: 2025, seed: 7 })), 'no-previous-quarter');
    expectRefused(revisions(cur, cur), 'not-previous-quarter');
  });

  it('an unreadable period or a blank unit', () => {
    const { cur, prev } = pair(3);
    setCover(prev, '报告期', '三季度');
    expectRefused(revisions(cur, prev), 'period-missing');
    const p2 = pair(3);
    setCover(p2.cur, '填报单位', ' ');
    expectRefused(revisions(p2.cur, p2.prev), 'unit-missing');
  });
});

describe('withRevisions', () => {
  it('adds the issues in the engine order and recounts severities', () => {
    const { cur, prev } = pair(3);
    const rep = checkReturn(cur, t);
    const at = where(rep, 'C13', 2);
    cur.sheet(at.sheet)!.set(at.row, at.col, { value: text('无') });
    const rep2 = checkReturn(cur, t);
    const r = checkRevisions(cur, prev, t, rep2, checkReturn(prev, t));
    if (!r.ok) throw new Error(r.error.message.en);
    const merged = withRevisions(rep2, r.issues, t);
    expect(merged.issues.map((i) => [i.rule, i.cell])).toEqual([
      ['not-a-number', a1(at.row, at.col)],
      ['revised-earlier-quarter', a1(at.row, at.col)],
    ]);
    expect(merged.counts).toEqual({ error: rep2.counts.error, warning: rep2.counts.warning + 1, info: 0 });
    expect(withRevisions(rep2, [], t)).toBe(rep2);
  });
});

describe('checkReturn(view, template, { previous })', () => {
  it('adds exactly one revised-earlier-quarter for one changed Q1 figure, and counts it as a warning', () => {
    const { cur, prev } = pair(3, 11);
    const at = where(checkReturn(cur, t), 'D03', 1);
    cur.sheet(at.sheet)!.set(at.row, at.col, { value: num(1) });
    const alone = checkReturn(cur, t);
    const withPrev = checkReturn(cur, t, { previous: prev });
    const added = withPrev.issues.filter((i) => !alone.issues.includes(i));
    expect(added.map((i) => [i.rule, i.sheet, i.cell])).toEqual([['revised-earlier-quarter', '家庭建设', a1(at.row, at.col)]]);
    expect(withPrev.issues.filter((i) => i.rule === 'revised-earlier-quarter')).toHaveLength(1);
    expect(withPrev.counts.warning).toBe(alone.counts.warning + 1);
  });

  it('throws PreviousReturnError with a one-line message for another unit or a non-adjacent quarter', () => {
    const { cur, prev } = pair(3, 11);
    setCover(prev, '填报单位', '和政县妇联');
    expect(() => checkReturn(cur, t, { previous: prev })).toThrow(PreviousReturnError);
    try {
      checkReturn(cur, t, { previous: buildFilledReturn(t, { quarter: 1, seed: 11 }) });
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(PreviousReturnError);
      expect((e as PreviousReturnError).mismatch.reason).toBe('not-previous-quarter');
      expect((e as Error).message).toBe(
        '上期报表的报告期为2026年第1季度，应为本期（2026年第3季度）的上一季度2026年第2季度 (The previous return is for 2026Q1; expected 2026Q2, the quarter before 2026Q3)',
      );
    }
  });
});
