/*
 * The fill plan's formulas, recalculated by LibreOffice Calc (headless), give exactly the values the engine caches,
 * through every branch of 进度状态 and 达标状态: so Excel/LibreOffice users and viewers that never recalculate see the
 * same numbers. The return goes in with every formula's cached result wrong, so a right value can only come from
 * LibreOffice. Never skipped: a missing LibreOffice fails this suite (the harness says how to install it).
 */
import { checkReturn, formatA1, num, planFill, text } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { patchXlsx, readXlsx, writeNewXlsx } from '../../src/xlsx';
import { clear, numAt, put, sheet, tpl } from '../engine/helpers';
import { sameFigure } from './judges';
import { recalcInLibreOffice } from './soffice';
import { wrongCaches } from './spoiled';

describe('fill formulas under LibreOffice', () => {
  it('every formula evaluates to the cached value, through every status branch', async () => {
    const wb = buildFilledReturn(tpl, { quarter: 3, seed: 2, extraRows: 2 });
    const s = sheet(wb, '创业就业');
    const rowOf = (code: string): number => {
      for (let r = 1; r <= s.rowCount; r++) if (s.cell(r, 1).value.kind === 'text' && (s.cell(r, 1).value as { value: string }).value === code) return r;
      throw new Error(code);
    };
    clear(s, `D${rowOf('A01')}`); // 无计划
    const a03 = rowOf('A03');
    put(s, `D${a03}`, num(numAt(s, `E${a03}`) + numAt(s, `F${a03}`) + numAt(s, `G${a03}`))); // exactly 100% → 超额完成
    put(s, `D${rowOf('A15')}`, num(1e6)); // 滞后序时进度
    for (const code of ['A04', 'A05', 'A06', 'A07']) for (const c of ['E', 'F', 'G']) put(s, `${c}${rowOf(code)}`, num(0));
    for (const c of ['E', 'F', 'G']) clear(s, `${c}${rowOf('A08')}`); // rate over a zero denominator: blank
    put(s, `F${rowOf('A10')}`, text('无'));
    const t = sheet(wb, '两纲监测');
    clear(t, 'J3');
    put(t, 'J4', num(80));
    put(t, 'H5', num(3));
    put(t, 'J5', num(2.5));
    put(t, 'J6', num(10));
    clear(t, 'I7');
    put(t, 'F8', text('高'));
    put(t, 'F9', text(' >= '));
    put(t, 'H10', num(3));
    put(t, 'J10', num(3.1));
    clear(sheet(wb, '组织建设'), 'E4');

    const report = checkReturn(wb, tpl);
    const plan = planFill(wb, tpl, report);
    const statuses = new Set(report.twoPlan.rows.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['未达标', '无数据', '已实现终期目标', '达到中期目标'].sort());
    const progress = new Set(report.indicators.map((f) => f.progressStatus));
    expect([...progress].sort()).toEqual(['无计划', '超额完成', '达到序时进度', '滞后序时进度'].sort());

    const { filled } = recalcInLibreOffice({ filled: patchXlsx(await writeNewXlsx(wb), wrongCaches(plan)) }, 120_000);
    const got = (await readXlsx(filled!)).view;
    const wrong: string[] = [];
    let checked = 0;
    for (const w of [...plan.toolOwned, ...plan.summary.cells]) {
      if (!w.formula) continue;
      checked++;
      const v = got.sheet(w.sheet)?.cell(w.row, w.col).value ?? { kind: 'blank' };
      if (!sameFigure(w.value, v)) wrong.push(`${w.sheet}!${formatA1(w)} ${w.formula} → LibreOffice ${JSON.stringify(v)}, engine ${JSON.stringify(w.value)}`);
    }
    expect(checked).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  }, 180_000);
});
