import { checkReturn, planFill, standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { parseA1 } from '../../src/engine/address';
import type { CellValue } from '../../src/engine/cell';
import type { CellWrite, FillPlan } from '../../src/engine/fill-plan';
import { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsx } from '../../src/xlsx';
import { messyReturn } from '../engine/fill-messy.fixture';
import { FakeWorkbookModel, type FakeOfficeEnvironment } from '../../src/office-fake';
import { useFakeOffice } from './fake-office';
import { createExcelHost } from '../../src/taskpane/excel';
import { MARK_FILLS, MARK_FORMULA, marksFor } from '../../src/taskpane/excel-marks';
import { WorkbookReader } from '../../src/taskpane/excel-read';
import { sheetFromRange } from '../../src/taskpane/excel-values';
import { batchWrites, estimatePayload, planExcelWrites, rectangles } from '../../src/taskpane/excel-writes';

const template = standardTemplate();

const open = useFakeOffice();

function filledModel(quarter: 1 | 2 | 3 | 4 = 3, seed = 7): FakeWorkbookModel {
  return FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter, seed }));
}

/** Everything a user owns in a sheet: cells (value, formula, number format, format) and conditional formats. */
function snapshot(model: FakeWorkbookModel): unknown {
  return model.sheets.map((s) => ({
    name: s.name,
    cells: [...s.entries()].map(([r, c, cell]) => [r, c, cell]),
    cfs: s.conditionalFormats.map((cf) => ({ ...cf })),
  }));
}

const textCell = (value: string) => ({ value: { kind: 'text' as const, value } });

describe('check', () => {
  test('one sync for a complete return; loads only values, formulas, numberFormat and address of used ranges', async () => {
    const fake = open(filledModel());
    const out = await createExcelHost().check(template, 'zh-CN');
    expect(fake.stats.syncCount).toBe(1);
    expect(out.findings).toEqual([]);
    expect(out.report.period).toEqual({ year: expect.any(Number), quarter: 3 });
    const ranges = fake.stats.loads.filter((l) => l.object === 'Range');
    expect(ranges.length).toBe(7);
    for (const l of ranges) expect([...l.properties].sort()).toEqual(['address', 'formulas', 'numberFormat', 'values']);
    // …and, in the same sync, the sheet list with what a write must know (position, protection).
    expect(fake.stats.loads.filter((l) => l.object !== 'Range')).toEqual([
      { object: 'WorksheetCollection', properties: ['items/name', 'items/position', 'items/protection/protected'] },
    ]);
    expect(out.sheetNames).toEqual(['封面', '创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设', '两纲监测']);
  });

  test('reads the same report as the engine does on the workbook itself', async () => {
    const wb = buildFilledReturn(template, { quarter: 2, seed: 3 });
    const s = wb.sheet('创业就业')!;
    s.setA1('E3', { kind: 'text', value: '1262余' });
    s.setA1('F4', { kind: 'text', value: '无' });
    s.setA1('E5', { kind: 'error', code: '#DIV/0!' });
    open(FakeWorkbookModel.fromMemoryWorkbook(wb));
    const out = await createExcelHost().check(template, 'en');
    const direct = checkReturn(wb, template);
    expect(out.report.issues).toEqual(direct.issues);
    expect(out.findings.map((f) => [f.rule, f.cell])).toEqual(
      expect.arrayContaining([
        ['approximate-value', 'E3'],
        ['not-a-number', 'F4'],
        ['formula-error', 'E5'],
      ]),
    );
    expect(out.findings.every((f) => /^[\x20-\x7e]/.test(f.message))).toBe(true); // English on request
  });

  test('a missing template sheet: the read by name is refused, then the sheet list and the sheets present; two syncs from then on', async () => {
    const model = filledModel();
    model.removeSheet('关爱救助');
    model.addSheet('备注');
    const fake = open(model);
    const host = createExcelHost();
    const out = await host.check(template, 'zh-CN');
    expect(fake.stats.syncCount).toBe(3); // the refused read, the list, the sheets present
    expect(out.sheetNames).toEqual(['封面', '创业就业', '维权服务', '家庭建设', '组织建设', '两纲监测', '备注']);
    expect(out.findings).toContainEqual(expect.objectContaining({ rule: 'missing-sheet', sheet: '关爱救助', cell: null }));
    expect(out.findings.filter((f) => f.rule !== 'missing-sheet')).toEqual([]);
    fake.stats.reset();
    await host.check(template, 'zh-CN');
    expect(fake.stats.syncCount).toBe(2);
    // Once the sheet is back, one sync again (after the one that finds it).
    model.addSheet('关爱救助');
    await host.check(template, 'zh-CN');
    fake.stats.reset();
    await host.check(template, 'zh-CN');
    expect(fake.stats.syncCount).toBe(1);
  });

  test('nothing is chained on a possibly-null object: the same check with an Excel that lets null objects propagate', async () => {
    const model = filledModel();
    model.removeSheet('家庭建设');
    const strict = await (open(model), createExcelHost().check(template, 'zh-CN'));
    const lenient = await (open(model, { nullChaining: 'propagate' }), createExcelHost().check(template, 'zh-CN'));
    expect(lenient).toEqual(strict);
  });

  test('a workbook whose read would pass the response limit is read in row bands, with the same result', async () => {
    const wb = buildFilledReturn(template, { quarter: 3, seed: 12 });
    wb.sheet('创业就业')!.setA1('F4', { kind: 'text', value: '近万' });
    const direct = checkReturn(wb, template);
    const fake = open(FakeWorkbookModel.fromMemoryWorkbook(wb), { payloadLimit: 12_000 });
    const out = await createExcelHost({ payloadBudget: 10_000 }).check(template, 'zh-CN');
    expect(out.report.issues).toEqual(direct.issues);
    expect(out.findings.map((f) => f.rule)).toContain('approximate-value');
    expect(fake.stats.syncCount).toBeGreaterThan(3); // the refused read, the addresses, then several bands
    expect(Math.max(...fake.stats.responses)).toBeLessThanOrEqual(12_000);
  });

  test('the reader picks its strategy from the workbook: at once, by names when a sheet is missing, in bands past the limit', async () => {
    const strategy = async (env: FakeOfficeEnvironment, reader: WorkbookReader): Promise<[string, number]> => {
      env.stats.reset();
      const read = await (env.Excel as unknown as typeof Excel).run((context) => reader.read(context, template, { cells: true, marks: true }));
      return [read.strategy, env.stats.syncCount];
    };
    const complete = open(filledModel());
    expect(await strategy(complete, new WorkbookReader(4 << 20))).toEqual(['at-once', 1]);
    const missing = filledModel();
    missing.removeSheet('关爱救助');
    const gaps = new WorkbookReader(4 << 20);
    const env = open(missing);
    expect(await strategy(env, gaps)).toEqual(['by-names', 3]); // the refused read, the list, the sheets and marks
    expect(await strategy(env, gaps)).toEqual(['by-names', 2]); // the hint: the list first from now on
    const big = open(filledModel(), { payloadLimit: 12_000 });
    const [how, syncs] = await strategy(big, new WorkbookReader(10_000));
    expect(how).toBe('in-bands');
    expect(syncs).toBeGreaterThan(3);
  });

  test('a stray cell at XFD1048576 (#13 item 7): only the parts of the used range that hold cells are read, in a few syncs', async () => {
    const wb = buildFilledReturn(template, { quarter: 3, seed: 12 });
    wb.sheet('封面')!.setA1('XFD1048576', { kind: 'text', value: '远处' });
    const direct = checkReturn(wb, template);
    const fake = open(FakeWorkbookModel.fromMemoryWorkbook(wb));
    const out = await createExcelHost().check(template, 'zh-CN');
    expect(out.report.issues).toEqual(direct.issues);
    // The whole read, then one sync per round of quartering (the used range shrinks fourfold each round), then the parts.
    expect(fake.stats.syncCount).toBeLessThanOrEqual(20);
    // No answer ever held the 17 billion addresses: the largest is the cover's real cells.
    expect(Math.max(...fake.stats.responses)).toBeLessThan(100_000);
  });

  test('options.previous reaches the engine (revisions since the previous quarter)', async () => {
    const prev = buildFilledReturn(template, { quarter: 2, seed: 8 });
    const now = buildFilledReturn(template, { quarter: 3, seed: 8 });
    const s = now.sheet('创业就业')!;
    const q1 = s.cell(3, 5).value;
    s.setA1('E3', { kind: 'number', value: (q1.kind === 'number' ? q1.value : 0) + 7 });
    open(FakeWorkbookModel.fromMemoryWorkbook(now));
    const out = await createExcelHost().check(template, 'zh-CN', { previous: prev });
    expect(out.report.issues).toEqual(checkReturn(now, template, { previous: prev }).issues);
    expect(out.findings.map((f) => f.rule)).toContain('revised-earlier-quarter');
  });

  test('used ranges that do not start at A1, dates, percents, errors and formulas become engine cells', () => {
    const wb = new MemoryWorkbook();
    const s = sheetFromRange(
      wb.addSheet('封面'),
      "'封面'!C3:E4",
      [
        [46303, 0.25, '#DIV/0!'],
        ['', 12, '文本'],
      ],
      [
        [46303, 0.25, '=1/0'],
        ['', '=3*4', '文本'],
      ],
      [
        ['yyyy-mm-dd', '0.00%', 'General'],
        ['General', 'General', '@'],
      ],
    );
    expect(s.cell(3, 3)).toEqual({ value: { kind: 'date', serial: 46303 }, numberFormat: 'yyyy-mm-dd' });
    expect(s.cell(3, 4)).toEqual({ value: { kind: 'number', value: 0.25 }, numberFormat: '0.00%' });
    expect(s.cell(3, 5)).toEqual({ value: { kind: 'error', code: '#DIV/0!' }, formula: '=1/0' });
    expect(s.cell(4, 3).value.kind).toBe('blank');
    expect(s.cell(4, 4)).toEqual({ value: { kind: 'number', value: 12 }, formula: '=3*4' });
    expect(s.cell(4, 5)).toEqual({ value: { kind: 'text', value: '文本' }, numberFormat: '@' });
    expect(s.cell(1, 1).value.kind).toBe('blank');
    expect([s.rowCount, s.colCount]).toEqual([4, 5]);
  });
});

/** The cell as the plan means it: a formula, or its constant as Office would hand it back. */
function officeOf(v: CellValue): unknown {
  return v.kind === 'blank' ? '' : v.kind === 'date' ? v.serial : v.kind === 'error' ? v.code : v.value;
}

function expectCellsMatchPlan(model: FakeWorkbookModel, cells: readonly CellWrite[], sheetName?: string): void {
  for (const w of cells) {
    const s = model.sheet(sheetName ?? w.sheet)!;
    const got = s.cell(w.row, w.col);
    const where = `${w.sheet}!R${w.row}C${w.col}`;
    if (w.formula) expect({ where, formula: got.formula }).toEqual({ where, formula: w.formula });
    else expect({ where, value: officeOf(got.value) }).toEqual({ where, value: officeOf(w.value) });
    if (w.numberFormat) expect({ where, fmt: got.numberFormat }).toEqual({ where, fmt: w.numberFormat });
    if (w.bold) expect(got.format.bold).toBe(true);
  }
}

/** The evaluator's value of a formula cell against the engine's cached figure. */
function expectValuesMatchEngine(model: FakeWorkbookModel, cells: readonly CellWrite[], sheetName?: string): number {
  let compared = 0;
  for (const w of cells) {
    if (!w.formula) continue;
    const got = model.sheet(sheetName ?? w.sheet)!.cell(w.row, w.col).value;
    const where = `${w.sheet}!R${w.row}C${w.col} ${w.formula}`;
    const want = w.value;
    if (want.kind === 'number' && got.kind === 'number') {
      expect({ where, v: got.value }).toEqual({ where, v: expect.closeTo(want.value, 9) });
    } else if (want.kind === 'blank') {
      expect({ where, v: got.kind === 'text' ? got.value : got.kind }).toEqual({ where, v: '' });
    } else {
      expect({ where, v: got }).toEqual({ where, v: want });
    }
    compared++;
  }
  return compared;
}

describe('fill', () => {
  test('one more sync writes exactly the plan: tool-owned formulas and the whole 汇总, evaluating to the engine figures', async () => {
    const model = filledModel(3, 11);
    const fake = open(model);
    const host = createExcelHost();
    const out = await host.check(template, 'zh-CN');
    const plan = planFill(model.toWorkbookView(), template, out.report);
    fake.stats.reset();
    await host.fill(template);
    expect(fake.stats.syncCount).toBe(2); // its own read, then the write
    expect(model.sheets.map((s) => s.name).at(-1)).toBe('汇总');
    expectCellsMatchPlan(model, plan.toolOwned);
    expectCellsMatchPlan(model, plan.summary.cells, plan.summary.name);
    const n = expectValuesMatchEngine(model, plan.toolOwned) + expectValuesMatchEngine(model, plan.summary.cells, plan.summary.name);
    expect(n).toBeGreaterThan(200);
    // Nothing else landed in 汇总.
    const planned = new Set(plan.summary.cells.map((c) => `${c.row}:${c.col}`));
    const extra = [...model.sheet('汇总')!.entries()].filter(([r, c, cell]) => !planned.has(`${r}:${c}`) && (cell.value.kind !== 'blank' || cell.formula));
    expect(extra).toEqual([]);
    // Column widths were set.
    expect(model.sheet('汇总')!.columnWidths.size).toBeGreaterThan(0);
  });

  test.each([1, 2, 4] as const)('in Q%i too, every formula the plan writes evaluates to the engine figure', async (quarter) => {
    const model = filledModel(quarter, 40 + quarter);
    open(model);
    const host = createExcelHost();
    const out = await host.check(template, 'zh-CN');
    const plan = planFill(model.toWorkbookView(), template, out.report);
    await host.fill(template);
    const n = expectValuesMatchEngine(model, plan.toolOwned) + expectValuesMatchEngine(model, plan.summary.cells, plan.summary.name);
    expect(n).toBeGreaterThan(200);
  });

  test('a second fill replaces the old 汇总 in its place, in two syncs; user cells keep value and format', async () => {
    const model = filledModel(2, 5);
    const fake = open(model);
    const host = createExcelHost();
    await host.check(template, 'zh-CN');
    await host.fill(template);
    model.sheet('汇总')!.setCell(400, 20, textCell('stale'));
    const moved = model.sheet('汇总')!; // the user moved 汇总 to second place
    model.sheets.splice(model.sheets.indexOf(moved), 1);
    model.sheets.splice(1, 0, moved);
    const userCell = model.sheet('创业就业')!.cell(3, 5);
    await host.check(template, 'zh-CN');
    fake.stats.reset();
    await host.fill(template);
    expect(fake.stats.syncCount).toBe(2);
    expect(model.sheet('汇总')!.cell(400, 20).value.kind).toBe('blank');
    expect(model.sheet('创业就业')!.cell(3, 5)).toEqual(userCell);
    expect(model.sheets.filter((s) => s.name === '汇总')).toHaveLength(1);
    expect(model.sheets[1]!.name).toBe('汇总');
    expect(model.sheets.map((s) => s.name).filter((n) => n.includes('~'))).toEqual([]);
  });

  test('fill without a previous check checks first', async () => {
    const model = filledModel(1, 2);
    const fake = open(model);
    await createExcelHost().fill(template);
    expect(fake.stats.syncCount).toBe(2);
    expect(model.sheet('汇总')).toBeDefined();
  });

  test('a tool-owned cell a user formatted as Text gets General back, so Excel keeps the formula a formula', async () => {
    const model = filledModel(3, 4);
    const s = model.sheet('创业就业')!;
    s.setCell(3, 9, { value: { kind: 'number', value: 1 }, numberFormat: '@' }); // A01 累计
    open(model);
    const host = createExcelHost();
    await host.check(template, 'zh-CN');
    await host.fill(template);
    expect(s.cell(3, 9).formula).toMatch(/^=SUM\(/);
    expect(s.cell(3, 9).numberFormat).toBe('General');
    expect(s.cell(3, 9).value.kind).toBe('number');
  });

  test('also when that Text-formatted tool-owned cell is blank (formatted blanks are read too)', async () => {
    const model = filledModel(3, 4);
    const s = model.sheet('创业就业')!;
    const lastRow = s.usedRange(true)!.end.row;
    s.setCell(3, 9, { value: { kind: 'blank' }, formula: undefined, numberFormat: '@' }); // A01 累计, emptied
    s.setCell(lastRow + 5, 12, { value: { kind: 'blank' }, numberFormat: '0.00' }); // a formatted blank below the data
    open(model);
    const host = createExcelHost();
    const out = await host.check(template, 'zh-CN');
    expect(out.findings.filter((f) => f.sheet === '创业就业')).toEqual([]);
    await host.fill(template);
    expect(s.cell(3, 9).formula).toMatch(/^=SUM\(/);
    expect(s.cell(3, 9).numberFormat).toBe('General');
    expect(s.cell(3, 9).value.kind).toBe('number');
  });

  test('over the payload budget the writes split across syncs, each under the limit, with the same result', async () => {
    const small = filledModel(4, 9);
    const big = filledModel(4, 9);
    open(small);
    const a = createExcelHost();
    await a.check(template, 'zh-CN');
    await a.fill(template);

    const fake = open(big, { payloadLimit: 24_000 });
    const b = createExcelHost({ payloadBudget: 20_000 });
    await b.check(template, 'zh-CN');
    fake.stats.reset();
    await b.fill(template);
    expect(fake.stats.syncCount).toBeGreaterThan(1);
    expect(Math.max(...fake.stats.payloads)).toBeLessThanOrEqual(24_000);
    expect(snapshot(big)).toEqual(snapshot(small));
  });

  // Typed text the engine reads as a number (1262余, 685万元, ３４２６, 近万 …), unreadable text (无), spaces and errors:
  // after Excel recalculates, every formula the plan writes shows the engine's figure.
  test.each([
    ['the sample return (assets/sample-return.xlsx)', async (): Promise<FakeWorkbookModel> =>
      FakeWorkbookModel.fromWorkbookView((await readXlsx(new Uint8Array(readFileSync(join(__dirname, '..', '..', 'assets', 'sample-return.xlsx'))))).view)],
    ['a return with every kind of messy value (test/engine/fill-messy.fixture)', async (): Promise<FakeWorkbookModel> =>
      FakeWorkbookModel.fromMemoryWorkbook(messyReturn(template, 3, 31).wb)],
  ])('on %s, every formula evaluates to the engine figure it caches', async (_name, load) => {
    const model = await load();
    open(model);
    const host = createExcelHost();
    const out = await host.check(template, 'zh-CN');
    expect(out.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['approximate-value', 'unit-in-cell', 'full-width-digits', 'not-a-number']));
    const plan = planFill(model.toWorkbookView(), template, out.report);
    await host.fill(template);
    expectCellsMatchPlan(model, plan.toolOwned);
    const formulas = [...plan.toolOwned, ...plan.summary.cells].filter((w) => w.formula);
    expect(formulas.filter((w) => w.formula!.includes('IF(ISNUMBER(')).length).toBeGreaterThanOrEqual(4);
    const n = expectValuesMatchEngine(model, plan.toolOwned) + expectValuesMatchEngine(model, plan.summary.cells, plan.summary.name);
    expect(n).toBe(formulas.length);
    expect(n).toBeGreaterThan(400);
  });
});

describe('writes planning', () => {
  const cw = (row: number, col: number, value: CellValue, extra: Partial<CellWrite> = {}): CellWrite => ({ sheet: '汇总', row, col, value, ...extra });
  const t = (s: string): CellValue => ({ kind: 'text', value: s });

  test('contiguous cells batch into rectangles', () => {
    const cells = [cw(1, 1, t('a')), cw(1, 2, t('b')), cw(2, 1, t('c')), cw(2, 2, t('d')), cw(3, 1, t('e')), cw(5, 4, t('f'))];
    expect(rectangles(cells).map((r) => [r.range.start, r.range.end])).toEqual([
      [{ row: 1, col: 1 }, { row: 2, col: 2 }],
      [{ row: 3, col: 1 }, { row: 3, col: 1 }],
      [{ row: 5, col: 4 }, { row: 5, col: 4 }],
    ]);
  });

  test('every text the plan writes goes into an @-formatted cell first, so Excel keeps it as typed', async () => {
    const plan: FillPlan = {
      toolOwned: [],
      summary: { name: '汇总', columnWidths: [10, 10, 30], cells: [cw(1, 1, t('=W99')), cw(1, 2, t('(5)')), cw(1, 3, t('妇女'), { bold: true }), cw(2, 1, { kind: 'number', value: 3 })] },
    };
    const ops = planExcelWrites(plan, { temp: '汇总~新', replaces: null });
    expect(ops.map((o) => o.kind)).toEqual(['add-sheet', 'number-format', 'number-format', 'formulas', 'formulas', 'bold', 'column-width', 'column-width', 'swap-sheet', 'calculate']);
    const formats = ops.filter((o) => o.kind === 'number-format').flatMap((o) => o.rows.flat());
    expect(formats).toEqual(['@', '@', '@', 'General']);
  });

  test('a huge plan splits into batches under 4 MB; a normal plan is one batch', () => {
    const normal = planFill(
      buildFilledReturn(template, { quarter: 4, seed: 1 }),
      template,
      checkReturn(buildFilledReturn(template, { quarter: 4, seed: 1 }), template),
    );
    expect(batchWrites(planExcelWrites(normal, { temp: 't', replaces: null }))).toHaveLength(1);
    const cells: CellWrite[] = [];
    const label = '妇女儿童工作统计压力测试单元格'.repeat(6);
    for (let r = 1; r <= 6_000; r++) {
      for (let c = 1; c <= 8; c++) cells.push(cw(r, c, t(`${label}${r}-${c}`)));
    }
    const huge: FillPlan = { toolOwned: [], summary: { name: '汇总', columnWidths: [], cells } };
    const ops = planExcelWrites(huge, { temp: '汇总~新', replaces: { position: 7 } });
    const total = ops.reduce((n, o) => n + estimatePayload(o), 0);
    expect(total).toBeGreaterThan(8 * 1024 * 1024);
    const batches = batchWrites(ops);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const b of batches) expect(b.reduce((n, o) => n + estimatePayload(o), 0)).toBeLessThanOrEqual(4 * 1024 * 1024);
    // Every cell is written exactly once, in order.
    const rows = batches.flat().flatMap((o) => (o.kind === 'formulas' ? o.rows : []));
    expect(rows).toHaveLength(6_000);
    expect(batches[0]![0]).toEqual({ kind: 'add-sheet', sheet: '汇总~新' });
    expect(batches.at(-1)!.slice(-2).map((o) => o.kind)).toEqual(['swap-sheet', 'calculate']);
  });
});

describe('highlight and clear', () => {
  /** A Q3 return with faults typed into 创业就业 (not-a-number errors) and the user's own formats and rule. */
  function decorated(faults: number): FakeWorkbookModel {
    const model = filledModel(3, 21);
    const s = model.sheet('创业就业')!;
    for (let i = 0; i < faults; i++) s.setCell(3 + Math.floor(i / 3), 5 + (i % 3), { value: { kind: 'text', value: '无' } });
    s.setCell(3, 4, { ...s.cell(3, 4), numberFormat: '#,##0', format: { fill: '#00B050', bold: true, fontColor: '#1F4E79' } });
    s.setCell(4, 6, { ...s.cell(4, 6), format: { italic: true } });
    s.conditionalFormats.push({ type: 'Custom', range: { start: { row: 3, col: 5 }, end: { row: 10, col: 8 } }, formula: '=E3>100', fill: '#FF0000', fontColor: null, bold: null });
    return model;
  }

  test.each([1, 30])('highlight = read + write, clear = read + write with %i faults; cells and user formats come back exactly', async (count) => {
    const model = decorated(count);
    const fake = open(model);
    const before = snapshot(model);
    const host = createExcelHost();
    const out = await host.highlight(template, 'zh-CN');
    expect(fake.stats.syncCount).toBe(2);
    const faults = out.findings.filter((f) => f.rule === 'not-a-number');
    expect(faults).toHaveLength(count);
    const ours = model.sheet('创业就业')!.conditionalFormats.filter((cf) => cf.formula === MARK_FORMULA);
    for (const f of out.findings.filter((x) => x.cell)) {
      const { row, col } = parseA1(f.cell!);
      const s = model.sheets.find((x) => x.name === f.sheet)!;
      const covering = s.conditionalFormats.filter((cf) => cf.formula === MARK_FORMULA && row >= cf.range.start.row && row <= cf.range.end.row && col >= cf.range.start.col && col <= cf.range.end.col);
      expect(covering).toHaveLength(1);
    }
    expect(ours.length).toBeLessThanOrEqual(Math.min(count, 12));
    expect(model.effectiveFormat('创业就业', 3, 5).fill).toBe(MARK_FILLS.error);
    expect(model.sheet('创业就业')!.cell(3, 4).format.fill).toBe('#00B050');
    fake.stats.reset();
    await host.clearHighlights();
    expect(fake.stats.syncCount).toBe(2);
    expect(snapshot(model)).toEqual(before);
  });

  test('marking again replaces the marks: one mark per cell, in the most severe colour', async () => {
    const model = decorated(2);
    open(model);
    const host = createExcelHost();
    await host.highlight(template, 'zh-CN');
    const first = snapshot(model);
    await host.highlight(template, 'zh-CN');
    expect(snapshot(model)).toEqual(first);
    const base = { rule: 'outlier', sheet: '创业就业', cell: 'G7', indicator: 'A05', message: 'x' } as const;
    expect(marksFor([{ ...base, cell: 'G7', severity: 'error' }, { ...base, cell: 'G8', severity: 'error' }, { ...base, cell: 'H7', severity: 'warning' }, { ...base, cell: 'G7', severity: 'warning' }])).toEqual([
      { sheet: '创业就业', cell: 'G7:G8', severity: 'error' },
      { sheet: '创业就业', cell: 'H7', severity: 'warning' },
    ]);
  });
});

describe('select', () => {
  test('activates the sheet, then selects the cell (A1 for a sheet-level finding), in one sync each', async () => {
    const model = filledModel();
    model.activeSheet = '封面';
    const fake = open(model);
    const host = createExcelHost();
    await host.select('关爱救助', 'E9');
    await host.select('两纲监测', null);
    expect(fake.stats.syncCount).toBe(2);
    expect(fake.stats.actions).toEqual(['activate 关爱救助', 'select 关爱救助!E9', 'activate 两纲监测', 'select 两纲监测!A1']);
    expect(model.selection).toEqual({ sheet: '两纲监测', address: 'A1' });
    expect(model.activeSheet).toBe('两纲监测');
  });
});
