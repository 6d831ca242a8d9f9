/**
 * Two-plan targets as plans write them (spec section 1): every form with its status worked out by hand
 * (test/fixtures/two-plan-targets.ts), base-missing at the 基期值 cell, target-order on resolved targets, and block 3's
 * counts on a 200-row sheet whose statuses are known by construction.
 */
import { buildFilledReturn } from '../../src/engine/testing';
import { checkReturn } from '../../src/engine/check';
import { planFill } from '../../src/engine/fill';
import { readTarget, resolveTarget } from '../../src/engine/read/target';
import { text } from '../../src/engine/cell';
import { TARGET_CASES, writeTargetCases, type TargetCase } from '../fixtures/two-plan-targets';
import { ABS, AND, cell, eq, ge, gt, IF, ISNUMBER, le, lt, mul, ne, NOT, num, OR, printExpr, printFormula, str, sub, TRIM, type Expr } from '../../src/engine/formula';
import { tpl } from './helpers';

const TP = '两纲监测';

function checked(cases: readonly TargetCase[]) {
  const wb = buildFilledReturn(tpl, { quarter: 3, seed: 11 });
  writeTargetCases(wb, cases);
  return { wb, report: checkReturn(wb, tpl) };
}

describe('two-plan targets as plans write them', () => {
  const { report } = checked(TARGET_CASES);

  it.each(TARGET_CASES.map((k) => [k.code, k.status, k.why] as const))('%s → %s (%s)', (code, status) => {
    expect(report.twoPlan.rows.find((r) => r.code === code)!.status).toBe(status);
  });

  it('reports exactly the hand-worked two-plan findings, at their cells', () => {
    const want = TARGET_CASES.flatMap((k, i) => Object.entries(k.findings ?? {}).map(([rule, col]) => `${rule} ${col}${3 + i}`)).sort();
    const got = report.issues
      .filter((i) => i.sheet === TP && i.indicator !== null && /^T\d\d$/.test(i.indicator) && ['base-missing', 'target-order', 'target-missing', 'not-a-number', 'approximate-value'].includes(i.rule))
      .map((i) => `${i.rule} ${i.cell}`)
      .sort();
    expect(got).toEqual(want);
  });

  it('no target text is taken for an unreadable number or an approximate value', () => {
    const noise = report.issues.filter((i) => i.sheet === TP && ['not-a-number', 'approximate-value', 'target-missing'].includes(i.rule));
    expect(noise).toEqual([]);
  });

  it('resolves relative targets to the numbers a person computes', () => {
    const ctx = { unit: '1/10万', units: tpl.units };
    const at = (s: string, base: number | null) => resolveTarget(readTarget({ value: text(s) }, ctx), base);
    expect(at('比2020年降20%', 10)).toEqual({ kind: 'number', value: 8 });
    expect(at('比基期下降20%', 12.5)).toEqual({ kind: 'number', value: 10 });
    expect(at('提高10%', 2)).toEqual({ kind: 'number', value: 2.2 });
    expect(at('提高5个百分点', 60)).toEqual({ kind: 'number', value: 65 });
    expect(resolveTarget(readTarget({ value: text('提高5个百分点') }, { unit: '%', units: tpl.units }), 0.6)).toEqual({ kind: 'number', value: 0.65 });
    expect(at('降低20%', null)).toBeNull();
    expect(at('逐步提高', 3)).toEqual({ kind: 'better-than-base', base: 3 });
    expect(resolveTarget(readTarget({ value: text('50%左右') }, { unit: '%', units: tpl.units }), null)).toEqual({ kind: 'about', value: 0.5 });
    expect(readTarget({ value: text('比去年好') }, ctx).kind).toBe('invalid');
  });

  it('fill writes a 达标状态 formula that refers to 基期值 for relative and qualitative targets', () => {
    const { wb, report: r } = checked(TARGET_CASES);
    const plan = planFill(wb, tpl, r);
    const status = (row: number) => plan.toolOwned.find((w) => w.sheet === TP && w.row === row && w.col === 11)!;
    // Columns as writeTargetCases lays them out: F 方向, G 基期值, H 中期目标, I 终期目标, J 本期值.
    const at = (row: number) => ({ F: cell(row, 6), G: cell(row, 7), H: cell(row, 8), I: cell(row, 9), J: cell(row, 10) });
    const directionIs = (F: Expr, ...signs: string[]): Expr => OR(...signs.map((s) => eq(TRIM(F), str(s))));
    const sides = (F: Expr) => ({ higher: directionIs(F, '≥', '>=', '不低于'), lower: directionIs(F, '≤', '<=', '不高于') });
    const meets = (row: number, target: Expr): Expr => {
      const { higher, lower } = sides(at(row).F);
      return OR(AND(higher, ge(at(row).J, target)), AND(lower, le(at(row).J, target)));
    };
    const blank = str('');
    // T01 比2020年降20% (row 3): while 终期目标 is that text, the target is 基期值 × 0.8, and without a number in 基期值
    // the row cannot be judged; a number typed over the text is compared as it is. No 中期目标: a plain blank cell.
    const t01 = at(3);
    const t01Sides = sides(t01.F);
    expect(status(3).formula).toBe(
      printFormula(
        IF(
          eq(t01.J, blank),
          str('无数据'),
          IF(
            OR(eq(t01.I, blank), AND(NOT(ISNUMBER(t01.I)), NOT(ISNUMBER(t01.G))), AND(NOT(t01Sides.higher), NOT(t01Sides.lower))),
            str('无数据'),
            IF(
              IF(ISNUMBER(t01.I), meets(3, t01.I), meets(3, mul(t01.G, num(0.8)))),
              str('已实现终期目标'),
              IF(AND(ne(t01.H, blank), meets(3, t01.H)), str('达到中期目标'), str('未达标')),
            ),
          ),
        ),
      ),
    );
    // T07 逐步提高 (row 9): better than 基期值 in the row's direction.
    const t07 = at(9);
    const t07Sides = sides(t07.F);
    const better = OR(AND(t07Sides.higher, gt(t07.J, t07.G)), AND(t07Sides.lower, lt(t07.J, t07.G)));
    expect(status(9).formula).toContain(printExpr(IF(ISNUMBER(t07.I), meets(9, t07.I), better)));
    // T09 50%左右 (row 11, a % row in points): within 5% of 50, whatever the direction.
    const t09 = at(11);
    expect(status(11).formula).toContain(printExpr(IF(ISNUMBER(t09.I), meets(11, t09.I), le(ABS(sub(t09.J, num(50))), mul(num(0.05), ABS(num(50)))))));
    for (const [i, k] of TARGET_CASES.entries()) expect(status(3 + i).value).toEqual(text(k.status));
  });
});

describe('block 3 on a 200-row sheet', () => {
  // Ten kinds of row, twenty of each; the status of each kind is worked out by hand above.
  const kinds = ['T01', 'T02', 'T03', 'T05', 'T07', 'T09', 'T10', 'T14', 'T17', 'T19'].map((c) => TARGET_CASES.find((k) => k.code === c)!);
  const rows: TargetCase[] = [];
  for (let i = 0; i < 200; i++) {
    const k = kinds[i % kinds.length]!;
    rows.push({ ...k, code: `R${String(i + 1).padStart(3, '0')}`, plan: i % 2 === 0 ? '妇女' : '儿童' });
  }
  const { report } = checked(rows);

  it('counts every row once, by plan and in total, as the hand-worked statuses say', () => {
    const byStatus = (plan?: string) => {
      const list = rows.filter((r) => plan === undefined || r.plan === plan);
      return {
        total: list.length,
        final: list.filter((r) => r.status === '已实现终期目标').length,
        mid: list.filter((r) => r.status === '达到中期目标').length,
        below: list.filter((r) => r.status === '未达标').length,
        noData: list.filter((r) => r.status === '无数据').length,
      };
    };
    // Per ten rows: 已实现 T01 T07 T09 = 3, 中期 T03 T17 = 2, 未达标 T02 T05 T10 = 3, 无数据 T14 T19 = 2.
    expect(byStatus()).toEqual({ total: 200, final: 60, mid: 40, below: 60, noData: 40 });
    const [women, children, total] = report.twoPlan.counts;
    expect(total).toEqual({ plan: '合计', ...byStatus() });
    expect(women).toEqual({ plan: '妇女', ...byStatus('妇女') });
    expect(children).toEqual({ plan: '儿童', ...byStatus('儿童') });
    for (const c of report.twoPlan.counts) expect(c.final + c.mid + c.below + c.noData).toBe(c.total);
  });
});
