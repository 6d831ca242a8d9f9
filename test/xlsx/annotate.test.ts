/**
 * annotateXlsx on packages other writers made: openpyxl (a comment as one plain <t>, its own VML, xmlns:r bound per
 * <sheet>) read back by openpyxl, and a Strict package, whose new parts must speak Strict. Every part we write is
 * parsed by saxes with namespaces on: well-formed, every prefix bound.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { annotateXlsx, type AnnotateFinding } from '../../src/xlsx/annotate';
import { PYTHON } from '../fixtures/openpyxl';
import { toStrict } from '../fixtures/strict';
import { tempDir } from '../cli/helpers';

const { dir, cleanup } = tempDir('fulian-annotate-x-');
afterAll(cleanup);

const MAKE = String.raw`
import sys, openpyxl
from openpyxl.comments import Comment
wb = openpyxl.Workbook()
a = wb.active
a.title = '创业就业'
a['B2'] = 5
a['B2'].comment = Comment('李娟：数字已核', '李娟')
a['E9'].comment = Comment('别动这里', '李娟')
b = wb.create_sheet("O'Brien")
b['D4'] = 'x'
wb.save(sys.argv[1])
`;

const READ = String.raw`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"comments": {}, "links": []}
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.comment is not None:
                out["comments"][ws.title + "!" + c.coordinate] = c.comment.text
for row in wb["问题清单"].iter_rows(min_row=2):
    out["links"].append(next((c.hyperlink.location for c in row if c.hyperlink is not None), None))
print(json.dumps(out, ensure_ascii=False))
`;

function wellFormed(name: string, xml: string): void {
  const p = new SaxesParser({ xmlns: true });
  let err: string | null = null;
  p.on('error', (e) => {
    err ??= `${name}: ${e.message}`;
  });
  p.write(xml).close();
  expect(err).toBeNull();
}

function changedParts(before: Uint8Array, after: Uint8Array): string[] {
  const a = unzipSync(before);
  const b = unzipSync(after);
  return Object.keys(b).filter((n) => !a[n] || Buffer.compare(Buffer.from(a[n]!), Buffer.from(b[n]!)) !== 0);
}

const FINDINGS: AnnotateFinding[] = [
  { rule: 'not-a-number', severity: 'error', sheet: '创业就业', cell: 'B2', message: '「无」不是数字' },
  { rule: 'outlier', severity: 'warning', sheet: '创业就业', cell: 'B2', message: '第一季度远高于其他季度' },
  { rule: 'required-missing', severity: 'error', sheet: '创业就业', cell: 'C3', message: '必填单元格为空' },
  { rule: 'negative-value', severity: 'error', sheet: "O'Brien", cell: 'D4', message: '不能为负数' },
  { rule: 'missing-sheet', severity: 'error', sheet: '两纲监测', cell: null, message: '缺少工作表「两纲监测」' },
];

test('openpyxl\'s package: comments merged and added, links to quoted sheet names, every part well-formed', () => {
  const src = join(dir, 'openpyxl.xlsx');
  execFileSync(PYTHON, ['-c', MAKE, src]);
  const before = new Uint8Array(readFileSync(src));
  const copy = annotateXlsx(before, FINDINGS);
  const out = join(dir, 'openpyxl-annotated.xlsx');
  writeFileSync(out, copy);
  const read = JSON.parse(execFileSync(PYTHON, ['-c', READ, out], { encoding: 'utf8' })) as { comments: Record<string, string>; links: (string | null)[] };
  expect(read.comments).toEqual({
    '创业就业!B2': '李娟：数字已核\n错误：「无」不是数字（not-a-number）\n警告：第一季度远高于其他季度（outlier）',
    '创业就业!C3': '错误：必填单元格为空（required-missing）',
    '创业就业!E9': '别动这里',
    "O'Brien!D4": '错误：不能为负数（negative-value）',
  });
  expect(read.links).toEqual(["'创业就业'!B2", "'创业就业'!B2", "'创业就业'!C3", "'O''Brien'!D4", null]);
  const after = unzipSync(copy);
  for (const n of changedParts(before, copy)) if (!n.endsWith('.vml')) wellFormed(n, strFromU8(after[n]!));
  // openpyxl's VML is XML too: ours appended to it stays well-formed with its prefixes bound.
  for (const n of Object.keys(after).filter((x) => x.endsWith('.vml'))) wellFormed(n, strFromU8(after[n]!));
  expect(Buffer.compare(readFileSync(src), Buffer.from(before))).toBe(0);
});

test('a Strict package gets Strict comments, relationships and sheet', () => {
  const src = join(dir, 'openpyxl.xlsx');
  const strict = toStrict(new Uint8Array(readFileSync(src)));
  const copy = annotateXlsx(strict, FINDINGS, { lang: 'en' });
  const after = unzipSync(copy);
  const changed = changedParts(strict, copy);
  for (const n of changed) {
    const xml = strFromU8(after[n]!);
    if (!n.endsWith('.vml')) wellFormed(n, xml);
    expect(xml).not.toContain('schemas.openxmlformats.org/spreadsheetml/2006/main');
    expect(xml).not.toContain('schemas.openxmlformats.org/officeDocument/2006/relationships');
  }
  const issues = Object.keys(after).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && strFromU8(after[n]!).includes('not-a-number'));
  expect(strFromU8(after[issues!]!)).toContain('xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"');
  const comments = Object.keys(after).filter((n) => changed.includes(n) && strFromU8(after[n]!).includes('<comments'));
  expect(comments.length).toBeGreaterThan(0);
  expect(comments.map((n) => strFromU8(after[n]!)).join('')).toContain('error: 「无」不是数字 (not-a-number)');
});

test('a copy annotated again (sent back, corrected, sent in again) carries only the new notes and one 问题清单', () => {
  const src = join(dir, 'openpyxl.xlsx');
  const once = annotateXlsx(new Uint8Array(readFileSync(src)), FINDINGS);
  const twice = annotateXlsx(once, [{ rule: 'not-a-number', severity: 'error', sheet: '创业就业', cell: 'C5', message: '「约」不是数字' }]);
  const out = join(dir, 'twice.xlsx');
  writeFileSync(out, twice);
  const read = JSON.parse(execFileSync(PYTHON, ['-c', READ, out], { encoding: 'utf8' })) as { comments: Record<string, string>; links: (string | null)[] };
  // Our own comments of the first round are gone (C3, D4); the user's stay (B2 with what was appended to it, E9).
  expect(Object.keys(read.comments).sort()).toEqual(['创业就业!B2', '创业就业!C5', '创业就业!E9'].sort());
  expect(read.comments['创业就业!C5']).toBe('错误：「约」不是数字（not-a-number）');
  expect(read.comments['创业就业!E9']).toBe('别动这里');
  expect(read.links).toEqual(["'创业就业'!C5"]);
  const after = unzipSync(twice);
  const vml = Object.keys(after).filter((n) => n.endsWith('.vml')).map((n) => strFromU8(after[n]!));
  // One note shape per remaining comment: B2, C5, E9 on the first sheet, none left on O'Brien.
  expect(vml.map((v) => (v.match(/ObjectType="Note"/g) ?? []).length).sort()).toEqual([0, 3]);
  for (const n of Object.keys(after)) if (/\.(xml|rels|vml)$/.test(n)) wellFormed(n, strFromU8(after[n]!));
  const names = strFromU8(after['xl/workbook.xml']!).match(/name="问题清单"/g);
  expect(names).toHaveLength(1);
});

test('<legacyDrawing/> lands where the schema puts it: after pageMargins, before tableParts and extLst; not inside a comment', () => {
  const ws = (body: string) => `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body}</worksheet>`;
  const pkg = zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(ws('<sheetData/><pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/><tableParts count="0"/>')),
    'xl/worksheets/sheet2.xml': strToU8(ws('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><!-- <tableParts/> --><extLst><ext uri="x"><a/></ext></extLst>')),
  });
  const out = unzipSync(annotateXlsx(pkg, [
    { rule: 'outlier', severity: 'warning', sheet: 'A', cell: 'B2', message: 'm' },
    { rule: 'outlier', severity: 'warning', sheet: 'B', cell: 'A1', message: 'n' },
  ]));
  expect(strFromU8(out['xl/worksheets/sheet1.xml']!)).toMatch(/<pageMargins [^>]*\/><legacyDrawing xmlns:r="[^"]+" r:id="rId2"\/><tableParts count="0"\/><\/worksheet>$/);
  expect(strFromU8(out['xl/worksheets/sheet2.xml']!)).toMatch(/<!-- <tableParts\/> --><legacyDrawing xmlns:r="[^"]+" r:id="rId2"\/><extLst>/);
});
