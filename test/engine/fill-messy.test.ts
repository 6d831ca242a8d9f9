/*
 * planFill over messy typed values: where a formula refers to a user-typed cell holding text the engine reads as a
 * number, it refers to it through IF(ISNUMBER(X),X,<the engine's reading>); unreadable text, spaces and errors count as
 * the engine counts them; clean cells keep the plain formulas. The fake Excel evaluator shows the formulas evaluate to
 * the engine's figures, and stay live: a plain number typed over the text later is used.
 */
import { a1, checkReturn, num, planFill, sheetRef, type CellWrite, type FillPlan } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { disagreements, evaluate, GUARDED, MESSY, messyReturn, placeOf, type Place } from './fill-messy.fixture';
import { AND, cell, div, eq, ge, IF, ISNUMBER, num as fnum, OR, printExpr, str, TRIM, type Expr } from '../../src/engine/formula';
import { parseFormula, type Node } from '../../src/office-fake/formula';
import { tpl } from './helpers';

/** How a formula reads the cell at `p`: through the guard IF(ISNUMBER(X),X,c), in a blank test (X="", X<>""), or bare. */
type Use = { readonly how: 'guard'; readonly constant: number } | { readonly how: 'blank' | 'bare' };

/**
 * Every reading of `p` in a formula written on `onSheet`, found in its syntax tree (the fake Excel's parser, not ours):
 * a reference to `p` or a range holding it. 汇总 block 2's COUNTA terms only count whether cells are filled (text or
 * number alike), so they are left out.
 */
function usesOf(formula: string, onSheet: string, p: Place): Use[] {
  const isP = (n: Node): boolean =>
    n.k === 'ref' && (n.sheet ?? onSheet) === p.sheet && n.r1 <= p.row && p.row <= n.r2 && n.c1 <= p.col && p.col <= n.c2;
  const isCellP = (n: Node | undefined): boolean => n !== undefined && isP(n) && n.k === 'ref' && n.r1 === n.r2 && n.c1 === n.c2;
  const out: Use[] = [];
  const walk = (n: Node): void => {
    if (n.k === 'call' && n.name === 'COUNTA') return;
    if (n.k === 'call' && n.name === 'IF' && n.args.length === 3) {
      const [test, then, otherwise] = n.args;
      if (test?.k === 'call' && test.name === 'ISNUMBER' && isCellP(test.args[0]) && isCellP(then) && otherwise?.k === 'lit' && typeof otherwise.v === 'number') {
        out.push({ how: 'guard', constant: otherwise.v });
        return;
      }
    }
    if (n.k === 'bin' && (n.op === '=' || n.op === '<>') && isCellP(n.a) && n.b.k === 'lit' && n.b.v === '') {
      out.push({ how: 'blank' });
      return;
    }
    if (isP(n)) out.push({ how: 'bare' });
    if (n.k === 'call') n.args.forEach(walk);
    else if (n.k === 'un') walk(n.a);
    else if (n.k === 'bin') {
      walk(n.a);
      walk(n.b);
    }
  };
  walk(parseFormula(formula));
  return out;
}

interface Planned {
  readonly w: CellWrite;
  readonly uses: readonly Use[];
}
/** Every formula of the plan that reads the value of `p`, with how it reads it. */
function referring(plan: FillPlan, p: Place): Planned[] {
  const out: Planned[] = [];
  for (const w of [...plan.toolOwned, ...plan.summary.cells]) {
    const uses = w.formula ? usesOf(w.formula, w.sheet, p) : [];
    if (uses.length > 0) out.push({ w, uses });
  }
  return out;
}

const formulaAt = (cells: readonly CellWrite[], p: Place): string | undefined =>
  cells.find((c) => c.sheet === p.sheet && c.row === p.row && c.col === p.col)?.formula;

const messy = messyReturn(tpl, 3, 1);
const report = checkReturn(messy.wb, tpl);
const plan = planFill(messy.wb, tpl, report);
const placeOfMessy = (code: string, role: string): Place => messy.places[MESSY.findIndex((m) => m.code === code && m.role === role)]!;
const layoutPlace = (code: string, role: string, where: 'data' | 'twoPlan' = 'data'): Place => placeOf(messy.wb, tpl, where, code, role);

describe('planFill over messy typed values: the guard', () => {
  it('the engine reads each messy cell as the fixture says (the constants below are its readings)', () => {
    for (const m of GUARDED) {
      if (m.where === 'data') {
        const f = report.indicators.find((i) => i.indicator.code === m.code)!;
        const got = m.role === 'plan' ? f.plan : f.quarters[Number(m.role.slice(1)) - 1];
        expect([m.code, m.role, got]).toEqual([m.code, m.role, expect.closeTo(m.reading!, 12)]);
      } else {
        const r = report.twoPlan.rows.find((x) => x.code === m.code)!;
        const got = m.role === 'value' ? r.value : m.role === 'finalTarget' ? r.finalTarget : r.midTarget;
        expect([m.code, m.role, got]).toEqual([m.code, m.role, expect.closeTo(m.reading!, 12)]);
      }
    }
    const rules = new Set(report.issues.map((i) => i.rule));
    for (const rule of ['approximate-value', 'unit-in-cell', 'full-width-digits', 'not-a-number', 'formula-error']) expect(rules).toContain(rule);
  });

  it('every formula referring to text the engine reads as a number goes through IF(ISNUMBER(X),X,reading)', () => {
    let guardedCells = 0;
    MESSY.forEach((m, i) => {
      if (m.kind !== 'read') return;
      const p = messy.places[i]!;
      const uses = referring(plan, p);
      if (m.code === 'B03') {
        expect(uses).toEqual([]); // a rate's typed quarter: no formula reads it (its 累计 is numerator ÷ denominator)
        return;
      }
      expect({ at: `${m.code} ${m.role}`, used: uses.length > 0 }).toEqual({ at: `${m.code} ${m.role}`, used: true });
      for (const u of uses) {
        // Nothing reads the cell bare: only the guard, with the engine's reading, and the blank tests name it.
        const wrong = u.uses.filter((x) => x.how === 'bare' || (x.how === 'guard' && Math.abs(x.constant - m.constant!) > 1e-12));
        expect({ at: `${m.code} ${m.role}`, formula: u.w.formula, wrong }).toEqual({ at: `${m.code} ${m.role}`, formula: u.w.formula, wrong: [] });
        expect(u.uses.some((x) => x.how === 'guard')).toBe(true);
      }
      guardedCells++;
    });
    expect(guardedCells).toBe(GUARDED.length - 1);
  });

  it('writes the exact shapes: SUM of single references, a guarded stock, a guarded plan, the 汇总 年计划, 达标状态', () => {
    const a01 = layoutPlace('A01', 'cumulative');
    const [e, f, g] = (['q1', 'q2', 'q3'] as const).map((q) => a1(a01.row, layoutPlace('A01', q).col));
    expect(formulaAt(plan.toolOwned, a01)).toBe(`=SUM(${e},IF(ISNUMBER(${f}),${f},1262),${g})`);

    const a14 = layoutPlace('A14', 'q3');
    expect(formulaAt(plan.toolOwned, layoutPlace('A14', 'cumulative'))).toBe(`=IF(ISNUMBER(${a1(a14.row, a14.col)}),${a1(a14.row, a14.col)},3426)`);

    const a15 = layoutPlace('A15', 'plan');
    const d = a1(a15.row, a15.col);
    const i = a1(a15.row, layoutPlace('A15', 'cumulative').col);
    const p = `IF(ISNUMBER(${d}),${d},1226)`;
    expect(formulaAt(plan.toolOwned, layoutPlace('A15', 'percentOfPlan'))).toBe(`=IF(N(${p})=0,"",${i}/${p})`);
    const ext = `${sheetRef(a15.sheet)}!${d}`;
    const summaryPlan = plan.summary.cells.find((c) => c.col === 4 && c.row === summaryRow('A15'))!;
    expect(summaryPlan.formula).toBe(`=IF(${ext}="","",IF(ISNUMBER(${ext}),${ext},1226))`);
    expect(summaryPlan.value).toEqual(num(1226));

    // 24000元 in a 万元 column is 2.4 in the SUM, as the engine reads it.
    const a09 = layoutPlace('A09', 'q1');
    expect(formulaAt(plan.toolOwned, layoutPlace('A09', 'cumulative'))).toContain(`IF(ISNUMBER(${a1(a09.row, a09.col)}),${a1(a09.row, a09.col)},2.4)`);

    // A % row compares as its cells stand: 约20% against a target of 70 (percent points) is 20; against 0.95 in a
    // percent-formatted cell, 约90% is 0.9.
    const w02 = layoutPlace('W02', 'value', 'twoPlan');
    const value = cell(w02.row, w02.col);
    const [direction, final] = (['direction', 'finalTarget'] as const).map((role) => {
      const at = layoutPlace('W02', role, 'twoPlan');
      return cell(at.row, at.col);
    }) as [Expr, Expr];
    const higher = OR(...['≥', '>=', '不低于'].map((s) => eq(TRIM(direction), str(s))));
    const status = formulaAt(plan.toolOwned, layoutPlace('W02', 'status', 'twoPlan'))!;
    expect(status).toContain(printExpr(AND(higher, ge(IF(ISNUMBER(value), value, fnum(20)), final))));
    expect(status.startsWith(`=IF(${printExpr(eq(value, str('')))},"无数据",`)).toBe(true);
    const k06 = layoutPlace('K06', 'finalTarget', 'twoPlan');
    expect(formulaAt(plan.toolOwned, layoutPlace('K06', 'status', 'twoPlan'))).toContain(`IF(ISNUMBER(${a1(k06.row, k06.col)}),${a1(k06.row, k06.col)},0.9)`);
    // 93% typed in Excel (0.93, percent-formatted) beside a target of 90 in points: the row compares fractions.
    const [k08v, k08f] = (['value', 'finalTarget'] as const).map((role) => {
      const at = layoutPlace('K08', role, 'twoPlan');
      return cell(at.row, at.col);
    }) as [Expr, Expr];
    expect(formulaAt(plan.toolOwned, layoutPlace('K08', 'status', 'twoPlan'))).toContain(printExpr(ge(k08v, div(k08f, fnum(100)))));
  });
});

function summaryRow(code: string): number {
  return plan.summary.cells.find((c) => c.col === 1 && c.value.kind === 'text' && c.value.value === code)!.row;
}

describe('planFill over messy typed values: what the engine reads as nothing', () => {
  it('unreadable text stays a plain reference in SUM and 完成年计划; a stock shows N() of it; 汇总 年计划 shows no plan', () => {
    const c14 = placeOfMessy('C14', 'q3');
    expect(formulaAt(plan.toolOwned, layoutPlace('C14', 'cumulative'))).toBe(`=SUM(${a1(c14.row, c14.col - 2)}:${a1(c14.row, c14.col)})`);
    const e01 = placeOfMessy('E01', 'q3');
    expect(formulaAt(plan.toolOwned, layoutPlace('E01', 'cumulative'))).toBe(`=N(${a1(e01.row, e01.col)})`);
    const c10 = placeOfMessy('C10', 'plan');
    const d = a1(c10.row, c10.col);
    expect(formulaAt(plan.toolOwned, layoutPlace('C10', 'percentOfPlan'))).toBe(`=IF(N(${d})=0,"",${a1(c10.row, layoutPlace('C10', 'cumulative').col)}/${d})`);
    const ext = `${sheetRef(c10.sheet)}!${d}`;
    expect(plan.summary.cells.find((c) => c.col === 4 && c.row === summaryRow('C10'))!.formula).toBe(`=IF(ISNUMBER(${ext}),${ext},"")`);
  });

  it('an error value counts 0 (the engine reads nothing) instead of spreading into 累计 and 汇总', () => {
    const d01 = placeOfMessy('D01', 'q1');
    const ref = a1(d01.row, d01.col);
    expect(formulaAt(plan.toolOwned, layoutPlace('D01', 'cumulative'))).toContain(`IF(ISNUMBER(${ref}),${ref},0)`);
    const d04 = placeOfMessy('D04', 'q3');
    expect(formulaAt(plan.toolOwned, layoutPlace('D04', 'cumulative'))).toBe(`=IF(ISNUMBER(${a1(d04.row, d04.col)}),${a1(d04.row, d04.col)},0)`);
  });

  it('spaces-only text is blank to the engine, so 汇总 block 2 takes it off COUNTA while it stays text', () => {
    const d02 = placeOfMessy('D02', 'q2');
    const sheetRow = plan.summary.cells.find((c) => c.col === 1 && c.value.kind === 'text' && c.value.value === d02.sheet)!.row;
    const filled = plan.summary.cells.find((c) => c.row === sheetRow && c.col === 3)!;
    expect(filled.formula).toContain(`-ISTEXT(${sheetRef(d02.sheet)}!${a1(d02.row, d02.col)})`);
    const detail = report.completeness.detail.find((x) => x.sheet === d02.sheet)!;
    expect(detail.filledCells).toBeLessThan(detail.requiredCells);
  });

  it('two-plan rows: unreadable 本期值 or 终期目标 and spaces → 无数据, unreadable 中期目标 → no mid target', () => {
    const status = (code: string): string | undefined => report.twoPlan.rows.find((r) => r.code === code)?.status;
    expect(['K02', 'K03', 'K04', 'K05', 'K07', 'W01', 'K01', 'W02', 'W03', 'W04', 'K06', 'K08'].map((c) => [c, status(c)])).toEqual([
      ['K02', '无数据'],
      ['K03', '无数据'],
      ['K04', '无数据'],
      ['K05', '无数据'],
      ['K07', '未达标'],
      ['W01', '无数据'],
      ['K01', '达到中期目标'],
      ['W02', '未达标'],
      ['W03', '已实现终期目标'],
      ['W04', '已实现终期目标'],
      ['K06', '已实现终期目标'],
      ['K08', '已实现终期目标'],
    ]);
    const k07 = layoutPlace('K07', 'midTarget', 'twoPlan');
    expect(formulaAt(plan.toolOwned, layoutPlace('K07', 'status', 'twoPlan'))).toContain(`IF(AND(ISNUMBER(${a1(k07.row, k07.col)}),`);
  });
});

describe('planFill over messy typed values: evaluated', () => {
  it('every formula evaluates to the engine figure it caches (fake Excel evaluator)', () => {
    expect(disagreements(evaluate(messy.wb, plan), plan, plan)).toEqual([]);
  });

  it('without the guards the same return disagrees (the test can fail)', () => {
    const clean = buildFilledReturn(tpl, { quarter: 3, seed: 1 });
    const plainPlan = planFill(clean, tpl, report); // the clean workbook's cells: no guard anywhere
    expect(disagreements(evaluate(messy.wb, plainPlan), plainPlan, plan).length).toBeGreaterThan(10);
  });

  it('stays live: a plain number typed over the text later is what the guarded formulas use', () => {
    const retyped = messyReturn(tpl, 3, 1).wb;
    MESSY.forEach((m, i) => {
      if (m.kind !== 'read') return;
      const p = messy.places[i]!;
      // The same figure plus one, typed as the cell's plain number would be read (a % row in points unless formatted).
      const scale = m.constant! / m.reading!;
      retyped.sheet(p.sheet)!.set(p.row, p.col, { value: num((m.reading! + (m.where === 'twoPlan' ? 0.01 : 1)) * scale) });
    });
    const after = checkReturn(retyped, tpl);
    expect(after.indicators.find((f) => f.indicator.code === 'A01')!.quarters[1]).toBe(1263);
    // The old plan's formulas (with their guards), evaluated over the retyped cells, give the new engine figures.
    expect(disagreements(evaluate(retyped, plan), plan, planFill(retyped, tpl, after))).toEqual([]);
  });
});

describe('planFill over messy typed values: clean returns keep their formulas', () => {
  it('a clean return has no guard anywhere', () => {
    for (const q of [1, 2, 3, 4] as const) {
      const wb = buildFilledReturn(tpl, { quarter: q, seed: 20 + q, extraRows: 1 });
      const p = planFill(wb, tpl, checkReturn(wb, tpl));
      for (const w of [...p.toolOwned, ...p.summary.cells]) expect(w.formula ?? '').not.toMatch(/ISNUMBER|ISTEXT|IFERROR|ISERROR|^=N\(/);
    }
  });

  it('formulas that refer to no messy cell are exactly those of the clean return', () => {
    const clean = buildFilledReturn(tpl, { quarter: 3, seed: 1 });
    const cleanPlan = planFill(clean, tpl, checkReturn(clean, tpl));
    const byPlace = new Map([...cleanPlan.toolOwned, ...cleanPlan.summary.cells].map((w) => [`${w.sheet}!${w.row},${w.col}`, w.formula]));
    const touched = new Set(messy.places.flatMap((p) => referring(plan, p).map(({ w }) => `${w.sheet}!${w.row},${w.col}`)));
    // …and block 2's count of a sheet holding spaces-only text, which takes that cell off its COUNTA.
    for (const w of plan.summary.cells) if (w.formula?.includes('-ISTEXT(')) touched.add(`${w.sheet}!${w.row},${w.col}`);
    let same = 0;
    for (const w of [...plan.toolOwned, ...plan.summary.cells]) {
      const key = `${w.sheet}!${w.row},${w.col}`;
      if (!w.formula || touched.has(key)) continue;
      // 汇总 block 3 counts statuses and 进度状态 reads other formulas: those stay identical too.
      expect([key, w.formula]).toEqual([key, byPlace.get(key)]);
      same++;
    }
    expect(same).toBeGreaterThan(400);
    expect(touched.size).toBeGreaterThan(20);
  });
});
