import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { a1 } from '../../src/engine/address';
import { num, text } from '../../src/engine/cell';
import { checkReturn, standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import type { CellWrite, FillPlan } from '../../src/engine/fill-plan';
import { patchXlsx, readXlsx } from '../../src/xlsx';
import { cellsByRef, outsideSheetData, parts, rowTags, sameBytes } from '../fixtures/compare';
import { handPlan } from '../fixtures/hand-plan';
import { buildPackage, worksheetDoc } from '../fixtures/package';
import { buildRichWorkbook, CHART_SHEET, RICH_PARTS } from '../fixtures/rich-workbook';

const template = standardTemplate();
const filled = buildFilledReturn(template, { quarter: 3, seed: 7 });
const report = checkReturn(filled, template);
const plan = handPlan(report);

let original: Uint8Array;
let patched: Uint8Array;
beforeAll(async () => {
  original = await buildRichWorkbook(filled);
  patched = patchXlsx(original, plan);
});

/** Sheet name → part, from the workbook's relationships. */
function sheetParts(p: ReturnType<typeof parts>): Map<string, string> {
  const rels = new Map([...p.text('xl/_rels/workbook.xml.rels').matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const out = new Map<string, string>();
  for (const m of p.text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])![1]!;
    const id = /r:id="([^"]*)"/.exec(m[0])![1]!;
    out.set(name, `xl/${rels.get(id)!.replace(/^\/?xl\//, '')}`);
  }
  return out;
}

describe('patchXlsx on a user-like workbook (validation, conditional format, comment, merge, name, hidden sheet, widths, chart)', () => {
  test('the fixture really holds every feature', () => {
    const o = parts(original);
    const dataSheet = o.text(sheetParts(o).get(CHART_SHEET)!);
    expect(dataSheet).toMatch(/<conditionalFormatting/);
    expect(dataSheet).toMatch(/<mergeCell ref="A1:L1"/);
    expect(dataSheet).toMatch(/<cols>/);
    expect(dataSheet).toMatch(/<drawing r:id=/);
    expect(dataSheet).toMatch(/<legacyDrawing/);
    expect(o.text(sheetParts(o).get('两纲监测')!)).toMatch(/<dataValidation /);
    expect(o.text('xl/workbook.xml')).toMatch(/<definedName name="创业指标代码"/);
    expect(o.text('xl/workbook.xml')).toMatch(/state="hidden"/);
    for (const p of Object.values(RICH_PARTS)) expect(o.parts.has(p)).toBe(true);
    expect([...o.parts.keys()].some((n) => /comments\d*\.xml$/.test(n))).toBe(true);
  });

  test('every part the fill does not need is byte-identical, in the same order', () => {
    const o = parts(original);
    const p = parts(patched);
    const sheetsWithWrites = new Set(plan.toolOwned.map((w) => sheetParts(o).get(w.sheet)!));
    const mayChange = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml', ...sheetsWithWrites]);
    const unchanged = o.names.filter((n) => !mayChange.has(n) && n !== RICH_PARTS.calcChain);
    expect(unchanged.length).toBeGreaterThan(10);
    for (const n of unchanged) expect([n, sameBytes(o.parts.get(n), p.parts.get(n))]).toEqual([n, true]);
    // order: the original parts keep their order; calcChain is gone; the new sheet comes after them
    expect(p.names.slice(0, o.names.length - 1)).toEqual(o.names.filter((n) => n !== RICH_PARTS.calcChain));
    expect(p.parts.has(RICH_PARTS.calcChain)).toBe(false);
  });

  test('in data sheets only the tool-owned cells change; every other <c>, row and the XML around sheetData stay', () => {
    const o = parts(original);
    const p = parts(patched);
    const oParts = sheetParts(o);
    const bySheet = new Map<string, Set<string>>();
    for (const w of plan.toolOwned) bySheet.set(w.sheet, (bySheet.get(w.sheet) ?? new Set()).add(a1(w.row, w.col)));
    expect(bySheet.size).toBe(6);
    for (const [sheet, owned] of bySheet) {
      const before = o.text(oParts.get(sheet)!);
      const after = p.text(oParts.get(sheet)!);
      expect(outsideSheetData(after)).toEqual(outsideSheetData(before));
      expect(rowTags(after)).toEqual(rowTags(before));
      const cb = cellsByRef(before);
      const ca = cellsByRef(after);
      for (const [r, xml] of cb) if (!owned.has(r)) expect([sheet, r, ca.get(r)]).toEqual([sheet, r, xml]);
      for (const r of ca.keys()) if (!cb.has(r)) expect([sheet, r, owned.has(r)]).toEqual([sheet, r, true]);
      for (const r of owned) expect(ca.get(r)).toMatch(/<f>/);
    }
  });

  test('the patched workbook reads back: user cells unchanged, tool-owned formulas and cached results in place', async () => {
    const before = (await readXlsx(original)).view;
    const after = (await readXlsx(patched)).view;
    expect(after.sheetNames).toEqual([...before.sheetNames, '汇总']);
    const owned = new Set(plan.toolOwned.map((w) => `${w.sheet}!${w.row},${w.col}`));
    for (const name of before.sheetNames) {
      const b = before.sheet(name)!;
      const a = after.sheet(name)!;
      for (let r = 1; r <= Math.max(a.rowCount, b.rowCount); r++) {
        for (let c = 1; c <= Math.max(a.colCount, b.colCount); c++) {
          if (!owned.has(`${name}!${r},${c}`)) expect([name, r, c, a.cell(r, c)]).toEqual([name, r, c, b.cell(r, c)]);
        }
      }
      expect(a.merges).toEqual(b.merges);
    }
    const s = after.sheet('创业就业')!;
    expect(s.cell(3, 9).formula).toBe('=SUM(E3:G3)');
    // an empty-text result ("") reads as blank, as the engine treats it
    expect(s.cell(3, 10)).toMatchObject({ value: { kind: 'blank' }, formula: '=IF(N(D3)=0,"",I3/D3)', numberFormat: '0.00%' });
    expect(s.cell(3, 11)).toEqual({ value: { kind: 'number', value: 0.75 }, formula: '=3/4', numberFormat: '0.00%' });
    const sum = after.sheet('汇总')!;
    expect(sum.cell(2, 1)).toEqual({ value: { kind: 'text', value: '=不是公式' } });
    expect(sum.cell(2, 2)).toEqual({ value: { kind: 'text', value: '+1' } });
    expect(sum.cell(3, 3)).toEqual({ value: { kind: 'number', value: 0.5 }, formula: '=COUNTIF(\'两纲监测\'!K:K,"已实现终期目标")/12', numberFormat: '0.0%' });
  });

  test('a tool-owned cell keeps its own style when it asks no format, and gets a clone of it with the format when it does', () => {
    const o = parts(original);
    const p = parts(patched);
    const part = sheetParts(o).get(CHART_SHEET)!;
    const sI3 = /\ss="(\d+)"/.exec(cellsByRef(o.text(part)).get('I3')!)![1];
    expect(cellsByRef(p.text(part)).get('I3')).toContain(` s="${sI3}"`); // I3 asked no format: same style (its border)
    const styles = p.text('xl/styles.xml');
    const xfs = [...styles.slice(styles.indexOf('<cellXfs')).matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    const sJ3 = Number(/\ss="(\d+)"/.exec(cellsByRef(p.text(part)).get('J3')!)![1]);
    expect(xfs[sJ3]).toMatch(/numFmtId="10"/); // 0.00% is built-in 10
    // the original cellXfs are a prefix of the patched ones: nothing renumbered
    const oStyles = o.text('xl/styles.xml');
    const oXfs = [...oStyles.slice(oStyles.indexOf('<cellXfs')).matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    expect(xfs.slice(0, oXfs.length)).toEqual(oXfs);
    expect(styles).toMatch(/<numFmt numFmtId="\d+" formatCode="0\.0%"\/>/);
  });

  test('汇总 is a new worksheet part: sheet, relationship, content type; text never becomes a formula', () => {
    const p = parts(patched);
    const part = sheetParts(p).get('汇总')!;
    expect(p.text('[Content_Types].xml')).toContain(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    const xml = p.text(part);
    const cells = cellsByRef(xml);
    expect(cells.get('A2')).toMatch(/^<c r="A2" s="\d+" t="inlineStr"><is><t>=不是公式<\/t><\/is><\/c>$/);
    expect(cells.get('A2')).not.toMatch(/<f>/);
    expect(cells.get('C2')).toMatch(/t="inlineStr"><is><t>@SUM\(A1\)<\/t>/);
    expect(cells.get('A3')).toBe(`<c r="A3"><f>'创业就业'!I3</f><v>3994</v></c>`);
    expect(xml).toMatch(/<col min="2" max="2" width="30" customWidth="1"\/>/);
  });

  test('workbook.xml: calcChain dropped, full recalculation on load, names and hidden state kept', () => {
    const o = parts(original);
    const p = parts(patched);
    const wb = p.text('xl/workbook.xml');
    expect(wb).toMatch(/<calcPr calcId="171027" fullCalcOnLoad="1"\/>/);
    expect(wb).toContain('<definedName name="创业指标代码">&apos;创业就业&apos;!$A$3:$A$17</definedName>');
    expect(wb).toMatch(/<sheet sheetId="8" name="填表说明" state="hidden" r:id="rId11"\/><sheet name="汇总" sheetId="9" r:id="rId\d+"\/><\/sheets>/);
    expect(p.text('xl/_rels/workbook.xml.rels')).not.toMatch(/calcChain/);
    expect(p.text('[Content_Types].xml')).not.toMatch(/calcChain/);
    // the workbook part differs from the original only by the new sheet and the calcPr attribute
    expect(wb.replace(/<sheet name="汇总"[^>]*\/>/, '').replace(' fullCalcOnLoad="1"', '')).toBe(o.text('xl/workbook.xml'));
  });

  test('patching twice gives the same bytes: 汇总 is replaced in place, styles are reused, nothing piles up', () => {
    const twice = patchXlsx(patched, plan);
    expect(sameBytes(twice, patched)).toBe(true);
  });

  test('ExcelJS still sees the validation, the conditional format and the comment', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(patched as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(CHART_SHEET)!;
    expect(ws.getCell('D3').note).toBe('年计划由县妇联下达');
    expect((ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toHaveLength(1);
    expect(wb.getWorksheet('两纲监测')!.getCell('F5').dataValidation).toMatchObject({ type: 'list' });
    expect(wb.getWorksheet('填表说明')!.state).toBe('hidden');
  });
});

describe('patchXlsx edge cases in the sheet XML', () => {
  const write = (sheet: string, ref: string, w: Partial<CellWrite>): CellWrite => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { sheet, row: Number(m[2]), col, value: num(0), ...w };
  };
  const emptySummary = { name: '汇总', cells: [], columnWidths: [] };

  test('cells are inserted in column order, rows created in row order, self-closing rows opened', () => {
    const bytes = buildPackage({
      sheets: [{ name: 'S', xml: '<row r="2" spans="1:3"><c r="A2"><v>1</v></c><c r="C2"><v>3</v></c></row><row r="4"/><row r="9"><c r="A9"><v>9</v></c></row>' }],
    });
    const plan: FillPlan = {
      toolOwned: [
        write('S', 'B2', { formula: '=A2+1', value: num(2) }),
        write('S', 'E2', { value: text('末') }),
        write('S', 'A4', { value: num(4) }),
        write('S', 'B6', { value: num(6) }),
        write('S', 'A1', { value: num(0.5) }),
        write('S', 'A12', { value: num(12) }),
      ],
      summary: emptySummary,
    };
    const xml = parts(patchXlsx(bytes, plan)).text('xl/worksheets/sheet1.xml');
    const sd = /<sheetData>([\s\S]*)<\/sheetData>/.exec(xml)![1];
    expect(sd).toBe(
      '<row r="1"><c r="A1"><v>0.5</v></c></row>' +
        '<row r="2" spans="1:5"><c r="A2"><v>1</v></c><c r="B2"><f>A2+1</f><v>2</v></c><c r="C2"><v>3</v></c><c r="E2" t="inlineStr"><is><t>末</t></is></c></row>' +
        '<row r="4"><c r="A4"><v>4</v></c></row>' +
        '<row r="6"><c r="B6"><v>6</v></c></row>' +
        '<row r="9"><c r="A9"><v>9</v></c></row>' +
        '<row r="12"><c r="A12"><v>12</v></c></row>',
    );
  });

  test('cached results: text t="str", boolean t="b", error t="e", empty result t="str" with an empty <v>; XML escaped', () => {
    const bytes = buildPackage({ sheets: [{ name: 'S', xml: '' }] });
    const plan: FillPlan = {
      toolOwned: [
        write('S', 'A1', { formula: '=IF(B1<>"","达标&完成","")', value: text('达标&完成') }),
        write('S', 'B1', { formula: '=1>0', value: { kind: 'boolean', value: true } }),
        write('S', 'C1', { formula: '=1/0', value: { kind: 'error', code: '#DIV/0!' } }),
        write('S', 'D1', { formula: '=IF(1,"","")', value: { kind: 'blank' } }),
      ],
      summary: emptySummary,
    };
    const cells = cellsByRef(parts(patchXlsx(bytes, plan)).text('xl/worksheets/sheet1.xml'));
    expect(cells.get('A1')).toBe('<c r="A1" t="str"><f>IF(B1&lt;&gt;"","达标&amp;完成","")</f><v>达标&amp;完成</v></c>');
    expect(cells.get('B1')).toBe('<c r="B1" t="b"><f>1&gt;0</f><v>1</v></c>');
    expect(cells.get('C1')).toBe('<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c>');
    expect(cells.get('D1')).toBe('<c r="D1" t="str"><f>IF(1,"","")</f><v></v></c>');
  });

  test('a replaced shared-formula master hands its formula to the dependents that stay', async () => {
    const bytes = buildPackage({
      sheets: [
        {
          name: 'S',
          xml:
            '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>' +
            '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>' +
            '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c></row>',
        },
      ],
    });
    const out = patchXlsx(bytes, { toolOwned: [write('S', 'B1', { formula: '=A1*3', value: num(3) })], summary: emptySummary });
    const cells = cellsByRef(parts(out).text('xl/worksheets/sheet1.xml'));
    expect(cells.get('B2')).toBe('<c r="B2"><f>A2*2</f><v>4</v></c>');
    expect(cells.get('B3')).toBe('<c r="B3"><f>A3*2</f><v>6</v></c>');
    const s = (await readXlsx(out)).view.sheet('S')!;
    expect([s.cell(1, 2).formula, s.cell(2, 2).formula, s.cell(3, 2).formula]).toEqual(['=A1*3', '=A2*2', '=A3*2']);
  });

  test('a worksheet written with an x: prefix is patched with the same prefix', () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const bytes = buildPackage({ sheets: [{ name: 'S', xml: sheet }] });
    const out = patchXlsx(bytes, { toolOwned: [write('S', 'B1', { formula: '=A1', value: num(1) })], summary: emptySummary });
    expect(parts(out).text('xl/worksheets/sheet1.xml')).toContain('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"><x:f>A1</x:f><x:v>1</x:v></x:c></x:row>');
  });

  test('an existing 汇总 with a drawing is replaced in place; its drawing parts and relationships go', () => {
    const bytes = buildPackage({
      sheets: [
        { name: 'S', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: '汇总', xml: worksheetDoc('<row r="1"><c r="A1"><v>old</v></c></row>', '', '<drawing r:id="rId1"/>') },
      ],
      extraParts: {
        'xl/worksheets/_rels/sheet2.xml.rels':
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>',
        'xl/drawings/drawing1.xml': '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>',
      },
    });
    const out = parts(patchXlsx(bytes, { toolOwned: [], summary: { name: '汇总', cells: [{ sheet: '汇总', row: 1, col: 1, value: text('新') }], columnWidths: [] } }));
    expect(out.parts.has('xl/worksheets/_rels/sheet2.xml.rels')).toBe(false);
    expect(out.parts.has('xl/drawings/drawing1.xml')).toBe(false);
    expect(out.text('xl/worksheets/sheet2.xml')).toContain('<t>新</t>');
    expect(out.text('xl/worksheets/sheet2.xml')).not.toMatch(/drawing/);
    expect(out.text('xl/workbook.xml').match(/<sheet /g)).toHaveLength(2);
    expect(out.names.filter((n) => n.startsWith('xl/worksheets/sheet'))).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
  });

  test('a package without styles.xml gets one when a write needs a format', () => {
    const files = unzipSync(buildPackage({ sheets: [{ name: 'S', xml: '' }] }));
    delete files['xl/styles.xml'];
    files['xl/_rels/workbook.xml.rels'] = strToU8(strFromU8(files['xl/_rels/workbook.xml.rels']!).replace(/<Relationship [^>]*styles"[^>]*\/>/, ''));
    const out = parts(patchXlsx(zipSync(files), { toolOwned: [write('S', 'A1', { value: num(0.5), numberFormat: '0.00%' })], summary: emptySummary }));
    expect(out.text('xl/_rels/workbook.xml.rels')).toMatch(/styles\.xml/);
    expect(out.text('xl/worksheets/sheet1.xml')).toMatch(/<c r="A1" s="\d+"><v>0.5<\/v><\/c>/);
  });

  test('a date written into a 1904-system workbook reads back as the same date', async () => {
    const bytes = buildPackage({ workbookPr: '<workbookPr date1904="1"/>', sheets: [{ name: 'S', xml: '' }] });
    const out = patchXlsx(bytes, {
      toolOwned: [write('S', 'A1', { value: { kind: 'date', serial: 46303 }, numberFormat: 'yyyy-mm-dd' })],
      summary: { name: '汇总', cells: [{ sheet: '汇总', row: 1, col: 1, value: { kind: 'date', serial: 46303 }, numberFormat: 'yyyy-mm-dd' }], columnWidths: [] },
    });
    expect(cellsByRef(parts(out).text('xl/worksheets/sheet1.xml')).get('A1')).toMatch(/<v>44841<\/v>/);
    const { view, date1904 } = await readXlsx(out);
    expect(date1904).toBe(true);
    expect(view.sheet('S')!.cell(1, 1).value).toEqual({ kind: 'date', serial: 46303 });
    expect(view.sheet('汇总')!.cell(1, 1).value).toEqual({ kind: 'date', serial: 46303 });
  });

  test('writing to a sheet the workbook lacks is a programming error, not a silent no-op', () => {
    const bytes = buildPackage({ sheets: [{ name: 'S', xml: '' }] });
    expect(() => patchXlsx(bytes, { toolOwned: [write('无此表', 'A1', {})], summary: emptySummary })).toThrow(/无此表/);
  });
});
