import { buildBlankReturn, checkReturn, standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { num, text } from '../../src/engine/cell';
import type { WorkbookView } from '../../src/engine/workbook';
import { readXlsx, writeNewXlsx } from '../../src/xlsx';
import { cellsByRef, parts } from '../fixtures/compare';

const template = standardTemplate();

function expectSameCells(a: WorkbookView, b: WorkbookView): void {
  expect(b.sheetNames).toEqual(a.sheetNames);
  for (const name of a.sheetNames) {
    const x = a.sheet(name)!;
    const y = b.sheet(name)!;
    expect([name, y.rowCount, y.colCount]).toEqual([name, x.rowCount, x.colCount]);
    for (let r = 1; r <= x.rowCount; r++) {
      for (let c = 1; c <= x.colCount; c++) expect([name, r, c, y.cell(r, c)]).toEqual([name, r, c, x.cell(r, c)]);
    }
    expect(y.merges).toEqual(x.merges);
  }
}

describe('writeNewXlsx', () => {
  test('a blank return round-trips cell for cell (values, formats, merges) and checks the same', async () => {
    const blank = buildBlankReturn(template, { unit: '某县妇联', period: '2026Q3' });
    const back = (await readXlsx(await writeNewXlsx(blank))).view;
    expectSameCells(blank, back);
    expect(checkReturn(back, template).issues).toEqual(checkReturn(blank, template).issues);
  });

  test('a filled return round-trips and still checks clean', async () => {
    const filled = buildFilledReturn(template, { quarter: 2, seed: 3, extraRows: 2 });
    const back = (await readXlsx(await writeNewXlsx(filled))).view;
    expectSameCells(filled, back);
    expect(checkReturn(back, template).counts).toEqual({ error: 0, warning: 0, info: 0 });
  });

  test('typable in Excel: bold title and header rows, column widths that fit the Chinese names, frozen header', async () => {
    const blank = buildBlankReturn(template, { unit: '某县妇联', period: '2026Q3' });
    const p = parts(await writeNewXlsx(blank));
    const sheet2 = p.text('xl/worksheets/sheet2.xml'); // 创业就业
    const styles = p.text('xl/styles.xml');
    const xfs = [...styles.slice(styles.indexOf('<cellXfs')).matchAll(/<xf\b[^>]*\/>/g)].map((m) => m[0]);
    const fonts = [...styles.matchAll(/<font>[\s\S]*?<\/font>/g)].map((m) => m[0]);
    const isBold = (cell: string | undefined): boolean => {
      const s = /\ss="(\d+)"/.exec(cell ?? '');
      if (!s) return false;
      const fontId = Number(/fontId="(\d+)"/.exec(xfs[Number(s[1])]!)![1]);
      return fonts[fontId]!.includes('<b/>');
    };
    const cells = cellsByRef(sheet2);
    expect(isBold(cells.get('A1'))).toBe(true);
    expect(['A2', 'B2', 'I2', 'L2'].every((r) => isBold(cells.get(r)))).toBe(true);
    expect(isBold(cells.get('A3'))).toBe(false);
    // 指标名称 (column B) is as wide as its longest name: 小额担保贷款财政贴息金额 is 12 CJK = 24 units
    const colB = /<col min="2" max="2" width="([\d.]+)"/.exec(sheet2);
    expect(Number(colB![1])).toBeGreaterThanOrEqual(24);
    expect(sheet2).toMatch(/<pane ySplit="2" topLeftCell="A3"[^>]*state="frozen"\/>/);
  });

  test('sheetOrder puts the named sheets first, the rest follow in view order', async () => {
    const wb = new MemoryWorkbook();
    for (const n of ['甲', '乙', '丙']) wb.addSheet(n).setA1('A1', text(n));
    const back = (await readXlsx(await writeNewXlsx(wb, { sheetOrder: ['丙', '无'] }))).view;
    expect(back.sheetNames).toEqual(['丙', '甲', '乙']);
  });

  test('text that looks like a formula is stored as text; formulas as formulas', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S').setA1('A1', text('=1+1')).setA1('B1', { value: num(2), formula: '=1+1' });
    const p = parts(await writeNewXlsx(wb));
    const cells = cellsByRef(p.text('xl/worksheets/sheet1.xml'));
    expect(cells.get('A1')).toMatch(/t="inlineStr"><is><t>=1\+1<\/t>/);
    expect(cells.get('B1')).toMatch(/<f>1\+1<\/f><v>2<\/v>/);
  });
});
