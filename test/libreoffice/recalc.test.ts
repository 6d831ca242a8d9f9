/**
 * The tool's formulas, proven in an independent spreadsheet engine: filled Q1, Q2 and Q4 returns (with blanks,
 * zero and tiny plans, a zero denominator, two-plan rows of every status) are filled with planFill + patchXlsx,
 * every cached result deliberately wrong, recalculated headless in LibreOffice Calc, read back, and compared with
 * the engine's own figures from checkReturn.
 */
import { checkReturn, planFill, standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { num, type Cell, type CellValue } from '../../src/engine/cell';
import type { FillPlan } from '../../src/engine/fill-plan';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import type { Quarter, ReturnReport } from '../../src/engine/report';
import type { SheetView, WorkbookView } from '../../src/engine/workbook';
import { patchXlsx, readXlsx, writeNewXlsx } from '../../src/xlsx';
import { a1 } from '../../src/engine/address';
import { cellsByRef, parts } from '../fixtures/compare';
import { buildRichWorkbook } from '../fixtures/rich-workbook';
import { recalcInLibreOffice } from './soffice';
import { wrongCaches } from './spoiled';
import { MESSY } from '../engine/fill-messy.fixture';

jest.setTimeout(240_000);

const template = standardTemplate();

type Edit = [sheetRole: 'data' | 'twoPlan', code: string, role: string, value: CellValue | Cell];

interface Scenario {
  quarter: Quarter;
  /** Written by ExcelJS with a chart, comment, validation … (test/fixtures/rich-workbook) instead of writeNewXlsx. */
  rich?: boolean;
  seed: number;
  extraRows?: number;
  edits: Edit[];
}

const blank: CellValue = { kind: 'blank' };
const SCENARIOS: Record<string, Scenario> = {
  q1: {
    quarter: 1,
    seed: 11,
    edits: [
      ['data', 'A03', 'q1', blank], // a required cell left blank: completeness < 1
      ['data', 'A10', 'q1', blank],
      ['data', 'A09', 'plan', num(0)], // plan 0: 完成年计划 blank
      ['data', 'A01', 'plan', num(1)], // tiny plan: 超额完成
      ['data', 'E01', 'plan', blank], // plan indicator without plan
      ['twoPlan', 'W01', 'value', blank], // 无数据
    ],
  },
  q2: {
    quarter: 2,
    seed: 12,
    edits: [
      ['data', 'B01', 'q1', num(0)], // denominator of B03 is 0 at 累计: the rate is blank, never #DIV/0!
      ['data', 'B01', 'q2', num(0)],
      ['data', 'B02', 'q1', num(0)],
      ['data', 'B02', 'q2', num(0)],
      ['twoPlan', 'K02', 'midTarget', num(7)], // ≤ 5 final, ≤ 7 mid, value 6: 达到中期目标
      ['twoPlan', 'K02', 'value', num(6)],
      ['twoPlan', 'W02', 'midTarget', blank], // ≥ 70, value 50, no mid target: 未达标
      ['twoPlan', 'W02', 'value', num(50)],
      ['twoPlan', 'K06', 'value', num(90)], // exactly on target: 已实现终期目标
    ],
  },
  q4: { quarter: 4, seed: 13, extraRows: 2, edits: [['data', 'C12', 'q4', blank]] },
  q3rich: { quarter: 3, seed: 14, rich: true, edits: [['data', 'D02', 'q3', blank]] },
  // What users really type (1262余, 24000元, ３４２６, 1,226, 约20%, 无, spaces, error values) in quarters, 年计划 and
  // two-plan cells: the guarded formulas must recalculate to the engine's readings (test/engine/fill-messy.fixture).
  q3messy: { quarter: 3, seed: 15, edits: MESSY.map((m): Edit => [m.where, m.code, m.role, m.cell]) },
};

function applyEdits(view: MemoryWorkbook, report: ReturnReport, edits: readonly Edit[]): void {
  for (const [where, code, role, value] of edits) {
    const layout = where === 'twoPlan' ? report.layout.twoPlan! : report.layout.dataSheets.find((l) => l.rows[code] !== undefined)!;
    const row = layout.rows[code];
    const col = (layout.columns as Readonly<Partial<Record<string, number>>>)[role];
    if (row === undefined || col === undefined) throw new Error(`no ${code}/${role} in the sample`);
    view.sheet(layout.sheet)!.set(row, col, 'kind' in value ? { value } : value);
  }
}

const numOf = (c: Cell): number | null => {
  const v = c.value;
  if (v.kind === 'blank' || (v.kind === 'text' && v.value === '')) return null;
  if (v.kind === 'number') return v.value;
  throw new Error(`expected a number, got ${JSON.stringify(c)}`);
};
const textOf = (c: Cell): string | null =>
  c.value.kind === 'text' ? (c.value.value === '' ? null : c.value.value) : c.value.kind === 'blank' ? null : JSON.stringify(c.value);

function close(actual: number | null, expected: number | null, what: string): void {
  if (expected === null || actual === null) {
    expect([what, actual]).toEqual([what, expected]);
    return;
  }
  if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected))) expect([what, actual]).toEqual([what, expected]);
}

/** Rows of a 汇总 block: the rows under the header row whose first cell is `firstHeader`, until a blank first cell. */
function block(s: SheetView, firstHeader: string): number[] {
  let r = 1;
  while (r <= s.rowCount && textOf(s.cell(r, 1)) !== firstHeader) r++;
  if (r > s.rowCount) throw new Error(`汇总 has no block headed ${firstHeader}`);
  const rows: number[] = [];
  for (r++; r <= s.rowCount && textOf(s.cell(r, 1)) !== null; r++) rows.push(r);
  return rows;
}

interface Case {
  report: ReturnReport;
  patched: Uint8Array;
  recalculated: WorkbookView;
  /** The file as LibreOffice saved it. */
  saved: Uint8Array;
  plan: FillPlan;
}
const cases: Record<string, Case> = {};

beforeAll(async () => {
  const built: Record<string, { report: ReturnReport; patched: Uint8Array; plan: FillPlan }> = {};
  for (const [name, sc] of Object.entries(SCENARIOS)) {
    const view = buildFilledReturn(template, { quarter: sc.quarter, seed: sc.seed, extraRows: sc.extraRows });
    applyEdits(view, checkReturn(view, template), sc.edits);
    const bytes = sc.rich ? await buildRichWorkbook(view) : await writeNewXlsx(view);
    const read = (await readXlsx(bytes)).view;
    const report = checkReturn(read, template);
    const plan = planFill(read, template, report);
    built[name] = { report, plan, patched: patchXlsx(bytes, wrongCaches(plan)) };
  }
  const out = recalcInLibreOffice(Object.fromEntries(Object.entries(built).map(([n, b]) => [n, b.patched])));
  for (const [name, b] of Object.entries(built)) cases[name] = { ...b, saved: out[name]!, recalculated: (await readXlsx(out[name]!)).view };
});

describe.each(Object.keys(SCENARIOS))('LibreOffice recalculates the filled %s return to the engine figures', (name) => {
  test('sanity: the file went in with wrong cached values and came out recalculated', async () => {
    const { report, patched, recalculated } = cases[name]!;
    const a01 = report.indicators.find((i) => i.indicator.code === 'A01')!;
    const layout = report.layout.dataSheets.find((l) => l.sheet === a01.indicator.sheet)!;
    const before = (await readXlsx(patched)).view.sheet(layout.sheet)!.cell(a01.row!, layout.columns.cumulative!);
    expect(numOf(before)).toBe(a01.cumulative! + 12345);
    expect(numOf(recalculated.sheet(layout.sheet)!.cell(a01.row!, layout.columns.cumulative!))).toBe(a01.cumulative);
  });

  test('the scenario exercises the branches it means to', () => {
    const { report } = cases[name]!;
    const statuses = new Set(report.indicators.map((i) => i.progressStatus));
    const twoPlan = new Set(report.twoPlan.rows.map((r) => r.status));
    if (name === 'q1') {
      expect([...statuses]).toEqual(expect.arrayContaining([template.progress.statuses.noPlan, template.progress.statuses.exceeded]));
      expect([...twoPlan]).toContain(template.twoPlan.statuses.noData);
      expect(report.completeness.overall).toBeLessThan(1);
    }
    if (name === 'q2') {
      expect([...twoPlan]).toEqual(expect.arrayContaining([template.twoPlan.statuses.mid, template.twoPlan.statuses.below, template.twoPlan.statuses.final]));
      expect(report.indicators.find((i) => i.indicator.code === 'B03')!.cumulative).toBeNull();
    }
    if (name === 'q3messy') {
      const { plan } = cases[name]!;
      const formulas = [...plan.toolOwned, ...plan.summary.cells].map((w) => w.formula ?? '');
      expect(formulas.filter((f) => f.includes('IF(ISNUMBER(')).length).toBeGreaterThan(15);
      expect(formulas.some((f) => f.includes('-ISTEXT('))).toBe(true);
      expect([...twoPlan]).toEqual(expect.arrayContaining([template.twoPlan.statuses.noData, template.twoPlan.statuses.mid, template.twoPlan.statuses.below]));
      const rules = new Set(report.issues.map((i) => i.rule));
      for (const rule of ['approximate-value', 'unit-in-cell', 'full-width-digits', 'not-a-number', 'formula-error']) expect(rules).toContain(rule);
    }
  });

  test('累计, 完成年计划(%) and 序时进度(%) in every data sheet', () => {
    const { report, recalculated, plan } = cases[name]!;
    const written = new Set(plan.toolOwned.map((w) => `${w.sheet}!${w.row},${w.col}`));
    let compared = 0;
    for (const ind of report.indicators) {
      if (ind.row === null) continue;
      const l = report.layout.dataSheets.find((x) => x.sheet === ind.indicator.sheet)!;
      const s = recalculated.sheet(l.sheet)!;
      const code = ind.indicator.code;
      const cells: [string, number, number | null][] = [
        ['累计', l.columns.cumulative!, ind.cumulative],
        ['完成年计划', l.columns.percentOfPlan!, ind.percentOfPlan],
        ['序时进度', l.columns.timeProgress!, ind.timeProgress],
      ];
      for (const [what, col, figure] of cells) {
        if (written.has(`${l.sheet}!${ind.row},${col}`)) {
          close(numOf(s.cell(ind.row, col)), figure, `${code} ${what}`);
          compared++;
        } else {
          // planFill leaves 完成年计划 of rate rows alone (a rate has no plan): the cell stays as the user left it
          expect([code, what, ind.indicator.kind]).toEqual([code, '完成年计划', 'rate']);
          expect(numOf(s.cell(ind.row, col))).toBeNull();
        }
      }
    }
    const rates = template.indicators.filter((i) => i.kind === 'rate').length;
    expect(compared).toBe(template.indicators.length * 3 - rates);
  });

  test('a workbook saved by LibreOffice is patched again touching only the tool-owned cells', async () => {
    const { saved, plan } = cases[name]!;
    const again = patchXlsx(saved, plan);
    const before = parts(saved);
    const after = parts(again);
    const owned = new Map<string, Set<string>>();
    for (const w of plan.toolOwned) owned.set(w.sheet, (owned.get(w.sheet) ?? new Set()).add(a1(w.row, w.col)));
    const names = [...before.text('xl/workbook.xml').matchAll(/<sheet name="([^"]+)"[^>]*r:id="([^"]+)"/g)];
    const rels = before.text('xl/_rels/workbook.xml.rels');
    let checked = 0;
    for (const [, sheet, rid] of names) {
      const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1]!;
      const part = `xl/${target.replace(/^\/?xl\//, '')}`;
      if (sheet === template.summary.sheet) continue;
      const b = cellsByRef(before.text(part));
      const a = cellsByRef(after.text(part));
      for (const [r, xml] of b) {
        if (owned.get(sheet!)?.has(r)) continue;
        expect([sheet, r, a.get(r)]).toEqual([sheet, r, xml]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
    const v = (await readXlsx(again)).view;
    expect(v.sheetNames.filter((n) => n === template.summary.sheet)).toHaveLength(1);
  });

  test('达标状态 of every two-plan row', () => {
    const { report, recalculated } = cases[name]!;
    const l = report.layout.twoPlan!;
    const s = recalculated.sheet(l.sheet)!;
    expect(report.twoPlan.rows.length).toBeGreaterThanOrEqual(12);
    // An empty status (unreadable 本期值 or target) is an empty result, however the file stores it.
    for (const r of report.twoPlan.rows) expect([r.code, textOf(s.cell(r.row, l.columns.status!)) ?? '']).toEqual([r.code, r.status]);
  });

  test('汇总 block 1: per indicator 累计, 完成年计划, 序时进度, 进度状态', () => {
    const { report, recalculated } = cases[name]!;
    const s = recalculated.sheet(template.summary.sheet)!;
    const rows = block(s, template.summary.indicatorBlock.headers[0]!);
    expect(rows.map((r) => textOf(s.cell(r, 1)))).toEqual(report.indicators.map((i) => i.indicator.code));
    rows.forEach((r, i) => {
      const ind = report.indicators[i]!;
      const code = ind.indicator.code;
      close(numOf(s.cell(r, 4)), ind.plan, `${code} 年计划`);
      close(numOf(s.cell(r, 5)), ind.cumulative, `${code} 累计`);
      close(numOf(s.cell(r, 6)), ind.percentOfPlan, `${code} 完成年计划`);
      close(numOf(s.cell(r, 7)), ind.timeProgress, `${code} 序时进度`);
      expect([code, textOf(s.cell(r, 8))]).toEqual([code, ind.progressStatus]);
    });
  });

  test('汇总 block 2: completeness per data sheet', () => {
    const { report, recalculated } = cases[name]!;
    const s = recalculated.sheet(template.summary.sheet)!;
    const rows = block(s, template.summary.sheetBlock.headers[0]!);
    const detail = report.completeness.detail.filter((d) => template.sheets.data.some((x) => x.name === d.sheet));
    expect(rows.map((r) => textOf(s.cell(r, 1)))).toEqual(detail.map((d) => d.sheet));
    rows.forEach((r, i) => {
      const d = detail[i]!;
      close(numOf(s.cell(r, 2)), d.requiredIndicators, `${d.sheet} 应填指标数`);
      close(numOf(s.cell(r, 3)), d.filledIndicators, `${d.sheet} 已填指标数`);
      close(numOf(s.cell(r, 4)), d.fraction, `${d.sheet} 完整率`);
    });
  });

  test('汇总 block 3: two-plan counts and shares for 妇女, 儿童, 合计', () => {
    const { report, recalculated } = cases[name]!;
    const s = recalculated.sheet(template.summary.sheet)!;
    const rows = block(s, template.summary.twoPlanBlock.headers[0]!);
    expect(rows.map((r) => textOf(s.cell(r, 1)))).toEqual(report.twoPlan.counts.map((c) => c.plan));
    rows.forEach((r, i) => {
      const c = report.twoPlan.counts[i]!;
      const share = (k: number): number | null => (c.total ? k / c.total : null);
      close(numOf(s.cell(r, 2)), c.total, `${c.plan} 监测指标数`);
      close(numOf(s.cell(r, 3)), c.final, `${c.plan} 已实现终期目标`);
      close(numOf(s.cell(r, 4)), share(c.final), `${c.plan} 占比`);
      close(numOf(s.cell(r, 5)), c.mid, `${c.plan} 达到中期目标`);
      close(numOf(s.cell(r, 6)), share(c.mid), `${c.plan} 占比`);
      close(numOf(s.cell(r, 7)), c.below, `${c.plan} 未达标`);
      close(numOf(s.cell(r, 8)), c.noData, `${c.plan} 无数据`);
    });
  });
});
