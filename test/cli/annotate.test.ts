/**
 * `check --annotate OUTDIR`: the copy of a return with findings on every sheet, judged by readers we did not write —
 * openpyxl (comments, their texts, the 问题清单 links) and LibreOffice (opens and re-saves it, keeping the notes) — and
 * part by part against the input: every part but the comments, VML, relationships, content types, the workbook's
 * sheet list and the new sheet keeps its bytes; a data sheet changes by one <legacyDrawing/> at most.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { unzipSync, strFromU8 } from 'fflate';
import { BLANK, text } from '../../src/engine/cell';
import type { Finding } from '../../src/engine/findings';
import { standardTemplate } from '../../src/engine/template/load';
import { recalcInLibreOffice } from '../libreoffice/soffice';
import { cleanReturn, colOf, rowOf, runCli, tempDir, viewToXlsx } from './helpers';

const { dir, cleanup } = tempDir('fulian-annotate-');
afterAll(cleanup);
const inDir = join(dir, 'in');
const outDir = join(dir, 'out');
const input = join(inDir, '七里河区.xlsx');
const USER_NOTE = '请核对：此数为妇联系统口径';
const OTHER_NOTE = '王芳：已与统计局核实';

/** A return with one finding on every sheet, and two comments of the user's written by ExcelJS. */
async function messyReturn(): Promise<{ bytes: Uint8Array; noteCell: string; otherCell: string }> {
  const t = standardTemplate();
  const wb = cleanReturn({ seed: 7, unit: '七里河区妇联' });
  wb.sheet('封面')!.set(rowOf(wb, '封面', '联系电话'), 2, { value: text('电话不详') });
  let noteCell = '';
  for (const sheet of t.sheets.data) {
    const ind = t.indicators.find((i) => i.sheet === sheet.name && i.kind !== 'rate')!;
    const row = rowOf(wb, sheet.name, ind.code);
    const col = colOf(wb, sheet.name, '第一季度');
    wb.sheet(sheet.name)!.set(row, col, { value: text('无') });
    if (!noteCell) noteCell = `${String.fromCharCode(64 + col)}${row}`;
  }
  const tp = wb.sheet('两纲监测')!;
  tp.set(rowOf(wb, '两纲监测', 'W01'), colOf(wb, '两纲监测', '终期目标'), { value: BLANK });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await viewToXlsx(wb)).buffer as ArrayBuffer);
  const first = book.getWorksheet(t.sheets.data[0]!.name)!;
  first.getCell(noteCell).note = USER_NOTE;
  first.getCell('B1').note = OTHER_NOTE;
  return { bytes: new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer), noteCell, otherCell: 'B1' };
}

const PY = String.raw`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "comments": {}, "issues": []}
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.comment is not None:
                out["comments"].setdefault(ws.title, {})[c.coordinate] = c.comment.text
if "问题清单" in wb.sheetnames:
    ws = wb["问题清单"]
    for row in ws.iter_rows(min_row=1):
        link = next((c.hyperlink.location for c in row if c.hyperlink is not None), None)
        out["issues"].append({"values": [c.value for c in row[:5]], "link": link})
print(json.dumps(out, ensure_ascii=False))
`;

interface Dump {
  sheets: string[];
  comments: Record<string, Record<string, string>>;
  issues: { values: (string | null)[]; link: string | null }[];
}
const openpyxl = (file: string): Dump => JSON.parse(execFileSync('/usr/bin/python3', ['-c', PY, file], { encoding: 'utf8' })) as Dump;

let fixture: Awaited<ReturnType<typeof messyReturn>>;
let findings: Finding[];
let copy: Uint8Array;

beforeAll(async () => {
  mkdirSync(inDir);
  fixture = await messyReturn();
  writeFileSync(input, fixture.bytes);
  const checked = await runCli(['check', inDir, '--json']);
  findings = (JSON.parse(checked.stdout) as { findings: Finding[] }[])[0]!.findings;
  const r = await runCli(['check', inDir, '--annotate', outDir]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`已写出 1 份批注副本（退回修改用）到 ${outDir}`);
  copy = new Uint8Array(readFileSync(join(outDir, '七里河区.xlsx')));
}, 60_000);

const SEV = { error: '错误', warning: '警告', info: '提示' } as const;
const line = (f: Finding) => `${SEV[f.severity]}：${f.message}（${f.rule}）`;

test('the fixture has findings with cells on every sheet', () => {
  const sheets = new Set(findings.filter((f) => f.cell).map((f) => f.sheet));
  expect([...sheets].sort()).toEqual(['两纲监测', '创业就业', '家庭建设', '封面', '组织建设', '关爱救助', '维权服务'].sort());
});

test('openpyxl finds a comment on exactly the finding cells, with their texts; the user\'s comments kept', () => {
  const dump = openpyxl(join(outDir, '七里河区.xlsx'));
  const expected: Record<string, Record<string, string>> = {};
  for (const f of findings) {
    if (!f.cell) continue;
    const s = (expected[f.sheet] ??= {});
    s[f.cell] = s[f.cell] === undefined ? line(f) : `${s[f.cell]}\n${line(f)}`;
  }
  const first = standardTemplate().sheets.data[0]!.name;
  // The user's comment on a finding cell comes first, ours after it; the one on a clean cell is as it was.
  expected[first]![fixture.noteCell] = `${USER_NOTE}\n${expected[first]![fixture.noteCell]}`;
  expected[first]![fixture.otherCell] = OTHER_NOTE;
  expect(dump.comments).toEqual(expected);
});

test('问题清单: a header and a row per finding, each linking to its cell', () => {
  const dump = openpyxl(join(outDir, '七里河区.xlsx'));
  expect(dump.sheets[dump.sheets.length - 1]).toBe('问题清单');
  expect(dump.issues[0]).toEqual({ values: ['工作表', '单元格', '级别', '问题', '规则'], link: null });
  expect(dump.issues.slice(1)).toEqual(
    findings.map((f) => ({
      values: [f.sheet, f.cell, SEV[f.severity], f.message, f.rule],
      link: `'${f.sheet}'!${f.cell ?? 'A1'}`,
    })),
  );
  // Each link works: its sheet is in the workbook.
  for (const i of dump.issues.slice(1)) expect(dump.sheets).toContain(/^'(.*)'!/.exec(i.link!)![1]!.replace(/''/g, "'"));
});

test('the input is unchanged and every other part keeps its bytes', () => {
  expect(Buffer.compare(readFileSync(input), Buffer.from(fixture.bytes))).toBe(0);
  // Folder entries (ExcelJS writes `_rels/`) are no parts of the package.
  const parts = (b: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(b)).filter(([n]) => !n.endsWith('/')));
  const before = parts(fixture.bytes);
  const after = parts(copy);
  const changed = Object.keys(before).filter((n) => after[n] === undefined || Buffer.compare(Buffer.from(before[n]!), Buffer.from(after[n]!)) !== 0);
  const added = Object.keys(after).filter((n) => before[n] === undefined);
  for (const n of changed) {
    expect(n).toMatch(/^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/comments\d*\.xml|xl\/drawings\/vmlDrawing\d+\.vml|xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?)$/);
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(n)) {
      // A sheet changes by its <legacyDrawing/> alone.
      expect(strFromU8(after[n]!).replace(/<legacyDrawing xmlns:r="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships" r:id="rId\d+"\/>/, '')).toBe(strFromU8(before[n]!));
    }
  }
  expect(added.every((n) => /^(xl\/comments\d+\.xml|xl\/drawings\/vmlDrawing\d+\.vml|xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?)$/.test(n))).toBe(true);
  // The ExcelJS sheet with the user's comments kept its own XML byte for byte (it already had its legacyDrawing).
  // What we wrote is well-formed and namespace-correct XML.
  for (const n of [...changed, ...added]) {
    const parser = new SaxesParser({ xmlns: true });
    let error: string | null = null;
    parser.on('error', (e) => {
      error ??= `${n}: ${e.message}`;
    });
    parser.write(strFromU8(after[n]!)).close();
    expect(error).toBeNull();
  }
  const hadDrawing = Object.keys(before).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && strFromU8(before[n]!).includes('<legacyDrawing'));
  expect(hadDrawing).toHaveLength(1);
  expect(changed).not.toContain(hadDrawing[0]);
});

test('LibreOffice opens the copy without repair and keeps its notes and 问题清单', () => {
  const { annotated } = recalcInLibreOffice({ annotated: copy });
  const saved = join(dir, 'lo.xlsx');
  writeFileSync(saved, annotated!);
  const dump = openpyxl(saved);
  expect(dump.sheets).toContain('问题清单');
  const cells = findings.filter((f) => f.cell).map((f) => `${f.sheet}!${f.cell}`);
  const seen = Object.entries(dump.comments).flatMap(([s, c]) => Object.keys(c).map((a) => `${s}!${a}`));
  expect(new Set(seen)).toEqual(new Set([...cells, `${standardTemplate().sheets.data[0]!.name}!B1`]));
  expect(dump.issues.length).toBe(findings.length + 1);
  expect(dump.issues.slice(1).every((i) => i.link !== null)).toBe(true);
}, 180_000);

test('refuses to write the copies over the inputs', async () => {
  const r = await runCli(['check', inDir, '--annotate', inDir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('会覆盖被检查的报表');
  expect(Buffer.compare(readFileSync(input), Buffer.from(fixture.bytes))).toBe(0);
});
