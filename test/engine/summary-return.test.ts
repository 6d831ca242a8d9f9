/** The figures summary end to end: a workbook holding the seeds' figures → checkReturn → draftSummary. */
import { checkReturn, num, text, standardTemplate } from '../../src/engine';
import { QUARTER_ROLES } from '../../src/engine/template/quarters';
import { buildFilledReturn } from '../../src/engine/testing';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { draftSummary, formatSummary } from '../../src/engine/summary';

const t = standardTemplate();

function setQuarters(wb: MemoryWorkbook, code: string, quarters: (number | null)[], plan?: number): void {
  const rep = checkReturn(wb, t);
  const ind = t.indicators.find((i) => i.code === code)!;
  const layout = rep.layout.dataSheets.find((l) => l.sheet === ind.sheet)!;
  const s = wb.sheet(ind.sheet)!;
  const row = layout.rows[code]!;
  quarters.forEach((v, i) => s.set(row, layout.columns[QUARTER_ROLES[i]!], { value: v === null ? text('') : num(v) }));
  if (plan !== undefined) s.set(row, layout.columns.plan!, { value: num(plan) });
}

function seedReturn(): MemoryWorkbook {
  const wb = buildFilledReturn(t, { quarter: 4, seed: 3, unit: '临夏县妇联' });
  setQuarters(wb, 'A01', [800, 900, 826, 900], 3200);
  setQuarters(wb, 'A02', [100, 100, 100, 100]);
  setQuarters(wb, 'A04', [5000, 5256, 5500, 5500], 20000);
  setQuarters(wb, 'A05', [1200, 1234, 1300, 1300]);
  setQuarters(wb, 'A06', [3800, 4022, 4200, 4200]);
  setQuarters(wb, 'A07', [1000, 1081, 1100, 1200]);
  setQuarters(wb, 'A08', [null, null, null, null]);
  setQuarters(wb, 'B04', [100, 110, 120, 100], 400);
  setQuarters(wb, 'B05', [82, 91, 101, 94]);
  setQuarters(wb, 'B06', [15, 18, 18, 5]);
  setQuarters(wb, 'B07', [3, 1, 1, 1]);

  // 两纲监测: 96 rows, 19 at the final target, 69 at the mid-term target only, 8 below.
  const rep = checkReturn(wb, t);
  const tp = rep.layout.twoPlan!;
  const s = wb.sheet(t.sheets.twoPlan)!;
  const c = tp.columns;
  for (let i = 0; i < 96; i++) {
    const r = tp.headerRow + 1 + i;
    const value = i < 19 ? 90 : i < 88 ? 60 : 10;
    s.set(r, c.code!, { value: text(t.twoPlan.defaultRows[i]?.code ?? `T${String(i + 1).padStart(2, '0')}`) });
    s.set(r, c.plan!, { value: text(i < 40 ? '妇女' : '儿童') });
    s.set(r, c.domain!, { value: text('健康') });
    s.set(r, c.name!, { value: text(`监测指标${i + 1}`) });
    s.set(r, c.unit!, { value: text('%') });
    s.set(r, c.direction!, { value: text('≥') });
    s.set(r, c.baseline!, { value: num(40) });
    s.set(r, c.midTarget!, { value: num(50) });
    s.set(r, c.finalTarget!, { value: num(80) });
    s.set(r, c.value!, { value: num(value) });
  }
  return wb;
}

describe('figures summary of a return holding the seeds’ figures', () => {
  const wb = seedReturn();
  const report = checkReturn(wb, t);
  const s = draftSummary(report, t, 'zh-CN');
  const para = (sheet: string) => s.paragraphs.find((p) => p.sheet === sheet)!;

  it('is a clean return, so every figure comes from the engine’s own numbers', () => {
    expect(report.issues.filter((i) => t.rules[i.rule]!.severity === 'error')).toEqual([]);
    expect(report.twoPlan.counts.find((c) => c.plan === '合计')).toMatchObject({ total: 96, final: 19, mid: 69 });
  });

  it('drafts the seeds’ sentences exactly', () => {
    expect(para('创业就业').text).toMatch(/^全年共培训妇女3426人次，完成年计划的107\.06%/);
    expect(para('创业就业').text).toContain(
      '组织输转妇女21256人（省内输转5034人，省外输转16222人），其中贫困户4381人，占劳务输转总数的20.61%',
    );
    expect(para('维权服务').text).toContain('普法维权服务430件，其中法律咨询368件、热线56件、解决信访6件');
    expect(para('twoPlan').text).toContain('96项主要统计指标，19项已提前实现终期目标，占19.8%；69项达到中期目标，占71.9%；8项未达标');
  });

  it('has no notes for a complete return, and a paragraph of prose for every sheet', () => {
    for (const p of s.paragraphs) {
      expect(p.notes).toEqual([]);
      expect(p.text.length).toBeGreaterThan(5);
    }
    expect(formatSummary(s, 'text')).not.toContain('注：');
  });

  it('notes a cell made unreadable instead of writing it', () => {
    const broken = seedReturn();
    setQuarters(broken, 'B08', [12, 13, null, 15]);
    const p = draftSummary(checkReturn(broken, t), t, 'zh-CN').paragraphs.find((x) => x.sheet === '维权服务')!;
    expect(p.text).not.toContain('普法宣传活动场次');
    expect(p.notes).toEqual(['未填或无法读取，未写入摘要：B08普法宣传活动场次']);
  });

  it('every filled return drafts without notes, in both languages, for every quarter', () => {
    for (const quarter of [1, 2, 3, 4] as const) {
      const rep = checkReturn(buildFilledReturn(t, { quarter, seed: quarter }), t);
      for (const lang of ['zh-CN', 'en'] as const) {
        const d = draftSummary(rep, t, lang);
        expect(d.paragraphs.flatMap((p) => p.notes)).toEqual([]);
        expect(d.paragraphs.map((p) => p.text).join('')).not.toMatch(/\{|undefined|null|NaN/);
      }
    }
  });
});

describe('a name that ends in its unit (#20)', () => {
  it('says the unit once: 家庭教育受益29000人次, while the behind list keeps the full name', () => {
    const wb = buildFilledReturn(t, { quarter: 3, seed: 3 });
    setQuarters(wb, 'D03', [9000, 10000, 10000]);
    setQuarters(wb, 'E03', [10, 10, 10], 100);
    const s = draftSummary(checkReturn(wb, t), t, 'zh-CN');
    const text = s.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('家庭教育受益29000人次');
    expect(text).not.toContain('受益人次29000');
    expect(text).toContain('妇联干部培训人次完成年计划的30.00%');
  });
});
