/**
 * One figure everywhere (spec section 4): on assets/sample-return.xlsx, the count of indicators behind time progress
 * (滞后序时进度) and A01's 完成年计划 read the same on every CLI surface — 汇总 block 1 of the filled return, the 摘要
 * text, `summary --format json`, the HTML and the .xlsx review reports. The expected numbers are worked out by hand
 * from the sample's typed values; the .xlsx outputs are shown by LibreOffice (recalculated, "as shown" CSV), so the
 * rounding is judged by a spreadsheet we did not write.
 *
 * By hand from the sample's typed cells, at Q3 (time progress 75%), the plan indicators behind: A03 190/269 = 70.63%,
 * A04 3108/4255 = 73.04%, A15 3929/5841 = 67.27%, B08 648/929 = 69.75%, C04 642.24/938.88 = 68.40%,
 * C10 2023/2717 = 74.46%, D01 521/725 = 71.86%, E03 (第二季度 blank, counted 0) 3255/6532 = 49.83% — 8 of them.
 * A01: (820 + 1262余 + 1105) / 4000 = 79.675% → 79.68%.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsx } from '../../src/xlsx';
import { convertInLibreOffice } from '../libreoffice/soffice';
import { runCli, tempDir } from './helpers';

const SAMPLE = join(__dirname, '..', '..', 'assets', 'sample-return.xlsx');
const BEHIND = ['A03', 'A04', 'A15', 'B08', 'C04', 'C10', 'D01', 'E03'];

let dir: string;
let cleanup: () => void;
/** Each .xlsx output as LibreOffice shows it after recalculating: file → sheet → rows of shown texts. */
let shown: Record<string, Record<string, string[][]>>;

/** Parses LibreOffice's CSV (comma, double quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

/** Every sheet of every file as LibreOffice Calc shows it after a full recalculation, in one soffice run. */
function showInLibreOffice(files: Record<string, string>): Record<string, Record<string, string[][]>> {
  // Sheet -1: every sheet to its own NAME-SHEET.csv; token 9 "true": cell contents as shown (formatted).
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
  const bytes = Object.fromEntries(Object.entries(files).map(([name, path]) => [name, new Uint8Array(readFileSync(path))]));
  const out = convertInLibreOffice(bytes, { filter });
  const result: Record<string, Record<string, string[][]>> = {};
  for (const name of Object.keys(files)) {
    result[name] = {};
    for (const [f, csv] of Object.entries(out)) {
      if (f.startsWith(`${name}-`) && f.endsWith('.csv')) result[name]![f.slice(name.length + 1, -4)] = parseCsv(Buffer.from(csv).toString('utf8'));
    }
  }
  return result;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-figures-'));
  copyFileSync(SAMPLE, join(dir, 'sample.xlsx'));
  expect((await runCli(['fill', 'sample.xlsx', '-o', 'filled.xlsx'], { cwd: dir })).code).toBe(1); // the sample's planted errors
  expect((await runCli(['check', 'sample.xlsx', '--report', 'review.xlsx'], { cwd: dir })).code).toBe(1);
  expect((await runCli(['check', 'sample.xlsx', '--report', 'review.html'], { cwd: dir })).code).toBe(1);
  shown = showInLibreOffice({ filled: join(dir, 'filled.xlsx'), review: join(dir, 'review.xlsx') });
}, 200_000);

afterAll(() => cleanup());

describe('the sample return: 8 indicators behind and A01 at 79.68% on every surface', () => {
  it('汇总 block 1 (the cached values fill writes, and as LibreOffice shows it after recalculating)', async () => {
    const { view } = await readXlsx(new Uint8Array(readFileSync(join(dir, 'filled.xlsx'))));
    const s = view.sheet('汇总')!;
    const behind: string[] = [];
    let a01 = 0;
    for (let r = 3; r <= s.rowCount; r++) {
      const code = s.cell(r, 1).value;
      const status = s.cell(r, 8).value;
      if (code.kind === 'text' && status.kind === 'text' && status.value === '滞后序时进度') behind.push(code.value);
      if (code.kind === 'text' && code.value === 'A01') a01 = r;
    }
    expect(behind).toEqual(BEHIND);
    expect(s.cell(a01, 6)).toMatchObject({ value: { kind: 'number', value: 0.79675 }, numberFormat: '0.00%' });

    const sheet = shown['filled']!['汇总']!;
    expect(sheet.filter((row) => row[7] === '滞后序时进度').map((row) => row[0])).toEqual(BEHIND);
    expect(sheet.find((row) => row[0] === 'A01')!.slice(3, 7)).toEqual(['4000', '3187', '79.68%', '75.00%']);
  });

  it('the 摘要 text and summary --format json', async () => {
    const textOut = await runCli(['summary', 'sample.xlsx'], { cwd: dir });
    expect(textOut.stdout).toContain('滞后序时进度的计划指标8项：');
    expect(textOut.stdout).toContain('1—3季度共培训妇女3187人次，完成年计划的79.68%');
    expect(textOut.stdout).toContain('妇联干部培训人次完成年计划的49.83%（序时进度75.00%）');
    const json = JSON.parse((await runCli(['summary', 'sample.xlsx', '--format', 'json'], { cwd: dir })).stdout) as {
      paragraphs: { sheet: string; text: string }[];
    };
    const behind = json.paragraphs.find((p) => p.sheet === 'behind')!.text;
    expect(behind).toMatch(/^滞后序时进度的计划指标8项：/);
    expect(behind.match(/完成年计划的/g)).toHaveLength(8);
    expect(json.paragraphs.find((p) => p.sheet === '创业就业')!.text).toContain('完成年计划的79.68%');
  });

  it('the HTML review report', () => {
    const html = readFileSync(join(dir, 'review.html'), 'utf8');
    const cell = (label: string): string => new RegExp(`data-label="${label}">([^<]*)<`).exec(html)![1]!;
    expect(cell('滞后指标数')).toBe('8');
    expect(html).toMatch(/data-label="A01 妇女技能培训人数"><span title="达到序时进度">79\.68%</);
  });

  it('the .xlsx review report, as LibreOffice shows it', () => {
    const rows = shown['review']!['审核表']!;
    const header = rows.findIndex((r) => r[0] === '填报单位');
    const head = rows[header]!;
    const row = rows[header + 1]!;
    expect(row[head.indexOf('滞后指标数')]).toBe('8');
    expect(row[head.indexOf('A01 妇女技能培训人数 完成年计划(%)')]).toBe('79.68%');
  });
});
