/**
 * A folder as counties send it (contract section 5): .xlsx, .xlsm, .xls, .ods, .csv, a renamed file and a note.
 * Every spreadsheet file gets its entry (read, or its real reason), the note is named as no return, nothing is
 * skipped silently; .xls and .ods go through LibreOffice when soffice is on PATH and otherwise say what to do.
 * The .xls and .ods are written by Gnumeric (ssconvert), an independent writer.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeNewXlsx } from '../../src/xlsx';
import { snapshot } from '../hostile/helpers';
import { sofficePath } from '../libreoffice/soffice';
import { cleanReturn, runCli, tempDir, textFileBytes } from './helpers';

jest.setTimeout(240_000);

let dir: string;
let cleanup: () => void;
let work: ReturnType<typeof tempDir>;
const withSoffice = { PATH: dirname(sofficePath()), FULIAN_RETURNS_JOBS: '1' };
const withoutSoffice = { PATH: '/nonexistent', FULIAN_RETURNS_JOBS: '1' };

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-formats-'));
  work = tempDir('fulian-formats-src-');
  const src = work.dir;
  const units = ['城关区妇联', '七里河区妇联', '安宁区妇联', '西固区妇联'];
  const files = ['a.xlsx', 'b.xlsm', 'c.xls', 'd.ods'];
  for (const [i, unit] of units.entries()) writeFileSync(join(src, `src-${i}.xlsx`), await writeNewXlsx(cleanReturn({ seed: 20 + i, unit })));
  copyFileSync(join(src, 'src-0.xlsx'), join(dir, files[0]!));
  copyFileSync(join(src, 'src-1.xlsx'), join(dir, files[1]!));
  const gnumeric = (from: string, to: string, format: string): void => {
    execFileSync('/usr/bin/ssconvert', ['-T', format, join(src, from), join(dir, to)], { stdio: 'pipe', timeout: 120_000, env: { ...process.env, HOME: src } });
  };
  gnumeric('src-2.xlsx', 'c.xls', 'Gnumeric_Excel:excel_biff8');
  gnumeric('src-3.xlsx', 'd.ods', 'Gnumeric_OpenCalc:odf');
  gnumeric('src-0.xlsx', 'f-renamed.xls', 'Gnumeric_Excel:excel_biff8');
  execFileSync('mv', [join(dir, 'f-renamed.xls'), join(dir, 'f-renamed.xlsx')]);
  writeFileSync(join(dir, 'e.csv'), textFileBytes());
  writeFileSync(join(dir, 'notes.txt'), '上报说明');
});
afterAll(() => {
  cleanup();
  work.cleanup();
});

const entries = ['a.xlsx', 'b.xlsm', 'c.xls', 'd.ods', 'e.csv', 'f-renamed.xlsx'];

test('with soffice: every spreadsheet file has its entry; .xls and .ods read through LibreOffice, originals untouched', async () => {
  const before = snapshot(dir);
  const r = await runCli(['check', '.', '--json'], { cwd: dir, env: withSoffice });
  const arr = JSON.parse(r.stdout) as { file: string; error?: string; unit?: string; counts?: { error: number } }[];
  expect(arr.map((e) => e.file)).toEqual(entries);
  const by = Object.fromEntries(arr.map((e) => [e.file, e]));
  expect(['a.xlsx', 'b.xlsm', 'c.xls', 'd.ods'].map((f) => [by[f]!.unit, by[f]!.counts?.error])).toEqual([
    ['城关区妇联', 0],
    ['七里河区妇联', 0],
    ['安宁区妇联', 0],
    ['西固区妇联', 0],
  ]);
  expect(by['e.csv']!.error).toBe('CSV/文本文件，不是工作簿：请在 Excel 或 WPS 中打开后另存为 .xlsx');
  expect(by['f-renamed.xlsx']!.error).toBe('旧版 .xls/.et 工作簿，本工具只读 .xlsx：请在 Excel 或 WPS 中另存为 .xlsx');
  expect(r.code).toBe(2);
  expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual(
    [
      'fulian-returns: c.xls: 已由 LibreOffice 转换为 .xlsx 后读取（原文件未改动）',
      'fulian-returns: d.ods: 已由 LibreOffice 转换为 .xlsx 后读取（原文件未改动）',
      'fulian-returns: notes.txt: 不是电子表格文件，不是报表，未读取',
      `fulian-returns: e.csv: ${by['e.csv']!.error}`,
      `fulian-returns: f-renamed.xlsx: ${by['f-renamed.xlsx']!.error}`,
    ].sort(),
  );
  expect(snapshot(dir)).toEqual(before);

  // merge names the two that cannot be read and merges nothing; the four returns merge visibly.
  const m = await runCli(['merge', '.', '-o', join(work.dir, 'merged.xlsx')], { cwd: dir, env: withSoffice });
  expect(m.code).toBe(2);
  expect(m.stderr).toMatch(/^fulian-returns: 2 个文件无法读取，未汇总：e\.csv（CSV\/文本文件.*）；f-renamed\.xlsx（旧版 \.xls\/\.et 工作簿.*）\n$/m);
  const ok = await runCli(['merge', 'a.xlsx', 'b.xlsm', 'c.xls', 'd.ods', '-o', join(work.dir, 'merged.xlsx'), '--force'], { cwd: dir, env: withSoffice });
  expect(ok.stderr).toMatch(/c\.xls: 已由 LibreOffice 转换/);
  expect(ok.stdout).toMatch(/^已汇总 4 份报表 → /);
  expect(ok.code).toBe(0);
  expect(snapshot(dir)).toEqual(before);
});

test('without soffice on PATH: .xls and .ods get their own entry naming the format and the fix', async () => {
  const r = await runCli(['check', '.', '--json'], { cwd: dir, env: withoutSoffice });
  const arr = JSON.parse(r.stdout) as { file: string; error?: string }[];
  expect(arr.map((e) => e.file)).toEqual(entries);
  const by = Object.fromEntries(arr.map((e) => [e.file, e]));
  expect(by['c.xls']!.error).toBe('.xls 格式需要 LibreOffice（soffice）转换，本机未安装：请在 Excel 或 WPS 中另存为 .xlsx');
  expect(by['d.ods']!.error).toBe('.ods 格式需要 LibreOffice（soffice）转换，本机未安装：请在 Excel 或 WPS 中另存为 .xlsx');
  expect(by['a.xlsx']!.error).toBeUndefined();
  const en = await runCli(['check', 'c.xls', '--lang', 'en'], { cwd: dir, env: withoutSoffice });
  expect(en.stderr).toBe('fulian-returns: c.xls: .xls files need LibreOffice (soffice) to convert them, which is not installed: save it as .xlsx in Excel or WPS\n');
  expect(en.code).toBe(2);
  const m = await runCli(['merge', '.', '-o', join(work.dir, 'merged-2.xlsx')], { cwd: dir, env: withoutSoffice });
  expect(m.code).toBe(2);
  expect(m.stderr).toMatch(/4 个文件无法读取，未汇总：.*c\.xls（\.xls 格式需要 LibreOffice/);
});
