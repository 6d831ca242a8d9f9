/* Spec section 5: the CLI contract — commands, options, the JSON shape, exit codes, help, usage errors, fill's promise. */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { standardTemplate } from '../../src/engine';
import { readXlsx } from '../../src/xlsx';
import { runCli, tempDir, viewToXlsx, writeReturn } from '../cli/helpers';
import { clean, N, setInd, sheet, T } from './helpers';

const { dir, cleanup } = tempDir('fulian-conf-');
afterAll(cleanup);
const at = (name: string): string => join(dir, name);

let cleanFile: string;
let errorFile: string;
let warnFile: string;
beforeAll(async () => {
  cleanFile = at('clean.xlsx');
  await writeReturn(cleanFile, clean(3));
  const bad = clean(3);
  setInd(bad, 'A03', 'q1', T('无'));
  errorFile = at('error.xlsx');
  await writeReturn(errorFile, bad);
  const warn = clean(3);
  setInd(warn, 'A03', 'q1', T('150余'));
  warnFile = at('warn.xlsx');
  await writeReturn(warnFile, warn);
});

const ENTRY_KEYS = ['completeness', 'counts', 'file', 'findings', 'period', 'template', 'unit'];
const FINDING_KEYS = ['cell', 'indicator', 'message', 'rule', 'severity', 'sheet'];

describe('check --json', () => {
  it('prints ONE JSON array with exactly the spec keys, exit 0 for a clean return', async () => {
    const r = await runCli(['check', cleanFile, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Array.isArray(out)).toBe(true);
    expect(out).toHaveLength(1);
    const e = out[0]!;
    expect(Object.keys(e).sort()).toEqual(ENTRY_KEYS);
    expect(e['template']).toEqual({ id: 'fulian-quarterly', version: '2026.1' });
    expect(e['unit']).toBe('示例县妇联');
    expect(e['period']).toBe('2026Q3');
    expect(Object.keys(e['completeness'] as object).sort()).toEqual(['overall', 'sheets']);
    expect((e['completeness'] as { overall: number }).overall).toBe(1);
    expect(Object.keys((e['completeness'] as { sheets: object }).sheets)).toEqual(['创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设']);
    expect(e['counts']).toEqual({ error: 0, warning: 0, info: 0 });
    expect(e['findings']).toEqual([]);
  });

  it('findings carry exactly rule, severity, sheet, cell, indicator, message; exit 1 on an error finding', async () => {
    const r = await runCli(['check', errorFile, '--json']);
    expect(r.code).toBe(1);
    const [e] = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; counts: object }[];
    expect(e!.counts).toEqual({ error: 1, warning: 0, info: 0 });
    expect(e!.findings).toHaveLength(1);
    expect(Object.keys(e!.findings[0]!).sort()).toEqual(FINDING_KEYS);
    expect(e!.findings[0]).toMatchObject({ rule: 'not-a-number', severity: 'error', sheet: '创业就业', cell: 'E5', indicator: 'A03' });
    expect(e!.findings[0]!['message']).toMatch(/不是数字/);
  });

  it('warnings alone exit 0', async () => {
    const r = await runCli(['check', warnFile, '--json']);
    const [e] = JSON.parse(r.stdout) as { counts: object }[];
    expect(e!.counts).toEqual({ error: 0, warning: 1, info: 0 });
    expect(r.code).toBe(0);
  });

  it('--lang en gives English messages', async () => {
    const r = await runCli(['check', errorFile, '--json', '--lang', 'en']);
    const [e] = JSON.parse(r.stdout) as { findings: { message: string }[] }[];
    expect(e!.findings[0]!.message).toMatch(/not a number/);
    expect(e!.findings[0]!.message).not.toMatch(/不是数字/);
  });

  it('a folder checks every .xlsx in it; a damaged file among many gets its own entry with "error", the rest are checked', async () => {
    const folder = at('many');
    mkdirSync(folder);
    copyFileSync(cleanFile, join(folder, 'a.xlsx'));
    copyFileSync(errorFile, join(folder, 'b.xlsx'));
    writeFileSync(join(folder, 'c.xlsx'), 'not a workbook');
    writeFileSync(join(folder, 'notes.txt'), 'ignored');
    const r = await runCli(['check', folder, '--json']);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(out).toHaveLength(3);
    const byName = new Map(out.map((e) => [String(e['file']).split(/[\\/]/).pop(), e]));
    expect(Object.keys(byName.get('a.xlsx')!).sort()).toEqual(ENTRY_KEYS);
    expect(Object.keys(byName.get('b.xlsx')!).sort()).toEqual(ENTRY_KEYS);
    expect(Object.keys(byName.get('c.xlsx')!).sort()).toEqual(['error', 'file']);
    expect(typeof byName.get('c.xlsx')!['error']).toBe('string');
    // An unreadable file means the command could not run as asked: 2 outranks b.xlsx's errors (contract section 5).
    expect(r.code).toBe(2);
    rmSync(join(folder, 'c.xlsx'));
    expect((await runCli(['check', folder, '--json'])).code).toBe(1);
  });
});

describe('exit 2 with one line on stderr', () => {
  it.each([
    [['check']],
    [['check', '--bogus', 'x.xlsx']],
    [['frob']],
    [['check', '/nonexistent/x.xlsx']],
    [['new', '--unit', 'X']],
    [['new', '--unit', 'X', '--period', '2026Q9', '-o', '/tmp/never.xlsx']],
    [['fill']],
    [['merge', 'a.xlsx']],
    [['check', 'x.xlsx', '--lang', 'fr']],
    [['template', '--template', '/nonexistent/t.json']],
  ])('%j', async (argv) => {
    const r = await runCli(argv as string[], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trim().length).toBeGreaterThan(0);
  });

  it('a not-.xlsx file is exit 2', async () => {
    writeFileSync(at('text.xlsx'), 'a,b\n1,2\n');
    const r = await runCli(['check', at('text.xlsx')]);
    expect(r.code).toBe(2);
  });

  it('a broken template file is exit 2', async () => {
    writeFileSync(at('broken.json'), '{"id": 1');
    const r = await runCli(['check', cleanFile, '--template', at('broken.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('--help on every command', () => {
  it.each(['check', 'fill', 'new', 'merge', 'template', 'summary'])('%s --help exits 0 with usage on stdout', async (cmd) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`fulian-returns ${cmd}`);
    expect(r.stderr).toBe('');
  });
  it('top-level --help lists every command', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['check', 'fill', 'new', 'merge', 'template']) expect(r.stdout).toContain(cmd);
  });
});

describe('new', () => {
  it('writes a blank return that reads back in check with the unit and period', async () => {
    const out = at('new.xlsx');
    const r = await runCli(['new', '--unit', '测试县妇联', '--period', '2026年第三季度', '-o', out]);
    expect(r.code).toBe(0);
    const c = await runCli(['check', out, '--json']);
    const [e] = JSON.parse(c.stdout) as { unit: string; period: string; findings: { rule: string }[]; completeness: { overall: number } }[];
    expect(e!.unit).toBe('测试县妇联');
    expect(e!.period).toBe('2026Q3'); // the CLI prints one spelling of a period
    expect(e!.completeness.overall).toBe(0);
    const rules = new Set(e!.findings.map((f) => f.rule));
    expect([...rules].sort()).toEqual(['cover-field-missing', 'plan-missing', 'required-missing']);
    expect(c.code).toBe(1);
    const view = (await readXlsx(readFileSync(out))).view;
    expect(view.sheetNames.slice(0, 7)).toEqual(['封面', '创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设', '两纲监测']);
  });
});

describe('template', () => {
  it('--json prints the template in force', async () => {
    const r = await runCli(['template', '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as { id: string; version: string; indicators: { code: string }[] };
    expect([t.id, t.version]).toEqual(['fulian-quarterly', '2026.1']);
    expect(t.indicators.map((i) => i.code)).toEqual(standardTemplate().indicators.map((i) => i.code));
  });

  it('--template FILE loads another version, for template and check', async () => {
    const t = JSON.parse(readFileSync(join(__dirname, '../../src/templates/fulian-quarterly.json'), 'utf8')) as Record<string, unknown>;
    t['version'] = '2027.1';
    const file = at('t2027.json');
    writeFileSync(file, JSON.stringify(t));
    const r = await runCli(['template', '--json', '--template', file]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { version: string }).version).toBe('2027.1');
    const c = await runCli(['check', cleanFile, '--json', '--template', file]);
    expect((JSON.parse(c.stdout) as { template: object }[])[0]!.template).toEqual({ id: 'fulian-quarterly', version: '2027.1' });
  });
});

describe('fill writes only tool-owned cells and 汇总', () => {
  const TOOL_COLS = new Set([9, 10, 11]); // 累计, 完成年计划(%), 序时进度(%) in the sample layout
  const STATUS_COL = 11; // 两纲监测 达标状态

  async function load(path: string): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    return wb;
  }
  const snapshot = (c: ExcelJS.Cell) => ({
    value: JSON.stringify(c.value),
    numFmt: c.numFmt ?? null,
    font: JSON.stringify(c.font ?? null),
    fill: JSON.stringify(c.fill ?? null),
    border: JSON.stringify(c.border ?? null),
  });

  it('every other cell keeps its value, formula and format; the input is untouched with -o', async () => {
    const wb = clean(3);
    // A user formula, a percent-formatted typed value and some messy text in user cells.
    setInd(wb, 'A03', 'q1', { value: N(146), formula: '=100+46' });
    setInd(wb, 'A01', 'plan', { value: N(5607), numberFormat: '#,##0' });
    setInd(wb, 'A13', 'q2', T('约300'));
    const bytes = await viewToXlsx(wb);
    // Style some user cells with ExcelJS (fonts, fills) so formats are more than number formats.
    const styled = new ExcelJS.Workbook();
    await styled.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = styled.getWorksheet('创业就业')!;
    ws.getCell('E3').font = { bold: true, color: { argb: 'FFFF0000' } };
    ws.getCell('D4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    ws.getCell('L3').value = '备注文字';
    const input = at('fill-in.xlsx');
    writeFileSync(input, Buffer.from(await styled.xlsx.writeBuffer()));
    const before = readFileSync(input);
    const out = at('fill-out.xlsx');
    const r = await runCli(['fill', input, '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(input).equals(before)).toBe(true);

    const a = await load(input);
    const b = await load(out);
    const changed: string[] = [];
    a.eachSheet((sa) => {
      const sb = b.getWorksheet(sa.name)!;
      const isData = ['创业就业', '维权服务', '关爱救助', '家庭建设', '组织建设'].includes(sa.name);
      for (let r = 1; r <= Math.max(sa.rowCount, sb.rowCount); r++) {
        for (let c = 1; c <= 14; c++) {
          if (r >= 3 && isData && TOOL_COLS.has(c)) continue;
          if (r >= 3 && sa.name === '两纲监测' && c === STATUS_COL) continue;
          const x = snapshot(sa.getCell(r, c));
          const y = snapshot(sb.getCell(r, c));
          if (JSON.stringify(x) !== JSON.stringify(y)) changed.push(`${sa.name}!${sa.getCell(r, c).address} ${JSON.stringify(x)} → ${JSON.stringify(y)}`);
        }
      }
    });
    expect(changed).toEqual([]);
    expect(b.getWorksheet('汇总')).toBeDefined();
    // A01's 累计 sums its three quarters of 2026Q3; its cached result is that sum of the input's typed cells.
    const i3 = b.getWorksheet('创业就业')!.getCell('I3').value as ExcelJS.CellFormulaValue;
    const inputSheet = a.getWorksheet('创业就业')!;
    expect(i3.formula).toBe('SUM(E3:G3)');
    expect(i3.result).toBe(['E3', 'F3', 'G3'].reduce((t, c) => t + Number(inputSheet.getCell(c).value), 0));
    // W01 孕产妇死亡率 (≤, final target 12, current 12.39): above the final target and no mid target → 未达标.
    expect(b.getWorksheet('两纲监测')!.getRow(3).values).toEqual(expect.arrayContaining(['W01', '≤', 12, 12.39]));
    const k3 = b.getWorksheet('两纲监测')!.getCell('K3').value as ExcelJS.CellFormulaValue;
    expect(k3.formula).toContain('J3<=I3');
    expect(k3.result).toBe('未达标');
    // And the filled return still checks clean.
    const c = await runCli(['check', out, '--json']);
    const [e] = JSON.parse(c.stdout) as { counts: { error: number } }[];
    expect(e!.counts.error).toBe(0);
  });

  it('without -o replaces FILE itself', async () => {
    const file = at('fill-inplace.xlsx');
    await writeReturn(file, clean(3));
    const r = await runCli(['fill', file]);
    expect(r.code).toBe(0);
    const view = (await readXlsx(readFileSync(file))).view;
    expect(view.sheet('汇总')).toBeDefined();
    expect(sheet(view as never, '创业就业').cell(3, 9).formula).toBe('=SUM(E3:G3)');
    expect(existsSync(file)).toBe(true);
  });
});
