import { buildPackage, worksheetDoc } from '../fixtures/package';
import { readXlsx } from '../../src/xlsx';

const STYLES_WITH_FORMATS =
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>';

describe('readXlsx reads each kind of cell the way the engine expects', () => {
  test('rich text (shared and inline) reads as its plain text', async () => {
    const bytes = buildPackage({
      sharedStrings: ['<r><t>妇女</t></r><r><rPr><b/></rPr><t>技能培训</t></r>', '普通'],
      sheets: [
        {
          name: '创业就业',
          xml:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>' +
            '<c r="C1" t="inlineStr"><is><r><t>内联</t></r><r><t>富文本</t></r></is></c></row>',
        },
      ],
    });
    const { view } = await readXlsx(bytes);
    const s = view.sheet('创业就业')!;
    expect(s.cell(1, 1).value).toEqual({ kind: 'text', value: '妇女技能培训' });
    expect(s.cell(1, 2).value).toEqual({ kind: 'text', value: '普通' });
    expect(s.cell(1, 3).value).toEqual({ kind: 'text', value: '内联富文本' });
  });

  test('a hyperlink reads as its text', async () => {
    const bytes = buildPackage({
      sharedStrings: ['全国妇联官网'],
      sheets: [
        {
          name: 'S',
          xml: worksheetDoc(
            '<row r="2"><c r="A2" t="s"><v>0</v></c></row>',
            '',
            '<hyperlinks><hyperlink ref="A2" r:id="rId1"/></hyperlinks>',
          ),
        },
      ],
      extraParts: {
        'xl/worksheets/_rels/sheet1.xml.rels':
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.women.org.cn/" TargetMode="External"/></Relationships>',
      },
    });
    const { view } = await readXlsx(bytes);
    expect(view.sheet('S')!.cell(2, 1)).toEqual({ value: { kind: 'text', value: '全国妇联官网' } });
  });

  test('a shared formula gives every cell its own formula and keeps the cached results', async () => {
    const bytes = buildPackage({
      sheets: [
        {
          name: 'S',
          xml:
            '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="C2"><f t="shared" ref="C2:C4" si="0">A2+B2</f><v>3</v></c></row>' +
            '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><v>4</v></c><c r="C3"><f t="shared" si="0"/><v>7</v></c></row>' +
            '<row r="4"><c r="A4"><v>5</v></c><c r="B4"><v>6</v></c><c r="C4"><f t="shared" si="0"/><v>11</v></c></row>',
        },
      ],
    });
    const s = (await readXlsx(bytes)).view.sheet('S')!;
    expect(s.cell(2, 3)).toEqual({ value: { kind: 'number', value: 3 }, formula: '=A2+B2' });
    expect(s.cell(3, 3)).toEqual({ value: { kind: 'number', value: 7 }, formula: '=A3+B3' });
    expect(s.cell(4, 3)).toEqual({ value: { kind: 'number', value: 11 }, formula: '=A4+B4' });
  });

  test('formula results: number, text, boolean, error, and a missing result reads blank', async () => {
    const bytes = buildPackage({
      sheets: [
        {
          name: 'S',
          xml:
            '<row r="1"><c r="A1"><f>SUM(1,2)</f><v>3</v></c><c r="B1" t="str"><f>IF(1,"达标","")</f><v>达标</v></c>' +
            '<c r="C1" t="b"><f>1&gt;0</f><v>1</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E1"><f>A1*2</f></c></row>',
        },
      ],
    });
    const s = (await readXlsx(bytes)).view.sheet('S')!;
    expect(s.cell(1, 1)).toEqual({ value: { kind: 'number', value: 3 }, formula: '=SUM(1,2)' });
    expect(s.cell(1, 2)).toEqual({ value: { kind: 'text', value: '达标' }, formula: '=IF(1,"达标","")' });
    expect(s.cell(1, 3)).toEqual({ value: { kind: 'boolean', value: true }, formula: '=1>0' });
    expect(s.cell(1, 4)).toEqual({ value: { kind: 'error', code: '#DIV/0!' }, formula: '=1/0' });
    expect(s.cell(1, 5)).toEqual({ value: { kind: 'blank' }, formula: '=A1*2', uncached: true });
  });

  test('cached results 0 and FALSE survive (ExcelJS drops falsy results from cell.value)', async () => {
    const bytes = buildPackage({
      sheets: [{ name: 'S', xml: '<row r="1"><c r="A1"><f>SUM(B1:B1)</f><v>0</v></c><c r="C1" t="b"><f>1&gt;2</f><v>0</v></c></row>' }],
    });
    const s = (await readXlsx(bytes)).view.sheet('S')!;
    expect(s.cell(1, 1)).toEqual({ value: { kind: 'number', value: 0 }, formula: '=SUM(B1:B1)' });
    expect(s.cell(1, 3)).toEqual({ value: { kind: 'boolean', value: false }, formula: '=1>2' });
  });

  test('error values typed or pasted into cells are error values, not text', async () => {
    const bytes = buildPackage({
      sheets: [{ name: 'S', xml: '<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><v>#REF!</v></c></row>' }],
    });
    const s = (await readXlsx(bytes)).view.sheet('S')!;
    expect(s.cell(1, 1).value).toEqual({ kind: 'error', code: '#N/A' });
    expect(s.cell(1, 2).value).toEqual({ kind: 'error', code: '#REF!' });
  });

  test('dates come out as 1900-system serials, also from a 1904-system workbook', async () => {
    const rows = '<row r="1"><c r="A1" s="3"><v>0</v></c><c r="B1" s="3"><v>44000</v></c><c r="C1"><v>44000</v></c></row>';
    const b1904 = buildPackage({ styles: STYLES_WITH_FORMATS, workbookPr: '<workbookPr date1904="1"/>', sheets: [{ name: 'S', xml: rows }] });
    const r1904 = await readXlsx(b1904);
    expect(r1904.date1904).toBe(true);
    const s = r1904.view.sheet('S')!;
    expect(s.cell(1, 1).value).toEqual({ kind: 'date', serial: 1462 }); // 1904-01-01
    expect(s.cell(1, 2).value).toEqual({ kind: 'date', serial: 45462 });
    expect(s.cell(1, 1).numberFormat).toBe('mm-dd-yy');
    expect(s.cell(1, 3).value).toEqual({ kind: 'number', value: 44000 }); // not a date format: a number

    // "true" is a legal spelling of the flag too
    const bTrue = buildPackage({ styles: STYLES_WITH_FORMATS, workbookPr: '<workbookPr date1904="true"/>', sheets: [{ name: 'S', xml: rows }] });
    expect((await readXlsx(bTrue)).view.sheet('S')!.cell(1, 2).value).toEqual({ kind: 'date', serial: 45462 });

    const b1900 = buildPackage({ styles: STYLES_WITH_FORMATS, sheets: [{ name: 'S', xml: rows }] });
    const r1900 = await readXlsx(b1900);
    expect(r1900.date1904).toBe(false);
    expect(r1900.view.sheet('S')!.cell(1, 2).value).toEqual({ kind: 'date', serial: 44000 });
  });

  test('number formats are kept on every cell (built-in and custom percent)', async () => {
    const bytes = buildPackage({
      styles: STYLES_WITH_FORMATS,
      sheets: [{ name: 'S', xml: '<row r="1"><c r="A1" s="1"><v>0.2061</v></c><c r="B1" s="2"><v>0.5</v></c><c r="C1"><v>20.61</v></c></row>' }],
    });
    const s = (await readXlsx(bytes)).view.sheet('S')!;
    expect(s.cell(1, 1)).toEqual({ value: { kind: 'number', value: 0.2061 }, numberFormat: '0.00%' });
    expect(s.cell(1, 2)).toEqual({ value: { kind: 'number', value: 0.5 }, numberFormat: '0.0%' });
    expect(s.cell(1, 3)).toEqual({ value: { kind: 'number', value: 20.61 } });
  });

  test('a merged range: the master holds the value, the others read blank, the range is listed', async () => {
    const bytes = buildPackage({
      sharedStrings: ['妇联工作季度统计报表', '残留'],
      sheets: [
        {
          name: '封面',
          xml: worksheetDoc(
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"/></row><row r="2"><c r="A2"><v>5</v></c></row>',
            '',
            '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>',
          ),
        },
      ],
    });
    const s = (await readXlsx(bytes)).view.sheet('封面')!;
    expect(s.cell(1, 1).value).toEqual({ kind: 'text', value: '妇联工作季度统计报表' });
    expect(s.cell(1, 2).value).toEqual({ kind: 'blank' });
    expect(s.cell(1, 3).value).toEqual({ kind: 'blank' });
    expect(s.merges).toEqual([{ start: { row: 1, col: 1 }, end: { row: 1, col: 3 } }]);
    expect(s.rowCount).toBe(2);
  });

  test('sheets come in workbook order, hidden ones included; the used range is what holds something', async () => {
    const bytes = buildPackage({
      sheets: [
        { name: '封面', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: '隐藏', xml: '<row r="3"><c r="D3"><v>1</v></c></row>', state: 'hidden' },
        { name: '空表', xml: '' },
      ],
    });
    const { view } = await readXlsx(bytes);
    expect(view.sheetNames).toEqual(['封面', '隐藏', '空表']);
    expect([view.sheet('隐藏')!.rowCount, view.sheet('隐藏')!.colCount]).toEqual([3, 4]);
    expect([view.sheet('空表')!.rowCount, view.sheet('空表')!.colCount]).toEqual([0, 0]);
    expect(view.sheet('无此表')).toBeUndefined();
  });
});

describe('readXlsx reads what other writers write', () => {
  test('a shared string with phonetic runs reads as its base text only', async () => {
    const bytes = buildPackage({
      sharedStrings: ['<r><t>妇女</t></r><r><t>之家</t></r><rPh sb="0" eb="2"><t>fù nǚ</t></rPh><phoneticPr fontId="0" type="noConversion"/>'],
      sheets: [{ name: 'S', xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>' }],
    });
    const s = (await readXlsx(bytes)).view.sheet('S')!;
    expect(s.cell(1, 1).value).toEqual({ kind: 'text', value: '妇女之家' });
    expect(s.cell(2, 1).value).toEqual({ kind: 'number', value: 3 }); // the rows after it are all there
  });

  test('rows and cells without r take the next position; a cell with r sets where the next one goes', async () => {
    const bytes = buildPackage({ sheets: [{ name: 'S', xml: '<row><c><v>1</v></c><c/><c><v>3</v></c></row><row/><row><c r="D3"><v>4</v></c><c><v>5</v></c></row>' }] });
    const s = (await readXlsx(bytes)).view.sheet('S')!;
    expect([s.cell(1, 1).value, s.cell(1, 3).value, s.cell(3, 4).value, s.cell(3, 5).value]).toEqual([
      { kind: 'number', value: 1 },
      { kind: 'number', value: 3 },
      { kind: 'number', value: 4 },
      { kind: 'number', value: 5 },
    ]);
    expect([s.rowCount, s.colCount]).toEqual([3, 5]);
  });

  test('any prefix for SpreadsheetML, and elements of other namespaces (x14, xm:f) are not cells or formulas', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<s:worksheet xmlns:s="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:o="urn:other">' +
      '<s:sheetData><s:row r="1"><s:c r="A1"><s:f>1+1</s:f><s:v>2</s:v></s:c><o:c r="B1"><o:v>9</o:v></o:c></s:row></s:sheetData>' +
      '<s:extLst><s:ext uri="{x}"><x14:dataValidations xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
      '<x14:dataValidation><x14:formula1><xm:f>封面!$A$1</xm:f></x14:formula1><xm:sqref>A1</xm:sqref></x14:dataValidation></x14:dataValidations></s:ext></s:extLst></s:worksheet>';
    const s = (await readXlsx(buildPackage({ sheets: [{ name: 'S', xml }] }))).view.sheet('S')!;
    expect(s.cell(1, 1)).toEqual({ value: { kind: 'number', value: 2 }, formula: '=1+1' });
    expect(s.cell(1, 2).value).toEqual({ kind: 'blank' });
  });

  test('t="d" ISO dates read as 1900-system serials', async () => {
    const bytes = buildPackage({ sheets: [{ name: 'S', xml: '<row r="1"><c r="A1" t="d"><v>2026-10-08T00:00:00</v></c><c r="B1" t="d"><v>2026-10-08</v></c></row>' }] });
    const s = (await readXlsx(bytes)).view.sheet('S')!;
    expect(s.cell(1, 1).value).toEqual({ kind: 'date', serial: 46303 });
    expect(s.cell(1, 2).value).toEqual({ kind: 'date', serial: 46303 });
  });
});
