/*
 * fill on a workbook whose cell formats carry children (<xf …><alignment …/></xf>), as Excel and LibreOffice write
 * any centred or wrapped cell: the output must still be a well-formed workbook that the tool and ExcelJS open, with
 * the tool-owned cells keeping their alignment and gaining the spec's number formats.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { readXlsx } from '../../src/xlsx';
import { runCli, tempDir, viewToXlsx } from '../cli/helpers';
import { clean } from './helpers';

const { dir, cleanup } = tempDir('fulian-conf-styles-');
afterAll(cleanup);

/** Every element in styles.xml closes properly: no attribute written into a closing tag. */
const closingTagsClean = (xml: string): boolean => !/<\/[\w:]+\s+[^>]*>/.test(xml);

it('fill keeps styles.xml well formed when tool-owned cells are centred', async () => {
  const bytes = await viewToXlsx(clean(3));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  for (const name of ['创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设']) {
    const ws = wb.getWorksheet(name)!;
    for (let r = 2; r <= ws.rowCount; r++) for (let c = 9; c <= 11; c++) ws.getCell(r, c).alignment = { horizontal: 'center', vertical: 'middle' };
  }
  wb.getWorksheet('两纲监测')!.getColumn(11).alignment = { horizontal: 'center' };
  const input = join(dir, 'centred.xlsx');
  writeFileSync(input, Buffer.from(await wb.xlsx.writeBuffer()));
  expect(strFromU8(unzipSync(readFileSync(input))['xl/styles.xml']!)).toMatch(/<xf [^>]*>\s*<alignment/);

  const out = join(dir, 'centred-filled.xlsx');
  const r = await runCli(['fill', input, '-o', out]);
  expect(r.code).toBe(0);
  const styles = strFromU8(unzipSync(readFileSync(out))['xl/styles.xml']!);
  expect(closingTagsClean(styles)).toBe(true);

  // The tool reads its own output, and it checks clean.
  await expect(readXlsx(readFileSync(out))).resolves.toBeDefined();
  const c = await runCli(['check', out, '--json']);
  expect(c.code).toBe(0);

  // ExcelJS sees the alignment kept and the percent format added.
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
  const cell = back.getWorksheet('创业就业')!.getCell('J3');
  expect(cell.numFmt).toBe('0.00%');
  expect(cell.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle' });
  expect(back.getWorksheet('创业就业')!.getCell('I3').alignment).toMatchObject({ horizontal: 'center' });
});

/** Cell value, formula and formats as ExcelJS sees them. */
const snapshot = (c: ExcelJS.Cell): string =>
  JSON.stringify([c.value, c.numFmt ?? null, c.font ?? null, c.fill ?? null, c.border ?? null, c.alignment ?? null]);

it('fill on a return saved by LibreOffice Calc (fixtures/libreoffice-q3.xlsx): readable output, every user cell unchanged', async () => {
  const input = join(__dirname, 'fixtures/libreoffice-q3.xlsx');
  const out = join(dir, 'lo-filled.xlsx');
  const before = readFileSync(input);
  const r = await runCli(['fill', input, '-o', out]);
  expect(r.code).toBe(0);
  expect(readFileSync(input).equals(before)).toBe(true);
  expect(closingTagsClean(strFromU8(unzipSync(readFileSync(out))['xl/styles.xml']!))).toBe(true);
  const c = await runCli(['check', out, '--json']);
  expect((JSON.parse(c.stdout) as { counts: object }[])[0]!.counts).toEqual({ error: 0, warning: 0, info: 0 });

  const load = async (p: string) => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.load(readFileSync(p) as unknown as ArrayBuffer);
    return w;
  };
  const a = await load(input);
  const b = await load(out);
  const changed: string[] = [];
  a.eachSheet((sa) => {
    const sb = b.getWorksheet(sa.name)!;
    const data = !['封面', '两纲监测'].includes(sa.name);
    for (let row = 1; row <= sa.rowCount; row++) {
      for (let col = 1; col <= 14; col++) {
        if (row >= 3 && data && col >= 9 && col <= 11) continue; // 累计, 完成年计划(%), 序时进度(%)
        if (row >= 3 && sa.name === '两纲监测' && col === 11) continue; // 达标状态
        if (snapshot(sa.getCell(row, col)) !== snapshot(sb.getCell(row, col))) changed.push(`${sa.name}!${sa.getCell(row, col).address}`);
      }
    }
  });
  expect(changed).toEqual([]);
  expect(b.getWorksheet('汇总')!.getCell('A2').value).toBe('指标代码');
});
