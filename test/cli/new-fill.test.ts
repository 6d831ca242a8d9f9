import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { standardTemplate } from '../../src/engine/template/load';
import { cleanReturn, runCli, tempDir, writeReturn } from './helpers';

const tpl = standardTemplate();
let dir: string;
let cleanup: () => void;

beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return wb;
}

function rowOfLabel(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value ?? '').trim() === label) return r;
  throw new Error(`${label} not found`);
}

function colOfLabel(ws: ExcelJS.Worksheet, label: string, headerRow = 2): number {
  for (let c = 1; c <= ws.columnCount; c++) if (String(ws.getCell(headerRow, c).value ?? '').trim() === label) return c;
  throw new Error(`${label} not found`);
}

describe('new', () => {
  it('writes a blank return whose check yields only blank-cell findings', async () => {
    const r = await runCli(['new', '--unit', '某县妇联', '--period', '2026年第三季度', '-o', 'blank.xlsx'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('已创建 blank.xlsx：某县妇联，2026Q3\n');
    const c = await runCli(['check', 'blank.xlsx', '--json'], { cwd: dir });
    expect(c.code).toBe(1);
    const [entry] = JSON.parse(c.stdout) as {
      unit: string;
      period: string;
      completeness: { overall: number };
      findings: { rule: string; cell: string | null; sheet: string; indicator: string | null }[];
    }[];
    expect(entry!.unit).toBe('某县妇联');
    expect(entry!.period).toBe('2026Q3');
    expect(entry!.completeness.overall).toBe(0);
    const rules = new Set(entry!.findings.map((f) => f.rule));
    expect(rules.has('required-missing')).toBe(true);
    // A blank return lacks typed values only: quarters (required-missing), plans (plan-missing) and the cover
    // fields `new` does not know (填报人, 联系电话, 填报日期, 审核人). Nothing structural.
    expect([...rules].filter((x) => !['required-missing', 'plan-missing', 'cover-field-missing'].includes(x))).toEqual([]);
    expect(entry!.findings.every((f) => f.cell !== null)).toBe(true);
    // Required quarters of every non-rate indicator up to Q3.
    const required = entry!.findings.filter((f) => f.rule === 'required-missing');
    const nonRate = tpl.indicators.filter((i) => i.kind !== 'rate');
    expect(required).toHaveLength(nonRate.length * 3);
  });

  it('writes a unit name starting with = + - @ as text, never as a formula', async () => {
    for (const [i, unit] of ['=HYPERLINK("http://x","y")', '+1', '-某单位', '@SUM(A1)'].entries()) {
      const out = `unit-${i}.xlsx`;
      const r = await runCli(['new', '--unit', unit, '--period', '2026Q3', '-o', out], { cwd: dir });
      expect(r.code).toBe(0);
      const ws = (await load(join(dir, out))).getWorksheet(tpl.sheets.cover)!;
      const cell = ws.getCell(rowOfLabel(ws, '填报单位'), 2);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(unit);
      const j = JSON.parse((await runCli(['check', out, '--json'], { cwd: dir })).stdout) as { unit: string }[];
      expect(j[0]!.unit).toBe(unit);
    }
  });

  it('refuses to overwrite unless --force', async () => {
    const out = join(dir, 'exists.xlsx');
    writeFileSync(out, 'keep me');
    const r = await runCli(['new', '--unit', 'X', '--period', '2026Q3', '-o', 'exists.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('fulian-returns: exists.xlsx 已存在，不会覆盖（确需覆盖请加 --force）\n');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const f = await runCli(['new', '--unit', 'X', '--period', '2026Q3', '-o', 'exists.xlsx', '--force'], { cwd: dir });
    expect(f.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an unreadable period and a folder that does not exist', async () => {
    const r = await runCli(['new', '--unit', 'X', '--period', '2026年秋', '-o', 'p.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('fulian-returns: 无法识别的报告期「2026年秋」（可写 2026Q3、2026年第3季度、2026年第三季度）\n');
    expect(existsSync(join(dir, 'p.xlsx'))).toBe(false);
    const q5 = await runCli(['new', '--unit', 'X', '--period', '2026Q5', '-o', 'p.xlsx'], { cwd: dir });
    expect(q5.code).toBe(2);
    const nodir = await runCli(['new', '--unit', 'X', '--period', '2026Q3', '-o', 'no/such/dir/p.xlsx'], { cwd: dir });
    expect(nodir.code).toBe(2);
    expect(nodir.stderr).toMatch(/^fulian-returns: 无法写入 no\/such\/dir\/p.xlsx[^\n]*\n$/);
  });
});

describe('fill', () => {
  it('writes formulas and 汇总 into OUT and leaves the input untouched', async () => {
    const input = join(dir, 'q3.xlsx');
    await writeReturn(input, cleanReturn({ quarter: 3, seed: 7 }));
    const before = readFileSync(input);
    const r = await runCli(['fill', 'q3.xlsx', '-o', 'q3-filled.xlsx'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^已写入 q3-filled.xlsx：\d+ 个公式单元格，汇总表 \d+ 个单元格；0 个错误，0 个警告\n$/);
    expect(r.code).toBe(0);
    expect(readFileSync(input).equals(before)).toBe(true);

    const wb = await load(join(dir, 'q3-filled.xlsx'));
    expect(wb.getWorksheet(tpl.sheets.summary)).toBeDefined();
    const ws = wb.getWorksheet('创业就业')!;
    const row = rowOfLabel(ws, 'A01');
    // User-typed cells keep their values.
    const q1 = colOfLabel(ws, tpl.dataColumns.quarters[0]);
    const orig = (await load(input)).getWorksheet('创业就业')!;
    // The three tool-owned cells of A01 in 2026Q3, their formulas and cached results worked out from the typed cells.
    const typed = (label: string): number => Number(orig.getCell(rowOfLabel(orig, 'A01'), colOfLabel(orig, label)).value);
    const sum = [0, 1, 2].reduce((t, q) => t + typed(tpl.dataColumns.quarters[q]!), 0);
    const tool = (label: string) => ws.getCell(row, colOfLabel(ws, label)).value as ExcelJS.CellFormulaValue;
    expect(tool(tpl.dataColumns.cumulative)).toEqual({ formula: `SUM(E${row}:G${row})`, result: sum });
    expect(tool(tpl.dataColumns.percentOfPlan).formula).toBe(`IF(N(D${row})=0,"",I${row}/D${row})`);
    expect(tool(tpl.dataColumns.percentOfPlan).result).toBeCloseTo(sum / typed(tpl.dataColumns.plan), 12);
    expect(tool(tpl.dataColumns.timeProgress)).toEqual({ formula: '3/4', result: 0.75 });
    expect(ws.getCell(row, q1).value).toEqual(orig.getCell(rowOfLabel(orig, 'A01'), q1).value);

    // The filled return still checks clean.
    const c = await runCli(['check', 'q3-filled.xlsx'], { cwd: dir });
    expect(c.code).toBe(0);
  });

  it('a two-plan row appended after a fill is counted once the return is filled again (block 3 ranges are set at fill time)', async () => {
    await writeReturn(join(dir, 'tp.xlsx'), cleanReturn({ quarter: 3, seed: 7 }));
    expect((await runCli(['fill', 'tp.xlsx'], { cwd: dir })).code).toBe(0);
    // A user appends W13 under the 12 default rows (3-14) with ExcelJS, another writer than ours.
    const wb = await load(join(dir, 'tp.xlsx'));
    wb.getWorksheet('两纲监测')!.getRow(15).values = ['W13', '妇女', '健康', '女性参加基本医疗保险比例', '%', '≥', null, 50, 60, 70];
    writeFileSync(join(dir, 'tp.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    expect((await runCli(['fill', 'tp.xlsx'], { cwd: dir })).code).toBe(0);
    const after = await load(join(dir, 'tp.xlsx'));
    // W13: 70 ≥ final target 60 → 已实现终期目标.
    expect(after.getWorksheet('两纲监测')!.getCell('K15').value).toMatchObject({ result: '已实现终期目标' });
    const sum = after.getWorksheet(tpl.sheets.summary)!;
    const rowOf = (label: string): ExcelJS.Row => {
      for (let r = sum.rowCount; r >= 1; r--) if (sum.getCell(r, 1).value === label) return sum.getRow(r);
      throw new Error(`${label} not in 汇总`);
    };
    const women = rowOf('妇女').getCell(2).value as ExcelJS.CellFormulaValue;
    expect(women).toEqual({ formula: `COUNTIF('两纲监测'!$B$3:$B$15,"妇女")`, result: 5 });
    const total = rowOf('合计');
    expect(total.getCell(2).value).toEqual({ formula: `COUNTA('两纲监测'!$A$3:$A$15)`, result: 13 });
    expect((total.getCell(3).value as ExcelJS.CellFormulaValue).formula).toBe(`COUNTIF('两纲监测'!$K$3:$K$15,"已实现终期目标")`);
  });

  it('replaces FILE atomically without -o', async () => {
    const input = join(dir, 'inplace.xlsx');
    await writeReturn(input, cleanReturn({ quarter: 2, seed: 8 }));
    const ino = statSync(input).ino;
    const r = await runCli(['fill', 'inplace.xlsx'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^已写入 inplace.xlsx：/);
    // A new file was renamed over the old one (a different inode), and no temp file is left behind.
    expect(statSync(input).ino).not.toBe(ino);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await load(input)).getWorksheet(tpl.sheets.summary)).toBeDefined();
  });

  it('does not replace a read-only file', async () => {
    const input = join(dir, 'readonly.xlsx');
    await writeReturn(input, cleanReturn({ quarter: 1, seed: 9 }));
    chmodSync(input, 0o444);
    const before = readFileSync(input);
    const r = await runCli(['fill', 'readonly.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('fulian-returns: readonly.xlsx 是只读文件，不会改写（可用 -o 写到另一个文件）\n');
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const elsewhere = await runCli(['fill', 'readonly.xlsx', '-o', 'readonly-filled.xlsx'], { cwd: dir });
    expect(elsewhere.code).toBe(0);
    chmodSync(input, 0o644);
  });

  it('exits 1 when the return has errors, and still writes it', async () => {
    const input = join(dir, 'blank-fill.xlsx');
    await runCli(['new', '--unit', 'X', '--period', '2026Q1', '-o', input]);
    const r = await runCli(['fill', input, '-o', join(dir, 'blank-filled.xlsx'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^wrote .*blank-filled\.xlsx: \d+ formula cells, \d+ summary cells; \d+ errors, \d+ warnings? \(run fulian-returns check for details\)\n$/);
    expect(existsSync(join(dir, 'blank-filled.xlsx'))).toBe(true);
  });
});
