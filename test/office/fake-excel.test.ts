import { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { createFakeOffice, FakeWorkbookModel, type FakeOfficeEnvironment } from '../../src/office-fake';

function env(setup?: (m: FakeWorkbookModel) => void, options = {}): FakeOfficeEnvironment {
  const m = new FakeWorkbookModel();
  m.addSheet('创业就业');
  m.addSheet('My Sheet');
  setup?.(m);
  return createFakeOffice(m, options);
}

const num = (value: number) => ({ value: { kind: 'number' as const, value } });

describe('fake Excel API: loading', () => {
  test('reading a property that was not loaded and synced throws like Office', async () => {
    const { Excel } = env((m) => m.sheet('创业就业')!.setCell(1, 1, num(5)));
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('创业就业').getRange('A1:B2');
      expect(() => r.values).toThrow(/The property 'values' is not available\. Before reading the property's value, call the load method/);
      r.load('values');
      expect(() => r.values).toThrow(/not available/); // loaded but not yet synced
      await context.sync();
      expect(r.values).toEqual([
        [5, ''],
        ['', ''],
      ]);
      expect(() => r.formulas).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  test('load accepts a string, an array, an object and navigation paths', async () => {
    const { Excel, model } = env((m) => m.sheet('创业就业')!.setCell(2, 3, { ...num(1), format: { bold: true, fill: '#FF0000' } }));
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('创业就业').getRange('C2');
      r.load(['address', 'rowCount']);
      r.load({ numberFormat: true, format: { font: { bold: true } } });
      r.load('format/fill/color');
      await context.sync();
      expect(r.address).toBe('创业就业!C2');
      expect(r.rowCount).toBe(1);
      expect(r.numberFormat).toEqual([['General']]);
      expect(r.format.font.bold).toBe(true);
      expect(r.format.fill.color).toBe('#FF0000');
      expect(() => r.format.font.italic).toThrow(/'italic' is not available/);
    });
    expect(model.sheet('创业就业')!.cell(2, 3).format.bold).toBe(true);
  });

  test('addresses quote sheet names that need it; used ranges keep their offset', async () => {
    const { Excel } = env((m) => {
      m.sheet('My Sheet')!.setCell(3, 2, num(1));
      m.sheet('My Sheet')!.setCell(5, 4, { value: { kind: 'blank' }, numberFormat: '0.00', format: {} });
    });
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('My Sheet');
      const all = ws.getUsedRange().load('address');
      const values = ws.getUsedRange(true).load('address');
      await context.sync();
      expect(all.address).toBe("'My Sheet'!B3:D5");
      expect(values.address).toBe("'My Sheet'!B3");
    });
  });

  test('*OrNullObject: isNullObject after one sync, null propagates to the used range (when told to); getItem throws ItemNotFound', async () => {
    const { Excel, stats } = env(undefined, { nullChaining: 'propagate' });
    await Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('关爱救助');
      const empty = context.workbook.worksheets.getItemOrNullObject('创业就业');
      const used = missing.getUsedRangeOrNullObject(true).load('values');
      const usedEmpty = empty.getUsedRangeOrNullObject(true).load('values');
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(empty.isNullObject).toBe(false);
      expect(used.isNullObject).toBe(true);
      expect(usedEmpty.isNullObject).toBe(true);
      expect(() => used.values).toThrow(/not available/);
    });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('关爱救助').getRange('A1').load('values');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(stats.syncCount).toBe(2);
  });

  test('worksheets.items after load; sheet names match case-insensitively', async () => {
    const { Excel } = env((m) => m.addSheet('Data'));
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets;
      ws.load('items/name');
      const d = ws.getItemOrNullObject('DATA');
      await context.sync();
      expect(ws.items.map((s) => s.name)).toEqual(['创业就业', 'My Sheet', 'Data']);
      expect(d.isNullObject).toBe(false);
    });
  });
});

describe('fake Excel API: writing', () => {
  test('values/formulas must match the range size (InvalidArgument at sync); null leaves a cell alone', async () => {
    const { Excel, model } = env((m) => m.sheet('创业就业')!.setCell(1, 2, num(9)));
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('创业就业').getRange('A1:B2').values = [[1, 2]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringMatching(/doesn't match the size/) });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('创业就业').getRange('A1:B1').values = [[1, null]];
      await context.sync();
    });
    expect(model.sheet('创业就业')!.cell(1, 1).value).toEqual({ kind: 'number', value: 1 });
    expect(model.sheet('创业就业')!.cell(1, 2).value).toEqual({ kind: 'number', value: 9 });
  });

  test('typed-in semantics: "=" makes a formula, numeric text a number, "@" format or an apostrophe keeps text', async () => {
    const { Excel, model } = env();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('创业就业');
      ws.getRange('A2').numberFormat = [['@']];
      ws.getRange('A1:E1').values = [['=1+1', '42', "'=not a formula", 'TRUE', '文本']];
      ws.getRange('A2').values = [['=also text']];
      await context.sync();
    });
    const s = model.sheet('创业就业')!;
    expect(s.cell(1, 1)).toMatchObject({ formula: '=1+1', value: { kind: 'number', value: 2 } });
    expect(s.cell(1, 2).value).toEqual({ kind: 'number', value: 42 });
    expect(s.cell(1, 3)).toMatchObject({ value: { kind: 'text', value: '=not a formula' } });
    expect(s.cell(1, 3).formula).toBeUndefined();
    expect(s.cell(1, 4).value).toEqual({ kind: 'boolean', value: true });
    expect(s.cell(1, 5).value).toEqual({ kind: 'text', value: '文本' });
    expect(s.cell(2, 1)).toMatchObject({ value: { kind: 'text', value: '=also text' }, numberFormat: '@' });
    expect(s.cell(2, 1).formula).toBeUndefined();
  });

  test('formulas recalculate after every sync that wrote, across sheets; the model notifies subscribers', async () => {
    const { Excel, model } = env((m) => m.sheet('My Sheet')!.setCell(1, 1, num(4)));
    let notified = 0;
    model.subscribe(() => notified++);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('创业就业').getRange('A1').formulas = [["='My Sheet'!A1*2"]];
      await context.sync();
      context.workbook.worksheets.getItem('My Sheet').getRange('A1').values = [[10]];
      await context.sync();
    });
    expect(model.sheet('创业就业')!.cell(1, 1).value).toEqual({ kind: 'number', value: 20 });
    expect(notified).toBe(2);
  });

  test('a bad formula is refused like Office (InvalidArgument)', async () => {
    const { Excel } = env();
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('创业就业').getRange('A1').formulas = [['=SUM(A1:']];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('worksheets add/delete, clear, bold and column widths', async () => {
    const { Excel, model } = env((m) => m.sheet('My Sheet')!.setCell(1, 1, { ...num(1), numberFormat: '0%', format: { bold: true } }));
    await Excel.run(async (context) => {
      const added = context.workbook.worksheets.add('汇总');
      added.getRange('A1:B1').format.font.bold = true;
      added.getRange('A:B').format.columnWidth = 60;
      context.workbook.worksheets.getItem('My Sheet').getRange().clear('All');
      await context.sync();
    });
    expect(model.sheets.map((s) => s.name)).toEqual(['创业就业', 'My Sheet', '汇总']);
    expect(model.sheet('汇总')!.cell(1, 2).format.bold).toBe(true);
    expect(model.sheet('汇总')!.columnWidth(2)).toBe(60);
    expect(model.sheet('My Sheet')!.cells.size).toBe(0);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add('汇总');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
  });

  test('select on a sheet that is not active is refused; activate first works', async () => {
    const { Excel, model, stats } = env();
    model.activeSheet = '创业就业';
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('My Sheet').getRange('B7').select();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidSelection' });
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('My Sheet');
      ws.activate();
      ws.getRange('B7').select();
      await context.sync();
    });
    expect(model.selection).toEqual({ sheet: 'My Sheet', address: 'B7' });
    expect(stats.actions).toEqual(['activate My Sheet', 'select My Sheet!B7']);
  });
});

describe('fake Excel API: objects are instantiated where they are got, as in Office', () => {
  test('getItem of a missing sheet fails the request even when nothing uses it', async () => {
    const { Excel } = env();
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('汇总');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test('a sheet got before it is added fails; the proxy add returns works', async () => {
    const { Excel, model } = env();
    await expect(
      Excel.run(async (context) => {
        const early = context.workbook.worksheets.getItem('汇总');
        context.workbook.worksheets.add('汇总');
        early.getRange('A1').values = [[1]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    model.removeSheet('汇总');
    await Excel.run(async (context) => {
      const added = context.workbook.worksheets.add('汇总');
      added.getRange('A1').values = [[1]];
      context.workbook.worksheets.getItem('汇总').getRange('A2').values = [[2]];
      await context.sync();
    });
    expect(model.sheet('汇总')!.cell(2, 1).value).toEqual({ kind: 'number', value: 2 });
  });

  test('a proxy stays bound to what it found: a renamed sheet is the same sheet; a null object stays null', async () => {
    const { Excel, model } = env();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('My Sheet');
      const before = context.workbook.worksheets.getItemOrNullObject('新表');
      ws.name = '新表';
      ws.getRange('A1').values = [['x']];
      await context.sync();
      expect(before.isNullObject).toBe(true);
    });
    expect(model.sheet('新表')!.cell(1, 1).value).toEqual({ kind: 'text', value: 'x' });
  });
});

describe('fake Excel API: stricter than the documentation forbids less', () => {
  test('by default a method on a null object fails the request (ItemNotFound)', async () => {
    const { Excel } = env();
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject('没有').getUsedRangeOrNullObject().load('address');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test("Excel's conversions of typed text in a General cell; a Text cell keeps it", async () => {
    const { Excel, model } = env();
    const inputs = ['(5)', '1 1/2', '1月2日', '2024年3月', '5%', '1,226', '妇女'];
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('创业就业');
      ws.getRange('A1:G1').values = [inputs];
      ws.getRange('A2:G2').numberFormat = [inputs.map(() => '@')];
      ws.getRange('A2:G2').values = [inputs];
      await context.sync();
    });
    const s = model.sheet('创业就业')!;
    const year = new Date().getFullYear();
    const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => s.cell(1, c).value)).toEqual([
      { kind: 'number', value: -5 },
      { kind: 'number', value: 1.5 },
      { kind: 'number', value: serial(year, 1, 2) },
      { kind: 'number', value: serial(2024, 3, 1) },
      { kind: 'number', value: 0.05 },
      { kind: 'number', value: 1226 },
      { kind: 'text', value: '妇女' },
    ]);
    expect(s.cell(1, 3).numberFormat).toBe('m"月"d"日"');
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => s.cell(2, c).value)).toEqual(inputs.map((value) => ({ kind: 'text', value })));
  });

  test('conditional-format ids are positions: an add on top renumbers them, a loaded item acts on its position', async () => {
    const { Excel, model } = env();
    const s = model.sheet('创业就业')!;
    const rule = (formula: string) => ({ type: 'Custom' as const, range: { start: { row: 1, col: 1 }, end: { row: 1, col: 1 } }, formula, fill: null, fontColor: null, bold: null });
    s.conditionalFormats.push(rule('=1'), rule('=2'));
    await Excel.run(async (context) => {
      const cfs = context.workbook.worksheets.getItem('创业就业').getRange().conditionalFormats;
      cfs.load('items/id');
      await context.sync();
      expect(cfs.items.map((c) => c.id)).toEqual(['0', '1']);
      cfs.add('Custom').custom.rule.formula = '=3';
      cfs.items[0]!.delete(); // position 0 is now the new rule
      await context.sync();
    });
    expect(s.conditionalFormats.map((c) => c.formula)).toEqual(['=1', '=2']);
  });

  test('protection refuses writes (AccessDenied); focus loss fails select, activate and add (GeneralException); manual calculation waits', async () => {
    const { Excel, model } = env();
    model.sheet('创业就业')!.protected = true;
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('创业就业').getRange('A1').values = [[1]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    model.focusLost = true;
    for (const act of [
      (c: Excel.RequestContext) => c.workbook.worksheets.getItem('My Sheet').activate(),
      (c: Excel.RequestContext) => void c.workbook.worksheets.add('新'),
    ]) {
      await expect(Excel.run(async (context) => { act(context as never); await context.sync(); })).rejects.toMatchObject({ code: 'GeneralException' });
    }
    model.focusLost = false;
    model.calculationMode = 'Manual';
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('My Sheet').getRange('A1:B1');
      r.formulas = [[2, '=A1*3']];
      await context.sync();
      r.load('values');
      await context.sync();
      expect(r.values).toEqual([[2, '']]);
      context.workbook.application.calculate('Full');
      r.load('values');
      await context.sync();
      expect(r.values).toEqual([[2, 6]]);
    });
  });

  test('past 5 M cells, values, formulas and number formats come back null', async () => {
    const { Excel, model } = env();
    model.sheet('My Sheet')!.setCell(1, 1, { value: { kind: 'number', value: 1 } });
    model.sheet('My Sheet')!.setCell(1_048_576, 5, { numberFormat: '0.00' });
    await Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem('My Sheet').getUsedRange();
      used.load('values, formulas, numberFormat, address');
      await context.sync();
      expect([used.values, used.formulas, used.numberFormat]).toEqual([null, null, null]);
      expect(used.address).toBe("'My Sheet'!A1:E1048576");
    });
  });
});

describe('fake Excel API: conditional formats', () => {
  test('add a custom format, read its id, find it by id, delete it; the cell own format is untouched', async () => {
    const { Excel, model } = env((m) => m.sheet('创业就业')!.setCell(2, 2, { ...num(1), format: { fill: '#00FF00' } }));
    let id = '';
    await Excel.run(async (context) => {
      const cf = context.workbook.worksheets.getItem('创业就业').getRange('B2').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=TRUE';
      cf.custom.format.fill.color = '#FFC7CE';
      cf.load('id');
      await context.sync();
      id = cf.id;
    });
    expect(model.effectiveFormat('创业就业', 2, 2).fill).toBe('#FFC7CE');
    expect(model.sheet('创业就业')!.cell(2, 2).format.fill).toBe('#00FF00');
    await Excel.run(async (context) => {
      const coll = context.workbook.worksheets.getItem('创业就业').getRange().conditionalFormats;
      coll.load('items/id, items/type');
      await context.sync();
      expect(coll.items.map((c) => [c.id, c.type])).toEqual([[id, 'Custom']]);
      coll.getItem(id).delete();
      await context.sync();
    });
    expect(model.effectiveFormat('创业就业', 2, 2).fill).toBe('#00FF00');
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('创业就业').getRange().conditionalFormats.getItem(id).delete();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});

describe('fake model: conditional formats as a viewer sees them', () => {
  test("a rule's relative references follow each cell of its range", () => {
    const m = new FakeWorkbookModel();
    const s = m.addSheet('S');
    [1, 5, 3].forEach((v, i) => s.setCell(i + 1, 1, num(v)));
    s.conditionalFormats.push({
      type: 'Custom',
      range: { start: { row: 1, col: 1 }, end: { row: 3, col: 1 } },
      formula: '=A1>2',
      fill: '#FF0000',
      fontColor: null,
      bold: null,
    });
    expect([1, 2, 3].map((r) => m.effectiveFormat('S', r, 1).fill)).toEqual([undefined, '#FF0000', '#FF0000']);
  });
});

describe('fake Excel API: syncs and payloads', () => {
  test('counts syncs, and Excel.run flushes what a batch left queued', async () => {
    const { Excel, stats } = env();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('创业就业').getRange('A1').values = [[1]];
    });
    expect(stats.syncCount).toBe(1);
    await Excel.run(async () => undefined);
    expect(stats.syncCount).toBe(1);
  });

  test('estimates payloads in UTF-8 and refuses a request over the limit', async () => {
    const { Excel, stats, model } = env(undefined, { payloadLimit: 50_000 });
    const rows = Array.from({ length: 2000 }, () => ['妇女技能培训人数妇女技能培训人数']);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('创业就业').getRange('A1:A2000').values = rows;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(stats.payloads[0]).toBeGreaterThan(2000 * 16 * 3);
    expect(model.sheet('创业就业')!.cells.size).toBe(0); // nothing of a refused request is applied
  });

  test('a MemoryWorkbook round-trips through the model (dates as serials with a date format)', () => {
    const wb = new MemoryWorkbook();
    const s = wb.addSheet('封面');
    s.setA1('A1', { kind: 'text', value: '填报日期' });
    s.setA1('B1', { kind: 'date', serial: 46303 });
    s.setA1('B2', { value: { kind: 'number', value: 0.25 }, numberFormat: '0.00%' });
    s.setA1('B3', { value: { kind: 'number', value: 3 }, formula: '=1+2' });
    const m = FakeWorkbookModel.fromMemoryWorkbook(wb);
    expect(m.sheet('封面')!.cell(1, 2)).toMatchObject({ value: { kind: 'number', value: 46303 } });
    const back = m.toWorkbookView().sheet('封面')!;
    expect(back.cell(1, 2).value).toEqual({ kind: 'date', serial: 46303 });
    expect(back.cell(2, 2)).toEqual({ value: { kind: 'number', value: 0.25 }, numberFormat: '0.00%' });
    expect(back.cell(3, 2)).toEqual({ value: { kind: 'number', value: 3 }, formula: '=1+2' });
  });
});

describe('fake Office globals', () => {
  test('Office.onReady, displayLanguage, requirement sets and document settings that survive a reopened pane', async () => {
    const model = new FakeWorkbookModel();
    model.addSheet('Sheet1');
    const first = createFakeOffice(model, { displayLanguage: 'en-US' });
    await expect(first.Office.onReady()).resolves.toEqual({ host: 'Excel', platform: 'OfficeOnline' });
    expect(first.Office.context.displayLanguage).toBe('en-US');
    expect(first.Office.context.requirements.isSetSupported('ExcelApi', '1.6')).toBe(true);
    expect(first.Office.context.requirements.isSetSupported('ExcelApi', '1.7')).toBe(false);
    first.Office.context.document.settings.set('k', [1, 2]);
    expect(createFakeOffice(model).Office.context.document.settings.get('k')).toBeNull(); // not saved yet
    await new Promise<void>((resolve) => first.Office.context.document.settings.saveAsync(() => resolve()));
    expect(createFakeOffice(model).Office.context.document.settings.get('k')).toEqual([1, 2]);
  });
});
