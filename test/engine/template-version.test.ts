/* A federation's own template version (an added indicator, a renamed unit, a reworded message) works with no code change. */
import { buildBlankReturn, checkReturn, formatFindings, parseTemplateJson, planFill, type Template } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { hits, tpl } from './helpers';

function version2(): Template {
  const data = JSON.parse(JSON.stringify(tpl)) as Template & { indicators: Template['indicators'][number][] };
  data.version = '2027.1';
  const at = data.indicators.findIndex((i) => i.code === 'A15') + 1;
  data.indicators.splice(at, 0, {
    code: 'A16',
    sheet: '创业就业',
    name: '巾帼电商培训人数',
    unit: '人',
    kind: 'flow',
    plan: true,
    integer: true,
  });
  const b10 = data.indicators.find((i) => i.code === 'B10')!;
  b10.unit = '人次';
  data.rules['plan-missing'] = { severity: 'error', message: { 'zh-CN': '请填写{indicator}的年计划', en: 'Plan of {indicator}?' } };
  const r = parseTemplateJson(JSON.stringify(data));
  if (!r.ok) throw new Error(r.error);
  return r.template;
}

describe('a second template version', () => {
  const v2 = version2();
  it('builds and checks clean returns of the new version', () => {
    for (const quarter of [1, 4] as const) {
      const wb = buildFilledReturn(v2, { quarter, seed: 3 });
      const r = checkReturn(wb, v2);
      expect(hits(r, v2)).toEqual([]);
      expect(r.template).toEqual({ id: 'fulian-quarterly', version: '2027.1' });
      expect(r.indicators.map((f) => f.indicator.code)).toContain('A16');
      const s = wb.sheet('维权服务')!;
      const row = r.layout.dataSheets.find((l) => l.sheet === '维权服务')!.rows['B10']!;
      expect(s.cell(row, 3).value).toEqual({ kind: 'text', value: '人次' });
      const plan = planFill(wb, v2, r);
      expect(plan.summary.cells.some((c) => c.value.kind === 'text' && c.value.value === '巾帼电商培训人数')).toBe(true);
    }
  });
  it('reports a return of the old version against the new one: the added indicator is missing', () => {
    const old = buildFilledReturn(tpl, { quarter: 2 });
    expect(hits(checkReturn(old, v2), v2)).toEqual([{ rule: 'missing-indicator', sheet: '创业就业', cell: null, indicator: 'A16' }]);
  });
  it('uses the version’s own messages', () => {
    const wb = buildBlankReturn(v2, { unit: '某县妇联', period: '2026Q1' });
    const f = formatFindings(checkReturn(wb, v2).issues, v2, 'zh-CN');
    expect(f.find((x) => x.indicator === 'A16' && x.rule === 'plan-missing')!.message).toBe('请填写A16的年计划');
  });
});

describe('exhaustive parts in money', () => {
  const money = JSON.parse(JSON.stringify(tpl)) as Template;
  for (const i of money.indicators) if (['A04', 'A05', 'A06', 'A07'].includes(i.code)) Object.assign(i, { unit: '万元', integer: false });
  const check = (delta: number) => {
    const wb = buildFilledReturn(money, { quarter: 2, seed: 9 });
    const s = wb.sheet('创业就业')!;
    const v = s.cell(7, 5).value;
    if (v.kind !== 'number') throw new Error('E7');
    s.set(7, 5, { value: { kind: 'number', value: v.value + delta } });
    return hits(checkReturn(wb, money), money);
  };
  it('add up within 0.01 万元', () => {
    expect(check(0)).toEqual([]);
    expect(check(0.005)).toEqual([]);
    expect(check(0.02)).toEqual([{ rule: 'parts-sum-mismatch', sheet: '创业就业', cell: 'E6', indicator: 'A04' }]);
  });
});
