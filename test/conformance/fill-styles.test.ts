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
