/* planFill: formulas at the tool-owned cells (addresses from the layout), cached values, and the 汇总 sheet. */
import { checkReturn, formatA1, num, planFill, text, type CellWrite, type FillPlan } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { AND, cell, COUNTA, eq, ge, group, IF, le, ne, NOT, num as fnum, OR, printFormula, range, str, sum, TRIM, type Expr } from '../../src/engine/formula';
import { HAND_COUNTS, HAND_ROWS, setHandTwoPlan } from '../fixtures/two-plan-hand';
import { checkAfter, numAt, put, sheet, tpl } from './helpers';

const at = (cells: readonly CellWrite[], sheetName: string, a1: string): CellWrite | undefined =>
  cells.find((c) => c.sheet === sheetName && formatA1(c) === a1);

function plan(quarter: 1 | 2 | 3 | 4 = 3): { p: FillPlan; wb: ReturnType<typeof buildFilledReturn> } {
  const wb = buildFilledReturn(tpl, { quarter, seed: 1 });
  return { p: planFill(wb, tpl, checkReturn(wb, tpl)), wb };
}

describe('planFill: tool-owned cells', () => {
  it('writes 累计 by kind, 完成年计划 and 序时进度 with their formats and cached values', () => {
    const { p, wb } = plan(3);
    const s = sheet(wb, '创业就业');
    const cells = p.toolOwned;
    expect(at(cells, '创业就业', 'I3')).toMatchObject({ formula: '=SUM(E3:G3)', value: num(numAt(s, 'E3') + numAt(s, 'F3') + numAt(s, 'G3')) });
    expect(at(cells, '创业就业', 'I16')).toMatchObject({ formula: '=G16', value: num(numAt(s, 'G16')) });
    expect(at(cells, '创业就业', 'I10')).toMatchObject({ formula: '=IF(N(I6)=0,"",I9/I6)', numberFormat: '0.00%' });
    expect(at(cells, '创业就业', 'J3')).toMatchObject({ formula: '=IF(N(D3)=0,"",I3/D3)', numberFormat: '0.00%' });
    expect(at(cells, '创业就业', 'J4')).toMatchObject({ value: { kind: 'blank' } });
    expect(at(cells, '创业就业', 'K3')).toMatchObject({ formula: '=3/4', value: num(0.75), numberFormat: '0.00%' });
    expect(at(cells, '创业就业', 'J10')).toBeUndefined(); // a rate has no plan
    expect(plan(1).p.toolOwned.find((c) => c.sheet === '创业就业' && formatA1(c) === 'I3')!.formula).toBe('=SUM(E3)');
    expect(cells.every((c) => c.formula?.startsWith('='))).toBe(true);
  });
  it('follows the rows and columns where they are, not where the template put them', () => {
    const wb = buildFilledReturn(tpl, { quarter: 2, seed: 1 });
    const s = sheet(wb, '维权服务');
    // move B04 (row 6) to row 30 and swap the 第一季度 / 第二季度 columns
    for (let c = 1; c <= 12; c++) {
      s.set(30, c, s.cell(6, c));
      s.set(6, c, { value: { kind: 'blank' } });
    }
    for (let r = 2; r <= 30; r++) {
      const e = s.cell(r, 5);
      s.set(r, 5, s.cell(r, 6));
      s.set(r, 6, e);
    }
    const p = planFill(wb, tpl, checkReturn(wb, tpl));
    expect(at(p.toolOwned, '维权服务', 'I30')!.formula).toBe('=SUM(E30:F30)');
    const b03 = at(p.toolOwned, '维权服务', 'I5')!;
    expect(b03.formula).toBe('=IF(N(I3)=0,"",I4/I3)');
  });
  it('writes 达标状态 per two-plan row, reading 方向 from the row', () => {
    const { p } = plan(3);
    const k = at(p.toolOwned, '两纲监测', 'K3')!;
    // Columns of the standard 两纲监测: F 方向, H 中期目标, I 终期目标, J 本期值. The rule of spec section 1, as a tree.
    const [F3, H3, I3, J3] = [6, 8, 9, 10].map((c) => cell(3, c)) as [Expr, Expr, Expr, Expr];
    const directionIs = (...signs: string[]): Expr => OR(...signs.map((s) => eq(TRIM(F3), str(s))));
    const higher = directionIs('≥', '>=', '不低于');
    const lower = directionIs('≤', '<=', '不高于');
    const meets = (target: Expr): Expr => OR(AND(higher, ge(J3, target)), AND(lower, le(J3, target)));
    const blank = str('');
    const rule = IF(
      eq(J3, blank),
      str('无数据'),
      IF(
        OR(eq(I3, blank), AND(NOT(higher), NOT(lower))),
        str('无数据'),
        IF(meets(I3), str('已实现终期目标'), IF(AND(ne(H3, blank), meets(H3)), str('达到中期目标'), str('未达标'))),
      ),
    );
    expect(k.formula).toBe(printFormula(rule));
    expect(k.value.kind).toBe('text');
  });
});

describe('planFill: 汇总', () => {
  // A01 and every two-plan row typed by hand, so the cached figures below are worked out by hand too.
  const wb = buildFilledReturn(tpl, { quarter: 3, seed: 1 });
  const jy = sheet(wb, '创业就业');
  for (const [a1, v] of [['D3', 4000], ['E3', 1000], ['F3', 925], ['G3', 1262]] as const) put(jy, a1, num(v));
  setHandTwoPlan(wb);
  const p = planFill(wb, tpl, checkReturn(wb, tpl));
  const cells = p.summary.cells;
  const rowOf = (label: string, col = 1): number => cells.find((c) => c.col === col && c.value.kind === 'text' && c.value.value === label)!.row;
  it('has a title, then the three blocks under their exact header rows, separated by a blank row', () => {
    expect(p.summary.name).toBe('汇总');
    expect(at(cells, '汇总', 'A1')).toMatchObject({ value: text('汇总'), bold: true });
    const headers = (row: number): string[] =>
      cells.filter((c) => c.row === row).sort((a, b) => a.col - b.col).map((c) => (c.value.kind === 'text' ? c.value.value : ''));
    expect(headers(2)).toEqual(tpl.summary.indicatorBlock.headers);
    expect(cells.filter((c) => c.row === 2).every((c) => c.bold)).toBe(true);
    const b2 = 2 + tpl.indicators.length + 2;
    expect(cells.some((c) => c.row === b2 - 1)).toBe(false);
    expect(headers(b2)).toEqual(tpl.summary.sheetBlock.headers);
    const b3 = b2 + tpl.sheets.data.length + 2;
    expect(headers(b3)).toEqual(tpl.summary.twoPlanBlock.headers);
    expect(headers(b3 + 1)[0]).toBe('妇女');
    expect(headers(b3 + 3)[0]).toBe('合计');
    expect(p.summary.columnWidths).toHaveLength(8);
  });
  it('block 1: formulas referring to the data sheets, with cached figures and formats', () => {
    const row = rowOf('A01');
    expect(at(cells, '汇总', `D${row}`)).toMatchObject({ formula: `=IF('创业就业'!D3="","",'创业就业'!D3)` });
    expect(at(cells, '汇总', `D${row}`)!.value).toEqual(num(4000));
    expect(at(cells, '汇总', `E${row}`)).toMatchObject({ formula: `='创业就业'!I3`, value: num(3187) });
    expect(at(cells, '汇总', `F${row}`)!.value).toEqual(num(3187 / 4000));
    expect(at(cells, '汇总', `F${row}`)).toMatchObject({ formula: `=IF(N(D${row})=0,"",N(E${row})/D${row})`, numberFormat: '0.00%' });
    expect(at(cells, '汇总', `G${row}`)).toMatchObject({ formula: '=3/4', numberFormat: '0.00%' });
    const h = at(cells, '汇总', `H${row}`)!;
    expect(h.formula).toBe(`=IF(N(D${row})=0,"无计划",IF(N(F${row})>=1,"超额完成",IF(N(F${row})>=G${row},"达到序时进度","滞后序时进度")))`);
    expect(h.value).toEqual(text('达到序时进度')); // 79.675% ≥ 75%
    const e01 = rowOf('E01');
    expect(at(cells, '汇总', `E${e01}`)!.formula).toBe(`='组织建设'!I3`);
  });
  it('block 2: COUNTA-based counts and 完整率; block 3: COUNTIF/COUNTIFS over 达标状态, 0.0% shares', () => {
    const row = rowOf('家庭建设');
    const filled = at(cells, '汇总', `C${row}`)!;
    // One term per indicator row: all its required cells filled, from 年计划 (D, plan indicators) or Q1 (E) to Q3 (G).
    const allFilled = (row: number, from: number): Expr => group(eq(COUNTA(range({ row, col: from }, { row, col: 7 }, '家庭建设')), fnum(8 - from)));
    expect(filled.formula).toBe(printFormula(sum([allFilled(3, 4), allFilled(4, 4), allFilled(5, 5), allFilled(6, 5), allFilled(7, 5)])));
    expect(filled.value).toEqual(num(5));
    expect(at(cells, '汇总', `B${row}`)!.value).toEqual(num(5));
    expect(at(cells, '汇总', `D${row}`)).toMatchObject({ value: num(1), numberFormat: '0.00%' });
    expect(at(cells, '汇总', `D${row}`)!.formula).toMatch(/^=\(COUNTA\('家庭建设'!D3:G3\)\+.*\)\/17$/);
    const women = rowOf('妇女');
    expect(at(cells, '汇总', `B${women}`)!.formula).toBe(`=COUNTIF('两纲监测'!$B$3:$B$14,"妇女")`);
    expect(at(cells, '汇总', `C${women}`)!.formula).toBe(`=COUNTIFS('两纲监测'!$B$3:$B$14,"妇女",'两纲监测'!$K$3:$K$14,"已实现终期目标")`);
    expect(at(cells, '汇总', `D${women}`)).toMatchObject({ formula: `=IF(N(B${women})=0,"",C${women}/B${women})`, numberFormat: '0.0%' });
    const total = rowOf('合计');
    expect(at(cells, '汇总', `H${total}`)!.formula).toBe(`=COUNTIF('两纲监测'!$K$3:$K$14,"无数据")`);
    expect(at(cells, '汇总', `B${total}`)!.value).toEqual(num(12));
  });
  it('block 3 caches the counts worked out by hand; each row adds up; every 达标状态 cached as the spec says', () => {
    const counts = (label: string): number[] => [2, 3, 5, 7, 8].map((c) => {
      const v = at(cells, '汇总', `${'ABCDEFGH'[c - 1]}${rowOf(label)}`)!.value;
      return v.kind === 'number' ? v.value : NaN;
    });
    for (const label of ['妇女', '儿童', '合计'] as const) {
      const h = HAND_COUNTS[label];
      expect(counts(label)).toEqual([h.total, h.final, h.mid, h.below, h.noData]);
    }
    expect(at(cells, '汇总', `D${rowOf('儿童')}`)!.value).toEqual(num(2 / 8));
    const status = p.toolOwned.filter((c) => c.sheet === '两纲监测').map((c) => [formatA1(c), c.value]);
    expect(status).toEqual(HAND_ROWS.map((h, i) => [`K${3 + i}`, text(h.status)]));
  });
  it('labels are text constants, never formulas; a missing sheet leaves constants, not broken references', () => {
    for (const c of cells) if (c.col === 1 || c.col === 2 || c.col === 3) if (c.value.kind === 'text') expect(c.formula).toBeUndefined();
    const damaged = checkAfter((w) => {
      w.removeSheet('家庭建设');
      w.removeSheet('两纲监测');
      put(sheet(w, '创业就业'), 'B3', text('=HYPERLINK("x")'));
    });
    const p2 = planFill(buildFilledReturn(tpl, { quarter: 3, seed: 1 }), tpl, damaged);
    for (const c of p2.summary.cells) expect(c.formula ?? '').not.toContain('家庭建设');
    for (const c of p2.summary.cells) expect(c.formula ?? '').not.toContain('两纲监测');
    expect(p2.toolOwned.some((c) => c.sheet === '两纲监测')).toBe(false);
  });
});
