/* Spec sections 1–2: sheet names, header labels, cover labels, indicator codes, units, kinds, plans, relations. */
import { standardTemplate } from '../../src/engine';
import { buildBlankReturn } from '../../src/engine';

const tpl = standardTemplate();

/** Section 2's table, verbatim. */
const INDICATORS = `
| A01 | 妇女技能培训人数 | 人次 | flow | yes | |
| A02 | 其中：贫困妇女培训人数 | 人次 | flow | | part of A01 (≤) |
| A03 | 技能培训班期数 | 期 | flow | yes | |
| A04 | 劳务输转妇女人数 | 人 | flow | yes | = A05 + A06 |
| A05 | 其中：省内输转 | 人 | flow | | part of A04 |
| A06 | 其中：省外输转 | 人 | flow | | part of A04 |
| A07 | 其中：建档立卡贫困户 | 人 | flow | | part of A04 (≤) |
| A08 | 贫困户占劳务输转比例 | % | rate | | A07 ÷ A04 |
| A09 | 小额担保贷款发放金额 | 万元 | flow | yes | |
| A10 | 小额担保贷款发放笔数 | 笔 | flow | | |
| A11 | 其中：贫困妇女贷款金额 | 万元 | flow | | part of A09 (≤) |
| A12 | 获贷扶持创业妇女人数 | 人 | flow | | |
| A13 | 小额担保贷款财政贴息金额 | 元 | flow | | |
| A14 | 巾帼创业就业基地数 | 个 | stock | yes | |
| A15 | 带动妇女就业人数 | 人 | flow | yes | |
| B01 | 受理妇女儿童来信来访 | 件 | flow | | |
| B02 | 其中：已办结 | 件 | flow | | part of B01 (≤) |
| B03 | 信访办结率 | % | rate | | B02 ÷ B01 |
| B04 | 普法维权服务件数 | 件 | flow | yes | = B05 + B06 + B07 |
| B05 | 其中：法律咨询 | 件 | flow | | part of B04 |
| B06 | 其中：热线接听 | 件 | flow | | part of B04 |
| B07 | 其中：解决信访 | 件 | flow | | part of B04 |
| B08 | 普法宣传活动场次 | 场 | flow | yes | |
| B09 | 干预家暴案件数 | 件 | flow | | |
| B10 | 心理援助妇女人数 | 人 | flow | | |
| B11 | 维权志愿者人数 | 人 | stock | | |
| C01 | 两癌免费筛查人数 | 人 | flow | yes | |
| C02 | 其中：检出患病人数 | 人 | flow | | part of C01 (≤) |
| C03 | 其中：获救助患病妇女人数 | 人 | flow | | part of C02 (≤) |
| C04 | 两癌救助金额 | 万元 | flow | yes | |
| C05 | 两癌患病妇女救助率 | % | rate | | C03 ÷ C02 |
| C06 | 救助贫困妇女人数 | 人 | flow | | |
| C07 | 救助贫困妇女金额 | 元 | flow | | |
| C08 | 救助贫困儿童人数 | 人 | flow | | |
| C09 | 救助贫困儿童金额 | 元 | flow | | |
| C10 | 春蕾计划资助人数 | 人 | flow | yes | |
| C11 | 春蕾计划资助金额 | 万元 | flow | | |
| C12 | 留守儿童结对帮扶数 | 对 | stock | yes | |
| C13 | 慰问困难妇女儿童户数 | 户 | flow | | |
| C14 | 慰问金及慰问品金额 | 万元 | flow | | |
| D01 | 寻找最美家庭评选户数 | 户 | flow | yes | |
| D02 | 家庭教育讲座场次 | 场 | flow | yes | |
| D03 | 家庭教育受益人次 | 人次 | flow | | |
| D04 | 家长学校数 | 所 | stock | | |
| D05 | 家庭教育指导服务点数 | 个 | stock | | |
| E01 | 妇女之家数 | 个 | stock | yes | |
| E02 | 妇联干部培训期数 | 期 | flow | | |
| E03 | 妇联干部培训人次 | 人次 | flow | yes | |
| E04 | 巾帼志愿服务队数 | 支 | stock | | |
| E05 | 巾帼志愿者人数 | 人 | stock | | |
| E06 | 巾帼文明岗数 | 个 | stock | | |
`;

/** Section 1's two-plan default rows, verbatim. */
const TWO_PLAN = `
| W01 | 妇女 | 健康 | 孕产妇死亡率 | 1/10万 | ≤ | 12 |
| W02 | 妇女 | 健康 | 适龄妇女宫颈癌人群筛查率 | % | ≥ | 70 |
| W03 | 妇女 | 健康 | 艾滋病母婴传播率 | % | ≤ | 2 |
| W04 | 妇女 | 决策管理 | 村委会成员中女性比例 | % | ≥ | 30 |
| K01 | 儿童 | 健康 | 新生儿死亡率 | ‰ | ≤ | 3.0 |
| K02 | 儿童 | 健康 | 婴儿死亡率 | ‰ | ≤ | 5.0 |
| K03 | 儿童 | 健康 | 5岁以下儿童死亡率 | ‰ | ≤ | 6.0 |
| K04 | 儿童 | 健康 | 每千名儿童儿科执业(助理)医师数 | 名 | ≥ | 1.12 |
| K05 | 儿童 | 健康 | 每千名儿童拥有儿科床位数 | 张 | ≥ | 3.17 |
| K06 | 儿童 | 健康 | 适龄儿童免疫规划疫苗接种率 | % | ≥ | 90 |
| K07 | 儿童 | 健康 | 5岁以下儿童生长迟缓率 | % | ≤ | 5 |
| K08 | 儿童 | 健康 | 0～6岁儿童眼保健和视力检查覆盖率 | % | ≥ | 90 |
`;

const cells = (line: string): string[] => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());

describe('sheets and labels (section 1)', () => {
  it('sheet names', () => {
    expect(tpl.sheets.cover).toBe('封面');
    expect(tpl.sheets.data.map((d) => d.name)).toEqual(['创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设']);
    expect(tpl.sheets.twoPlan).toBe('两纲监测');
    expect(tpl.sheets.summary).toBe('汇总');
    expect([tpl.id, tpl.version]).toEqual(['fulian-quarterly', '2026.1']);
  });

  it('cover labels in order, with required-ness', () => {
    expect(tpl.cover.fields.map((f) => [f.label, f.required])).toEqual([
      ['填报单位', 'error'],
      ['行政区划代码', false],
      ['报告期', 'error'],
      ['填报人', 'error'],
      ['审核人', 'warning'],
      ['联系电话', 'error'],
      ['填报日期', 'error'],
    ]);
  });

  it('a new return has the data-sheet and two-plan header labels in columns A to L, and the cover labels in column A', () => {
    const wb = buildBlankReturn(tpl, { unit: '某县妇联', period: '2026Q3' });
    const row = (sheet: string, r: number, n = 12): string[] =>
      Array.from({ length: n }, (_, i) => {
        const v = wb.sheet(sheet)!.cell(r, i + 1).value;
        return v.kind === 'text' ? v.value : '';
      });
    for (const d of tpl.sheets.data) {
      expect(row(d.name, 2)).toEqual(['指标代码', '指标名称', '计量单位', '年计划', '第一季度', '第二季度', '第三季度', '第四季度', '累计', '完成年计划(%)', '序时进度(%)', '备注']);
    }
    expect(row('两纲监测', 2)).toEqual(['指标代码', '规划', '领域', '指标名称', '计量单位', '方向', '基期值', '中期目标', '终期目标', '本期值', '达标状态', '备注']);
    const cover = wb.sheet('封面')!;
    const labels: string[] = [];
    for (let r = 1; r <= cover.rowCount; r++) {
      const v = cover.cell(r, 1).value;
      if (v.kind === 'text') labels.push(v.value);
    }
    expect(labels.filter((l) => tpl.cover.fields.some((f) => f.label === l))).toEqual(['填报单位', '行政区划代码', '报告期', '填报人', '审核人', '联系电话', '填报日期']);
  });
});

describe('indicators (section 2)', () => {
  const rows = INDICATORS.trim().split('\n').map(cells);
  it('codes in order', () => {
    expect(tpl.indicators.map((i) => i.code)).toEqual(rows.map((r) => r[0]));
  });
  it.each(rows)('%s %s', (code, name, unit, kind, plan, relation) => {
    const ind = tpl.indicators.find((i) => i.code === code)!;
    const sheetByLetter: Record<string, string> = { A: '创业就业', B: '维权服务', C: '关爱救助', D: '家庭建设', E: '组织建设' };
    expect({ sheet: ind.sheet, name: ind.name, unit: ind.unit, kind: ind.kind, plan: ind.plan }).toEqual({
      sheet: sheetByLetter[code![0]!],
      name,
      unit,
      kind,
      plan: plan === 'yes',
    });
    if (kind !== 'rate') expect(ind.integer).toBe(!['万元', '元'].includes(unit!));
    const part = /^part of (\w+)( \(≤\))?$/.exec(relation!);
    const sum = /^= (.+)$/.exec(relation!);
    const ratio = /^(\w+) ÷ (\w+)$/.exec(relation!);
    expect(ind.partOf ? { total: ind.partOf.total, mayNotExceed: !!ind.partOf.mayNotExceed } : null).toEqual(
      part ? { total: part[1], mayNotExceed: !!part[2] } : null,
    );
    expect(ind.sumOf ?? null).toEqual(sum ? sum[1]!.split('+').map((s) => s.trim()) : null);
    expect(ind.ratio ? { numerator: ind.ratio.numerator, denominator: ind.ratio.denominator } : null).toEqual(
      ratio ? { numerator: ratio[1], denominator: ratio[2] } : null,
    );
  });
});

describe('two-plan default rows (section 1)', () => {
  const rows = TWO_PLAN.trim().split('\n').map(cells);
  it('codes, plans, domains, names, units, directions, final targets', () => {
    expect(
      tpl.twoPlan.defaultRows.map((d) => [d.code, d.plan, d.domain, d.name, d.unit, d.direction, d.finalTarget]),
    ).toEqual(rows.map(([c, p, dm, n, u, dir, fin]) => [c, p, dm, n, u, dir, Number(fin)]));
    expect(tpl.twoPlan.plans).toEqual(['妇女', '儿童']);
    expect(tpl.twoPlan.statuses).toEqual({ noData: '无数据', final: '已实现终期目标', mid: '达到中期目标', below: '未达标' });
    expect(tpl.progress.statuses).toEqual({ noPlan: '无计划', exceeded: '超额完成', onTrack: '达到序时进度', behind: '滞后序时进度' });
  });
});
