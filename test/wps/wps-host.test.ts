/*
 * The WPS host (src/wps/host.ts) over the fake WPS API (src/wps-fake): the same findings as the CLI, the cell selected
 * after its sheet is activated, marks that leave every cell's own format alone, and a bounded number of calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { EMBEDDED_TEMPLATE_SHEET, embedTemplate, templateFromSheet } from '../../src/engine/template/embed';
import { FakeWorkbookModel } from '../../src/office-fake';
import { MARK_FILLS, MARK_FORMULA } from '../../src/taskpane/excel-marks';
import { DIAGNOSTIC_STEPS } from '../../src/taskpane/host';
import { createWpsHost } from '../../src/wps/host';
import { bgrOf, cellValueOf, gridOf, hexOfBgr } from '../../src/wps/values';
import { createFakeWps, FakeRange, WpsFakeError, type WpsFakeOptions } from '../../src/wps-fake';
import { readXlsx } from '../../src/xlsx';
import { runCli } from '../cli/helpers';

const template = standardTemplate();
const SAMPLE = join(__dirname, '..', '..', 'assets', 'sample-return.xlsx');

async function sampleModel(): Promise<FakeWorkbookModel> {
  return FakeWorkbookModel.fromWorkbookView((await readXlsx(new Uint8Array(readFileSync(SAMPLE)))).view);
}

function open(model: FakeWorkbookModel, options: WpsFakeOptions = {}) {
  const env = createFakeWps(model, options);
  return { env, host: createWpsHost({ application: env.Application }) };
}

/** Every cell's own content and format, and every conditional format, of every sheet. */
function snapshot(model: FakeWorkbookModel): unknown {
  return model.sheets.map((s) => ({
    name: s.name,
    cells: [...s.entries()].map(([r, c, cell]) => [r, c, cell]),
    cfs: s.conditionalFormats.map((cf) => ({ ...cf })),
  }));
}

describe('check', () => {
  let cli: { rule: string; severity: string; sheet: string; cell: string | null; message: string }[];
  beforeAll(async () => {
    const r = await runCli(['check', SAMPLE, '--json']);
    expect(r.stderr).toBe('');
    cli = JSON.parse(r.stdout)[0].findings;
    expect(cli.length).toBeGreaterThan(10);
  });

  test.each<[string, WpsFakeOptions]>([
    ['errors as COM codes, NumberFormat null where cells differ (VBA)', {}],
    ['errors as text, NumberFormat as a grid', { errorValues: 'text', numberFormatGrid: true }],
  ])('the sample return gives the CLI findings (%s)', async (_name, options) => {
    const { host } = open(await sampleModel(), options);
    const out = await host.check(template, 'zh-CN');
    const strip = (f: { rule: string; severity: string; sheet: string; cell: string | null; message: string }) => ({
      rule: f.rule,
      severity: f.severity,
      sheet: f.sheet,
      cell: f.cell,
      message: f.message,
    });
    expect(out.findings.map(strip)).toEqual(cli.map(strip));
  });

  test('calls into WPS for a check are bounded per sheet, and never one per cell', async () => {
    const model = await sampleModel();
    const cells = model.sheets.reduce((n, s) => n + [...s.entries()].length, 0);
    const sheets = model.sheets.length;

    const grid = open(model, { numberFormatGrid: true });
    await grid.host.check(template, 'zh-CN');
    // ActiveWorkbook, Worksheets, Count; Item + Name a sheet; UsedRange, Address, Value2, Formula, NumberFormat a
    // template sheet.
    expect(grid.env.stats.calls).toBeLessThanOrEqual(3 + 7 * sheets);
    expect(grid.env.stats.byName.get('Range.Value2')).toBe(sheets);

    // VBA's null for differing formats costs two calls a uniform part, only where formats change (the sample: 272
    // calls for 510 cells over 7 sheets): bounded by the template's layout, not by the cells.
    const vba = open(model);
    await vba.host.check(template, 'zh-CN');
    expect(vba.env.stats.byName.get('Range.Value2')).toBe(sheets);
    expect(vba.env.stats.byName.get('Range.Formula')).toBe(sheets);
    expect(vba.env.stats.calls).toBeLessThanOrEqual(3 + 45 * sheets);
    expect(vba.env.stats.calls).toBeLessThan(cells);
  });

  test('a workbook without a template sheet: the rest is read and the sheet names say what is there', async () => {
    const wb = buildFilledReturn(template, { quarter: 2, seed: 5 });
    const model = FakeWorkbookModel.fromMemoryWorkbook(wb);
    model.sheet('维权服务')!.name = '维权';
    const { host } = open(model);
    const out = await host.check(template, 'zh-CN');
    expect(out.sheetNames).toContain('维权');
    expect(out.findings.some((f) => f.sheet === '维权服务')).toBe(true);
  });

  test('no open workbook is one clear error, not a crash', async () => {
    const { env, host } = open(await sampleModel());
    env.close();
    await expect(host.check(template, 'zh-CN')).rejects.toThrow(/没有打开的工作簿/);
  });
});

describe('select', () => {
  test('activates the sheet first, then selects the cell (the fake refuses Select on an inactive sheet)', async () => {
    const model = await sampleModel();
    const { env, host } = open(model);
    model.activeSheet = '封面';
    await host.select('创业就业', 'E7');
    expect(model.activeSheet).toBe('创业就业');
    expect(model.selection).toEqual({ sheet: '创业就业', address: 'E7' });
    await host.select('维权服务', null);
    expect(model.selection).toEqual({ sheet: '维权服务', address: 'A1' });
    // The fake is as strict as VBA: selecting on a sheet that is not active throws.
    const ws = env.Application.ActiveWorkbook!.Worksheets.Item('封面');
    expect(() => ws.Range('A1').Select()).toThrow(WpsFakeError);
  });

  test('a missing sheet is an error naming it', async () => {
    const { host } = open(await sampleModel());
    await expect(host.select('不存在', 'A1')).rejects.toThrow(/不存在/);
  });
});

describe('marks', () => {
  test('mark then clear leaves every cell as it was and removes only the add-in rules', async () => {
    const model = await sampleModel();
    const sheet = model.sheet('创业就业')!;
    // A user's own formats and own conditional format, which must survive.
    sheet.setCell(7, 5, { format: { fill: '#00FF00', bold: true } });
    sheet.conditionalFormats.push({ type: 'Custom', range: { start: { row: 3, col: 3 }, end: { row: 40, col: 8 } }, formula: '=C3>100', fill: '#0000FF', fontColor: null, bold: null });
    sheet.conditionalFormats.push({ type: 'DataBar', range: { start: { row: 3, col: 4 }, end: { row: 40, col: 4 } }, formula: '', fill: null, fontColor: null, bold: null });
    const before = snapshot(model);
    const { host } = open(model);
    const out = await host.check(template, 'zh-CN');
    const withCells = out.findings.filter((f) => f.cell);
    expect(withCells.length).toBeGreaterThan(5);

    await host.highlight(template, 'zh-CN');
    const ours = model.sheets.flatMap((s) => s.conditionalFormats.filter((cf) => cf.formula === MARK_FORMULA).map((cf) => ({ s: s.name, cf })));
    expect(ours.length).toBeGreaterThan(0);
    // Every finding's cell is covered by a mark in the colour of its most severe finding.
    for (const f of withCells) {
      const [r, c] = [Number(/\d+/.exec(f.cell!)![0]), f.cell!.charCodeAt(0) - 64];
      const hit = ours.find((o) => o.s === f.sheet && r >= o.cf.range.start.row && r <= o.cf.range.end.row && c >= o.cf.range.start.col && c <= o.cf.range.end.col);
      expect([f.sheet, f.cell, hit ? 'marked' : 'unmarked']).toEqual([f.sheet, f.cell, 'marked']);
      expect(Object.values(MARK_FILLS)).toContain(hit!.cf.fill);
    }
    // Cells themselves are untouched while marked.
    expect(model.sheets.map((s) => [...s.entries()])).toEqual((before as { cells: unknown }[]).map((s) => s.cells));
    // Marking again replaces the marks instead of stacking them.
    await host.highlight(template, 'zh-CN');
    expect(model.sheets.flatMap((s) => s.conditionalFormats.filter((cf) => cf.formula === MARK_FORMULA)).length).toBe(ours.length);

    await host.clearHighlights();
    expect(snapshot(model)).toEqual(before);
  });

  test('a cell WPS refuses another rule for: the others are marked and the error says how many were not', async () => {
    const model = await sampleModel();
    const { host } = open(model, { formatConditionLimit: 3 });
    const out = await host.check(template, 'zh-CN');
    const f = out.findings.find((x) => x.cell && /^[A-Z]\d+$/.test(x.cell))!;
    const at = { row: Number(f.cell!.slice(1)), col: f.cell!.charCodeAt(0) - 64 };
    const sheet = model.sheet(f.sheet)!;
    for (let i = 0; i < 3; i++) {
      sheet.conditionalFormats.push({ type: 'Custom', range: { start: at, end: at }, formula: `=${i}=1`, fill: '#000000', fontColor: null, bold: null });
    }
    await expect(host.highlight(template, 'zh-CN')).rejects.toThrow(/^1 处问题单元格未能标记，WPS 拒绝添加条件格式/);
    expect(model.sheets.flatMap((s) => s.conditionalFormats.filter((cf) => cf.formula === MARK_FORMULA)).length).toBeGreaterThan(3);
    await host.clearHighlights();
    expect(sheet.conditionalFormats.map((cf) => cf.formula)).toEqual(['=0=1', '=1=1', '=2=1']);
  });

  test('a new pane (a new host) clears marks an earlier one made', async () => {
    const model = await sampleModel();
    const before = snapshot(model);
    const a = open(model);
    await a.host.highlight(template, 'zh-CN');
    const b = open(model);
    await b.host.clearHighlights();
    expect(snapshot(model)).toEqual(before);
  });
});

describe('fill', () => {
  test('Formula arrays refused: cell-by-cell writes give the same workbook', async () => {
    const wb = buildFilledReturn(template, { quarter: 3, seed: 9 });
    const a = FakeWorkbookModel.fromMemoryWorkbook(wb);
    const b = FakeWorkbookModel.fromMemoryWorkbook(wb);
    const withArrays = open(a);
    await withArrays.host.fill(template);
    const without = open(b, { formulaArrays: false });
    await without.host.fill(template);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(without.env.stats.calls).toBeGreaterThan(withArrays.env.stats.calls);
    expect(a.sheet('汇总')).toBeDefined();
  });

  test('an existing 汇总 is replaced in its place; the user stays on their sheet', async () => {
    const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter: 2, seed: 4 }));
    const { host } = open(model);
    await host.fill(template);
    const once = model.sheet('汇总')!;
    const cellsOnce = [...once.entries()];
    // Move 汇总 to the second place and leave a stale cell in it; the user is on 两纲监测.
    model.sheets.splice(model.sheets.indexOf(once), 1);
    model.sheets.splice(1, 0, once);
    once.setCell(200, 20, { value: { kind: 'text', value: 'stale' } });
    model.activeSheet = '两纲监测';
    const names = model.sheets.map((s) => s.name);
    await host.fill(template);
    expect(model.sheets.map((s) => s.name)).toEqual(names);
    expect([...model.sheet('汇总')!.entries()]).toEqual(cellsOnce);
    expect(model.activeSheet).toBe('两纲监测');
  });

  test('a write WPS refuses midway leaves the old 汇总 and no temporary sheet', async () => {
    const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter: 2, seed: 4 }));
    const { host } = open(model);
    await host.fill(template);
    const summaryBefore = [...model.sheet('汇总')!.entries()];
    const names = model.sheets.map((s) => s.name);
    const setter = Object.getOwnPropertyDescriptor(FakeRange.prototype, 'Formula')!.set!;
    let n = 0;
    const spy = jest.spyOn(FakeRange.prototype, 'Formula', 'set').mockImplementation(function (this: FakeRange, v) {
      if (++n > 8) throw new WpsFakeError(1004, 'refused');
      setter.call(this, v);
    });
    try {
      await expect(host.fill(template)).rejects.toThrow('refused');
    } finally {
      spy.mockRestore();
    }
    expect(n).toBeGreaterThan(8);
    expect(model.sheets.map((s) => s.name)).toEqual(names);
    expect([...model.sheet('汇总')!.entries()]).toEqual(summaryBefore);
  });

  test('a second fill empties 汇总 first and writes the same', async () => {
    const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter: 2, seed: 4 }));
    const { host } = open(model);
    await host.fill(template);
    const once = snapshot(model);
    model.sheet('汇总')!.setCell(200, 20, { value: { kind: 'text', value: 'stale' } });
    await host.fill(template);
    expect(snapshot(model)).toEqual(once);
  });
});

describe('readSheet', () => {
  test('the template a return carries is read from its very hidden sheet; a missing sheet is null', async () => {
    const wb = buildFilledReturn(template, { quarter: 1, seed: 2 });
    embedTemplate(wb, template);
    const model = FakeWorkbookModel.fromMemoryWorkbook(wb);
    const { env, host } = open(model);
    const sheet = await host.readSheet!(EMBEDDED_TEMPLATE_SHEET);
    expect(sheet).not.toBeNull();
    const carried = templateFromSheet(sheet!);
    expect(carried).not.toBeNull();
    expect(carried).toEqual(templateFromSheet(wb.sheet(EMBEDDED_TEMPLATE_SHEET)!));
    expect(env.stats.byName.get('Range.Value2')).toBe(1);
    expect(await host.readSheet!('没有这张表')).toBeNull();
  });
});

describe('diagnose', () => {
  test('every step runs on a temporary sheet that is gone afterwards; WPS version and its answers reported', async () => {
    const model = await sampleModel();
    model.activeSheet = '维权服务';
    const before = snapshot(model);
    const { host } = open(model, { version: '12.1.0.17147' });
    const d = await host.diagnose();
    expect(d.steps.map((s) => [s.id, s.ok])).toEqual(DIAGNOSTIC_STEPS.map((id) => [id, true]));
    expect(d.host).toBe('WPS 表格');
    expect(d.version).toBe('12.1.0.17147');
    expect(d.apiSupport).toEqual(
      expect.arrayContaining([
        'Value2 of an error cell (=1/0): number -2146826281',
        'NumberFormat of A1:B2 (@ above General): null null',
        'Value2 of one cell: number 3',
      ]),
    );
    expect(snapshot(model)).toEqual(before);
    expect(model.activeSheet).toBe('维权服务');
  });

  test('a refused step is reported with WPS\'s error and the others still run', async () => {
    const model = await sampleModel();
    const before = snapshot(model);
    const { host } = open(model, { formulaArrays: false });
    const d = await host.diagnose();
    const write = d.steps.find((s) => s.id === 'write')!;
    expect(write.ok).toBe(false);
    expect(write.detail).toMatch(/^1004: /);
    expect(d.steps.find((s) => s.id === 'remove-sheet')!.ok).toBe(true);
    expect(snapshot(model)).toEqual(before);
  });
});

describe('values', () => {
  test('Value2 shapes: bare values, grids, COM error codes and error text', () => {
    expect(gridOf(5, 1, 1)).toEqual([[5]]);
    expect(gridOf('0.00%', 2, 2)).toEqual([['0.00%', '0.00%'], ['0.00%', '0.00%']]);
    expect(gridOf([[1, null]], 1, 2)).toEqual([[1, null]]);
    expect(cellValueOf(-2146826281, undefined)).toEqual({ kind: 'error', code: '#DIV/0!' });
    expect(cellValueOf('#N/A', undefined)).toEqual({ kind: 'error', code: '#N/A' });
    expect(cellValueOf(46000, 'yyyy-mm-dd')).toEqual({ kind: 'date', serial: 46000 });
    expect(cellValueOf(undefined, undefined)).toEqual({ kind: 'blank' });
  });

  test('colours as VBA numbers them: RGB(r, g, b) = r + g·256 + b·65536', () => {
    // Hand-computed: 0xFF + 0xC7·256 + 0xCE·65536.
    expect(bgrOf('#FFC7CE')).toBe(255 + 199 * 256 + 206 * 65536);
    expect(hexOfBgr(13551615)).toBe('#FFC7CE');
  });
});
