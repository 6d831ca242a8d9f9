import { draftSummary, formatSummary, formatPercent, renderPattern, summaryProse } from '../../src/engine/summary';
import { parseTemplate, parseTemplateJson, standardTemplate } from '../../src/engine/template/load';
import type { IndicatorFigures, Quarter, ReturnReport, TwoPlanCounts } from '../../src/engine/report';
import type { Template } from '../../src/engine/template/schema';

type Q = [number | null, number | null, number | null, number | null];
interface Typed {
  plan?: number | null;
  quarters: Q;
}

/** A hand-made report computed the way the spec defines 累计, 完成年计划 and 进度状态. */
function report(
  t: Template,
  quarter: Quarter,
  typed: Record<string, Typed>,
  twoPlanCounts: TwoPlanCounts[] = [],
): ReturnReport {
  const tp = t.progress.timeProgressByQuarter[quarter - 1]!;
  const cum = new Map<string, number | null>();
  const base = (code: string): number | null => {
    const ty = typed[code];
    if (!ty) return null;
    const qs = ty.quarters.slice(0, quarter);
    const ind = t.indicators.find((i) => i.code === code)!;
    if (ind.kind === 'stock') return qs[quarter - 1] ?? null;
    const filled = qs.filter((v): v is number => v !== null);
    return filled.length === 0 ? null : filled.reduce((a, b) => a + b, 0);
  };
  for (const ind of t.indicators) {
    if (ind.kind !== 'rate') cum.set(ind.code, base(ind.code));
  }
  const indicators: IndicatorFigures[] = t.indicators.map((ind, i) => {
    const ty = typed[ind.code];
    let cumulative = cum.get(ind.code) ?? null;
    if (ind.ratio) {
      const n = cum.get(ind.ratio.numerator);
      const d = cum.get(ind.ratio.denominator);
      cumulative = n != null && d != null && d !== 0 ? n / d : null;
    }
    const plan = ty?.plan ?? null;
    const percentOfPlan = ind.plan && plan && cumulative !== null ? cumulative / plan : null;
    const s = t.progress.statuses;
    const progressStatus = !ind.plan || percentOfPlan === null ? s.noPlan : percentOfPlan >= 1 ? s.exceeded : percentOfPlan >= tp ? s.onTrack : s.behind;
    return {
      indicator: ind,
      row: 3 + i,
      plan,
      quarters: ty?.quarters ?? [null, null, null, null],
      cumulative,
      percentOfPlan,
      timeProgress: tp,
      progressStatus,
    };
  });
  return {
    template: { id: t.id, version: t.version },
    unit: '临夏县妇联',
    periodText: `2026Q${quarter}`,
    period: { year: 2026, quarter },
    issues: [],
    counts: { error: 0, warning: 0, info: 0 },
    completeness: { overall: 1, sheets: {}, detail: [] },
    indicators,
    twoPlan: { rows: [], counts: twoPlanCounts },
    layout: { dataSheets: [], twoPlan: null },
  };
}

const t = standardTemplate();
const para = (r: ReturnType<typeof draftSummary>, sheet: string) => r.paragraphs.find((p) => p.sheet === sheet)!;

const seedFigures: Record<string, Typed> = {
  A01: { plan: 3200, quarters: [800, 900, 826, 900] },
  A04: { plan: 20000, quarters: [5000, 5256, 5500, 5500] },
  A05: { quarters: [1200, 1234, 1300, 1300] },
  A06: { quarters: [3800, 4022, 4200, 4200] },
  A07: { quarters: [1000, 1081, 1100, 1200] },
  B04: { plan: 400, quarters: [100, 110, 120, 100] },
  B05: { quarters: [82, 91, 101, 94] },
  B06: { quarters: [15, 18, 18, 5] },
  B07: { quarters: [3, 1, 1, 1] },
};

describe('draftSummary: the seeds’ sentences from a return holding their figures', () => {
  const twoPlan: TwoPlanCounts[] = [
    { plan: '妇女', total: 40, final: 8, mid: 30, below: 2, noData: 0 },
    { plan: '儿童', total: 56, final: 11, mid: 39, below: 6, noData: 0 },
    { plan: '合计', total: 96, final: 19, mid: 69, below: 8, noData: 0 },
  ];
  const s = draftSummary(report(t, 4, seedFigures, twoPlan), t, 'zh-CN');

  it('A01 3426 of a plan of 3200 in Q4: 全年共培训…3426人…完成年计划的107.06%', () => {
    expect(para(s, '创业就业').text).toContain('全年共培训妇女3426人次，完成年计划的107.06%');
    expect(para(s, '创业就业').text).toMatch(/^全年共培训.*3426人.*完成年计划的107\.06%/);
  });

  it('A04 21256 = 5034 + 16222 with A07 4381: parts in brackets, the poor households as a share to two decimals', () => {
    expect(para(s, '创业就业').text).toContain(
      '输转妇女21256人（省内输转5034人，省外输转16222人），其中贫困户4381人，占劳务输转总数的20.61%',
    );
    // The rate row A08 is that same share: it is not said twice.
    expect(para(s, '创业就业').text).not.toContain('贫困户占劳务输转比例');
  });

  it('B04 430 = 368 + 56 + 6: 普法维权服务430件，其中法律咨询368件、热线56件、解决信访6件', () => {
    expect(para(s, '维权服务').text).toContain('普法维权服务430件，其中法律咨询368件、热线56件、解决信访6件');
  });

  it('a two-plan sheet of 96 rows, 19 at final and 69 at mid-term target: 占19.8% and 71.9% (one decimal)', () => {
    const p = para(s, 'twoPlan');
    expect(p.text).toContain('96项主要统计指标，19项已提前实现终期目标，占19.8%');
    expect(p.text).toContain('69项达到中期目标，占71.9%');
    expect(p.text).toContain('妇女规划40项');
    expect(p.text).not.toContain('暂无数据');
  });

  it('drops the mid-term clause where no row is at a mid-term target only (national outlines set none), and names rows with no data', () => {
    const counts: TwoPlanCounts[] = [{ plan: '合计', total: 12, final: 9, mid: 0, below: 2, noData: 1 }];
    const r = { ...report(t, 2, {}, counts) };
    const withRow = {
      ...r,
      twoPlan: {
        counts,
        rows: [{ code: 'W01', row: 3, plan: '妇女', domain: '健康', name: '孕产妇死亡率', unit: '1/10万', direction: 'lower' as const, baseline: null, midTarget: null, finalTarget: 12, value: null, status: '无数据' }],
      },
    };
    const p = para(draftSummary(withRow, t, 'zh-CN'), 'twoPlan');
    expect(p.text).toBe('两纲监测12项主要统计指标，9项已提前实现终期目标，占75.0%；2项未达标；1项暂无数据。');
    expect(p.notes).toEqual(['本期值未填：W01孕产妇死亡率']);
  });

  it('has one paragraph per data sheet, then the two-plan and the behind paragraphs', () => {
    expect(s.paragraphs.map((p) => p.sheet)).toEqual([...t.sheets.data.map((d) => d.name), 'twoPlan', 'behind']);
    expect(s.title).toBe('临夏县妇联2026年全年数据摘要');
  });
});

describe('draftSummary: blanks, periods, behind time progress', () => {
  it('leaves a blank or incomplete figure out of the prose and names it in a note, never as 0', () => {
    const r = report(t, 3, {
      A01: { plan: 3200, quarters: [800, 900, 826, null] },
      A03: { plan: 40, quarters: [null, null, null, null] },
      A09: { plan: 500, quarters: [100, null, 120, null] }, // Q2 unreadable: the engine may still sum 220
      A14: { plan: 10, quarters: [4, 5, 6, null] },
    });
    const p = para(draftSummary(r, t, 'zh-CN'), '创业就业');
    expect(p.text).toMatch(/^1—3季度共培训妇女2526人次，完成年计划的78\.94%/);
    expect(p.text).not.toMatch(/技能培训班期数|小额担保贷款|0期|发放/);
    expect(p.text).toContain('巾帼创业就业基地数6个');
    expect(p.notes.join('\n')).toMatch(/未填或无法读取.*A03技能培训班期数.*A09小额担保贷款发放金额/);
  });

  it('words the period by quarter: 一季度, 上半年, 1—3季度, 全年', () => {
    const words = ([1, 2, 3, 4] as const).map((q) => {
      const text = para(draftSummary(report(t, q, { A01: { plan: 100, quarters: [1, 2, 3, 4] } }), t, 'zh-CN'), '创业就业').text;
      return text.slice(0, text.indexOf('共培训'));
    });
    expect(words).toEqual(['一季度', '上半年', '1—3季度', '全年']);
  });

  it('lists the plan indicators behind time progress with both percents; none behind says so', () => {
    const r = report(t, 3, {
      A01: { plan: 1000, quarters: [100, 100, 100, null] },
      E01: { plan: 50, quarters: [40, 45, 48, null] },
    });
    const p = para(draftSummary(r, t, 'zh-CN'), 'behind');
    expect(p.text).toBe('滞后序时进度的计划指标1项：妇女技能培训人数完成年计划的30.00%（序时进度75.00%）。');
    const ok = para(draftSummary(report(t, 1, { A01: { plan: 100, quarters: [30, null, null, null] } }), t, 'zh-CN'), 'behind');
    expect(ok.text).toBe('各项计划指标均达到序时进度。');
  });

  it('writes money with its decimals, and a plan indicator without a plan without a percent, noted', () => {
    const r = report(t, 2, { A09: { quarters: [120.5, 65.25, null, null] } });
    const p = para(draftSummary(r, t, 'zh-CN'), '创业就业');
    expect(p.text).toContain('发放小额担保贷款185.75万元');
    expect(p.text).not.toContain('完成年计划');
    expect(p.notes.join()).toContain('未填年计划，未写完成率：A09');
  });

  it('with an unreadable 报告期 says 本期 and judges completeness by the quarter the engine used', () => {
    const base = report(t, 2, { A01: { plan: 100, quarters: [10, 20, null, null] }, A03: { plan: 10, quarters: [1, null, null, null] } });
    const r: ReturnReport = { ...base, period: null, periodText: '今年二季度', quarter: 2 };
    const s = draftSummary(r, t, 'zh-CN');
    expect(s.title).toBe('临夏县妇联本期数据摘要');
    expect(para(s, '创业就业').text).toMatch(/^本期共培训妇女30人次，完成年计划的30\.00%。$/);
    expect(para(s, '创业就业').notes.join()).toContain('A03技能培训班期数');
  });

  it('drafts a part whose total is blank on its own, without a share', () => {
    const r = report(t, 1, { A07: { quarters: [12, null, null, null] } });
    const p = para(draftSummary(r, t, 'zh-CN'), '创业就业');
    expect(p.text).toBe('一季度贫困户12人。');
  });
});

describe('phrases are template data', () => {
  it('a federation’s edited phrase pattern changes the output with no code change', () => {
    const data = JSON.parse(JSON.stringify(standardTemplate())) as { phrases: { 'zh-CN': Record<string, unknown> } };
    data.phrases['zh-CN'].indicators = { A01: { pattern: '开展“陇原巧手”培训{value}{unit}，为年计划的{percentOfPlan}' } };
    data.phrases['zh-CN'].periods = ['一季度', '1—2季度', '1—3季度', '本年度'];
    data.phrases['zh-CN'].share = '含{name}{value}{unit}（{share}）';
    const edited = parseTemplateJson(JSON.stringify(data));
    expect(edited.ok).toBe(true);
    if (!edited.ok) return;
    const r = report(t, 4, seedFigures);
    const before = para(draftSummary(r, t, 'zh-CN'), '创业就业').text;
    const after = para(draftSummary(r, edited.template, 'zh-CN'), '创业就业').text;
    expect(before).toMatch(/^全年共培训妇女3426人次/);
    expect(after).toMatch(/^本年度开展“陇原巧手”培训3426人次，为年计划的107\.06%/);
    // Standard phrases the federation did not touch stay (A04's own pattern), edited generic ones apply.
    expect(after).toContain('组织输转妇女21256人（省内输转5034人，省外输转16222人）');
  });

  it('a template without phrases drafts with the standard wording; a broken phrases section is a template error', () => {
    const data = JSON.parse(JSON.stringify(standardTemplate())) as Record<string, unknown>;
    delete data.phrases;
    const plain = parseTemplate(data);
    expect(plain.ok).toBe(true);
    if (plain.ok) expect(para(draftSummary(report(t, 4, seedFigures), plain.template, 'zh-CN'), '创业就业').text).toContain('107.06%');
    const broken = parseTemplate({ ...data, phrases: { 'zh-CN': { periods: ['一季度'] } } });
    expect(broken.ok).toBe(false);
    const typo = parseTemplate({ ...data, phrases: { 'zh-CN': { genric: '{name}{value}' } } });
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.error).toMatch(/genric[\s\S]*phrases/);
  });

  it('drafts in English on request, from the same numbers', () => {
    const twoPlan: TwoPlanCounts[] = [
      { plan: '妇女', total: 40, final: 8, mid: 30, below: 2, noData: 0 },
      { plan: '儿童', total: 56, final: 11, mid: 39, below: 6, noData: 0 },
      { plan: '合计', total: 96, final: 19, mid: 69, below: 8, noData: 0 },
    ];
    const s = draftSummary(report(t, 4, seedFigures, twoPlan), t, 'en');
    expect(para(s, 'twoPlan').text).toContain('Women: 40 indicators, 8 at final target, 30 at mid-term target; Children: 56');
    expect(para(s, '创业就业').text).toMatch(/^Over the year: women trained in skills 3426 person-times \(107\.06% of the annual plan\)/);
    expect(para(s, '创业就业').text).toContain('of which registered poor households 4381 people, 20.61% of women placed in work');
    expect(para(s, 'twoPlan').text).toContain('Of 96 main two-plan indicators, 19 have already met their final target (19.8%), 69 have met their mid-term target (71.9%)');
    expect(s.paragraphs[0]!.heading).toBe('Entrepreneurship and employment');
  });
});

describe('patterns and formatters', () => {
  it('drops an optional segment whose figure is missing, keeps unknown placeholders visible', () => {
    expect(renderPattern('{a}[，{b}]', { a: '1', b: null })).toBe('1');
    expect(renderPattern('{a}[，{b}]', { a: '1', b: '2' })).toBe('1，2');
    expect(renderPattern('{a}{b}', { a: '1', b: null })).toBeNull();
    expect(renderPattern('{valeu}', { value: '1' })).toBe('{valeu}');
  });

  it('rounds percents half up as staff do: 69/96 → 71.9%, 3426/3200 → 107.06%, 4381/21256 → 20.61%', () => {
    expect(formatPercent(69 / 96, 1)).toBe('71.9%');
    expect(formatPercent(19 / 96, 1)).toBe('19.8%');
    expect(formatPercent(3426 / 3200, 2)).toBe('107.06%');
    expect(formatPercent(4381 / 21256, 2)).toBe('20.61%');
    expect(formatPercent(0.5, 2)).toBe('50.00%');
  });

  it('formats to text, Markdown and JSON', () => {
    const s = draftSummary(report(t, 4, seedFigures), t, 'zh-CN');
    const text = formatSummary(s, 'text');
    expect(text.split('\n')[0]).toBe(s.title);
    expect(text).toContain('【创业就业】\n全年共培训');
    expect(text).toContain('注：未填或无法读取');
    const md = formatSummary(s, 'md');
    expect(md).toContain('## 维权服务\n\n全年');
    expect(md).toMatch(/^> 注：/m);
    expect(JSON.parse(formatSummary(s, 'json'))).toEqual(JSON.parse(JSON.stringify(s)));
    expect(summaryProse(s).split('\n')).toHaveLength(s.paragraphs.length);
  });
});
