import { standardTemplate } from '../../src/engine/template/load';
import { buildBlankReturn, HEADER_ROW } from '../../src/engine/blank';
import { buildFilledReturn, stressTemplate } from '../../src/engine/testing';
import type { MemorySheet } from '../../src/engine/memory-workbook';
import type { Cell } from '../../src/engine/cell';

const tpl = standardTemplate();
const txt = (c: Cell): string => (c.value.kind === 'text' ? c.value.value : '');
const numv = (c: Cell): number | null => (c.value.kind === 'number' ? c.value.value : null);

function rowOf(s: MemorySheet, code: string): number {
  for (let r = 1; r <= s.rowCount; r++) if (txt(s.cell(r, 1)) === code) return r;
  throw new Error(`no row ${code}`);
}

describe('buildBlankReturn', () => {
  const wb = buildBlankReturn(tpl, { unit: '城关区妇联', period: '2026Q3' });
  it('lays out the cover, data sheets and two-plan sheet, without 汇总', () => {
    expect(wb.sheetNames).toEqual(['封面', '创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设', '两纲监测']);
    const cover = wb.sheet('封面')!;
    expect(txt(cover.cell(2, 1))).toBe('填报单位');
    expect(txt(cover.cell(2, 2))).toBe('城关区妇联');
    expect(txt(cover.cell(4, 1))).toBe('报告期');
    expect(txt(cover.cell(4, 2))).toBe('2026Q3');
    expect(cover.cell(5, 2).value.kind).toBe('blank');
    const s = wb.sheet('创业就业')!;
    expect(txt(s.cell(1, 1))).toBe('创业就业工作统计表');
    const header = Array.from({ length: 12 }, (_, i) => txt(s.cell(HEADER_ROW, i + 1)));
    expect(header).toEqual(['指标代码', '指标名称', '计量单位', '年计划', '第一季度', '第二季度', '第三季度', '第四季度', '累计', '完成年计划(%)', '序时进度(%)', '备注']);
    expect([txt(s.cell(3, 1)), txt(s.cell(3, 2)), txt(s.cell(3, 3))]).toEqual(['A01', '妇女技能培训人数', '人次']);
    expect(s.rowCount).toBe(2 + 15);
    for (let c = 4; c <= 12; c++) expect(s.cell(3, c).value.kind).toBe('blank');
    const tp = wb.sheet('两纲监测')!;
    expect(txt(tp.cell(3, 1))).toBe('W01');
    expect(numv(tp.cell(3, 9))).toBe(12);
    expect(tp.cell(3, 10).value.kind).toBe('blank');
    expect(tp.rowCount).toBe(2 + 12);
  });
});

describe('buildFilledReturn', () => {
  it('is deterministic per seed and fills quarters only up to the report quarter', () => {
    const a = buildFilledReturn(tpl, { quarter: 2, seed: 7 });
    const b = buildFilledReturn(tpl, { quarter: 2, seed: 7 });
    const c = buildFilledReturn(tpl, { quarter: 2, seed: 8 });
    const s = a.sheet('创业就业')!;
    const r = rowOf(s, 'A01');
    expect(numv(s.cell(r, 5))).toBe(numv(b.sheet('创业就业')!.cell(r, 5)));
    expect(numv(s.cell(r, 5))).not.toBe(numv(c.sheet('创业就业')!.cell(r, 5)));
    expect(numv(s.cell(r, 6))).not.toBeNull();
    expect(s.cell(r, 7).value.kind).toBe('blank');
    expect(numv(s.cell(r, 4))).toBeGreaterThan(0);
    expect(txt(a.sheet('封面')!.cell(4, 2))).toBe('2026Q2');
    expect(a.sheet('封面')!.cell(8, 2).value.kind).toBe('date');
  });
  it('keeps relations: exhaustive parts add up, parts stay under totals, stocks never fall', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const wb = buildFilledReturn(tpl, { quarter: 4, seed });
      const s = wb.sheet('创业就业')!;
      const v = (code: string, q: number): number => numv(s.cell(rowOf(s, code), 4 + q))!;
      for (let q = 1; q <= 4; q++) {
        expect(v('A05', q) + v('A06', q)).toBe(v('A04', q));
        expect(v('A07', q)).toBeLessThanOrEqual(v('A04', q));
        expect(v('A11', q)).toBeLessThanOrEqual(v('A09', q));
        if (q > 1) expect(v('A14', q)).toBeGreaterThanOrEqual(v('A14', q - 1));
      }
      const rate = s.cell(rowOf(s, 'A08'), 5);
      expect(rate.numberFormat).toBe('0.00%');
      expect(numv(rate)).toBeCloseTo(v('A07', 1) / v('A04', 1), 12);
    }
  });
  it('inserts blank rows among indicator rows with extraRows', () => {
    const wb = buildFilledReturn(tpl, { quarter: 1, extraRows: 3 });
    const s = wb.sheet('创业就业')!;
    expect(rowOf(s, 'A02')).toBe(5);
    expect(s.rowCount).toBe(2 + 15 + 3);
  });
});

describe('stressTemplate', () => {
  it('widens the template to the asked number of data rows', () => {
    const t2 = stressTemplate(tpl, 2000);
    expect(t2.indicators).toHaveLength(2000);
    const wb = buildFilledReturn(t2, { quarter: 4 });
    const rows = t2.sheets.data.reduce((n, d) => n + wb.sheet(d.name)!.rowCount - HEADER_ROW, 0);
    expect(rows).toBe(2000);
  });
});
