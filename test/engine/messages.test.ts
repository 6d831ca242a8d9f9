import { formatFindings, knownTemplates, parseTemplate, RULE_IDS, type Template } from '../../src/engine';
import { PARAM_NAMES, unknownPlaceholders } from '../../src/engine/messages';
import { checkAfter, damageNearlyEveryRule, tpl } from './helpers';

const JY = '创业就业';

/** One return that earns nearly every rule. */
const damaged = checkAfter(damageNearlyEveryRule);

describe("formatFindings", () => {
  const zh = formatFindings(damaged.issues, tpl, 'zh-CN');
  const en = formatFindings(damaged.issues, tpl, 'en');

  it('fills every placeholder, in both languages', () => {
    expect(zh.length).toBeGreaterThan(20);
    for (const f of [...zh, ...en]) expect(f.message).not.toMatch(/\{[A-Za-z]+\}/);
    const rules = new Set(zh.map((f) => f.rule));
    const expected = RULE_IDS.filter((r) => !['revised-earlier-quarter', 'missing-header-row', 'missing-indicator', 'bad-period'].includes(r));
    for (const r of expected) if (!rules.has(r)) throw new Error(`rule ${r} did not fire`);
  });

  it('says where, naturally, in Chinese by default and in English on request', () => {
    const at = (list: typeof zh, cell: string, rule: string): string => list.find((f) => f.sheet === JY && f.cell === cell && f.rule === rule)!.message;
    expect(at(zh, 'G3', 'required-missing')).toBe('A01「妇女技能培训人数」第三季度未填写（确为零请填 0）');
    expect(at(en, 'G3', 'required-missing')).toBe('A01 "妇女技能培训人数": 第三季度 is blank (type 0 for a true zero)');
    expect(at(zh, 'E4', 'not-a-number')).toBe('A02「其中：贫困妇女培训人数」第一季度填写的「无」不是数字');
    expect(at(zh, 'E11', 'unit-in-cell')).toBe('A09「小额担保贷款发放金额」第一季度「24000元」自带单位，按 2.4万元 计');
    expect(at(zh, 'F4', 'part-exceeds-total')).toMatch(/^A02「其中：贫困妇女培训人数」第二季度 \d+ 大于其总数 A01「妇女技能培训人数」\d+$/);
    expect(at(zh, 'H13', 'future-quarter-filled')).toBe('报告期为第3季度，A11「其中：贫困妇女贷款金额」第四季度却已填数 9');
    expect(at(zh, 'I14', 'cumulative-mismatch')).toMatch(/^A12「获贷扶持创业妇女人数」累计由工具计算，却被改写为 3，应为 \d+$/);
    expect(formatFindings(damaged.issues, tpl).map((f) => f.message)).toEqual(zh.map((f) => f.message));
  });

  it('takes severity from the template catalogue (a federation can tune it), 审核人 a warning', () => {
    const reviewer = zh.find((f) => f.rule === 'cover-field-missing')!;
    expect([reviewer.cell, reviewer.severity]).toEqual(['B6', 'warning']);
    expect(zh.find((f) => f.rule === 'outlier')!.severity).toBe('warning');
    const tuned = structuredClone(tpl) as Template;
    tuned.rules['outlier'] = { ...tuned.rules['outlier']!, severity: 'error' };
    tuned.rules['required-missing'] = { severity: 'error', message: { 'zh-CN': '{indicator}{column}空', en: '{indicator} {column} empty' } };
    const r = parseTemplate(tuned);
    expect(r.ok).toBe(true);
    const f = formatFindings(damaged.issues, tuned, 'zh-CN');
    expect(f.find((x) => x.rule === 'outlier')!.severity).toBe('error');
    expect(f.find((x) => x.rule === 'required-missing')!.message).toBe('A01第三季度空');
  });

  it('counts by severity in the report agree with the findings', () => {
    const c = { error: 0, warning: 0, info: 0 };
    for (const f of zh) c[f.severity]++;
    expect(damaged.counts).toEqual(c);
  });

  it('sorts by template sheet order, then row, column and rule', () => {
    const order = ['封面', '创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设', '两纲监测'];
    const key = (f: (typeof zh)[number]): [number, number, number] => {
      const m = f.cell ? /^([A-Z]+)(\d+)$/.exec(f.cell)! : null;
      return [order.indexOf(f.sheet), m ? Number(m[2]) : 0, m ? m[1]!.charCodeAt(0) : 0];
    };
    for (let i = 1; i < zh.length; i++) {
      const a = key(zh[i - 1]!);
      const b = key(zh[i]!);
      expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2])))).toBe(true);
    }
  });

  it('gives each issue exactly the params its rule declares', () => {
    for (const i of damaged.issues) expect([i.rule, Object.keys(i.params).sort()]).toEqual([i.rule, Object.keys(PARAM_NAMES[i.rule]).sort()]);
    const outlier = damaged.issues.find((i) => i.rule === 'outlier');
    expect(Object.keys(outlier?.params ?? {}).sort()).toEqual(['column', 'factor', 'indicator', 'name', 'reference', 'value']);
    const cover = damaged.issues.find((i) => i.rule === 'cover-field-missing');
    expect(cover?.params).toEqual({ label: '审核人', key: 'reviewer' });
  });
});

describe('unknownPlaceholders', () => {
  it('finds none in the shipped templates: every message names only its rule\'s params or where it points', () => {
    expect(knownTemplates().length).toBeGreaterThan(1);
    for (const t of knownTemplates()) expect([t.version, unknownPlaceholders(t)]).toEqual([t.version, []]);
  });
  it('names a placeholder its rule has no param for, by rule and language', () => {
    const tuned = structuredClone(tpl) as Template;
    tuned.rules['plan-missing'] = { severity: 'error', message: { 'zh-CN': '{indicator}{column}无计划，{value}', en: '{cell}: {plan} missing' } };
    expect(unknownPlaceholders(tuned)).toEqual([
      { rule: 'plan-missing', lang: 'zh-CN', name: 'value' },
      { rule: 'plan-missing', lang: 'en', name: 'plan' },
    ]);
  });
});
