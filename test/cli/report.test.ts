/**
 * `check DIR --report OUT.xlsx|OUT.html`: one review table, returns that need a call first (unreadable, errors, lowest
 * completeness, most behind), each return's findings below; the HTML self-contained with every user text escaped.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { text, type CellValue } from '../../src/engine/cell';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { standardTemplate } from '../../src/engine/template/load';
import { buildFilledReturn } from '../../src/engine/testing';
import type { SheetView } from '../../src/engine/workbook';
import { compareRows, type ReviewRow } from '../../src/cli/report/model';
import { esc } from '../../src/cli/report/html';
import { readXlsx } from '../../src/xlsx';
import { cleanReturn, colOf, rowOf, runCli, tempDir, textFileBytes, writeReturn } from './helpers';

const tpl = standardTemplate();
const plans = tpl.indicators.filter((i) => i.plan);
const XSS = '<script>alert("x")</script>&县';
let dir: string;
let cleanup: () => void;

function blankOut(v: MemoryWorkbook, sheet: string, code: string, label: string): void {
  v.sheet(sheet)!.set(rowOf(v, sheet, code), colOf(v, sheet, label), { value: { kind: 'blank' } });
}

const str = (v: CellValue): string | null => (v.kind === 'text' ? v.value : null);

function column(s: SheetView, header: number, col: number, rows: number): (string | null)[] {
  return Array.from({ length: rows }, (_, i) => str(s.cell(header + 1 + i, col).value));
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-report-'));
  const r = join(dir, 'returns');
  mkdirSync(r);
  await writeReturn(join(r, 'a-clean.xlsx'), cleanReturn({ seed: 41, unit: '甲县' }));
  // Behind: every plan three times larger, so each 完成年计划 falls under 序时进度 (75% in Q3).
  const behind = cleanReturn({ seed: 42, unit: '乙县' });
  for (const p of plans) {
    const s = behind.sheet(p.sheet)!;
    const at = { row: rowOf(behind, p.sheet, p.code), col: colOf(behind, p.sheet, '年计划') };
    const v = s.cell(at.row, at.col).value;
    if (v.kind === 'number') s.set(at.row, at.col, { value: { kind: 'number', value: v.value * 3 } });
  }
  await writeReturn(join(r, 'b-behind.xlsx'), behind);
  const oneError = cleanReturn({ seed: 43, unit: '丙县' });
  oneError.sheet('创业就业')!.set(rowOf(oneError, '创业就业', 'A03'), colOf(oneError, '创业就业', '第一季度'), { value: text('无') });
  await writeReturn(join(r, 'c-error.xlsx'), oneError);
  const threeErrors = cleanReturn({ seed: 44, unit: '丁县' });
  for (const code of ['B08', 'C10', 'D01']) blankOut(threeErrors, tpl.indicators.find((i) => i.code === code)!.sheet, code, '第二季度');
  await writeReturn(join(r, 'd-errors.xlsx'), threeErrors);
  await writeReturn(join(r, 'e-xss.xlsx'), cleanReturn({ seed: 45, unit: XSS }));
  writeFileSync(join(r, 'f-broken.xlsx'), textFileBytes());
}, 60_000);

afterAll(() => cleanup());

describe('review report as .xlsx', () => {
  it('lists every return, those that need a call first, and each return’s findings below', async () => {
    const res = await runCli(['check', 'returns', '--report', 'review.xlsx'], { cwd: dir });
    expect(res.code).toBe(2); // the broken file; the report is written all the same
    expect(res.stderr).toContain(`审核报告已写入 ${join(dir, 'review.xlsx')}\n`);
    const view = (await readXlsx(new Uint8Array(readFileSync(join(dir, 'review.xlsx'))))).view;
    expect(view.sheetNames).toEqual(['审核表']);
    const s = view.sheet('审核表')!;
    const header = 3;
    const labels = Array.from({ length: 8 + plans.length + 1 }, (_, i) => str(s.cell(header, i + 1).value));
    expect(labels.slice(0, 8)).toEqual(['填报单位', '文件', '报告期', '完整率(%)', '错误数', '警告数', '序时进度(%)', '滞后指标数']);
    expect(labels.slice(8, 8 + plans.length)).toEqual(plans.map((p) => `${p.code} ${p.name} 完成年计划(%)`));
    const files = column(s, header, 2, 6);
    // The file's name, not its folder.
    expect(files.slice(0, 4)).toEqual(['f-broken.xlsx', 'd-errors.xlsx', 'c-error.xlsx', 'b-behind.xlsx']);
    expect(new Set(files.slice(4))).toEqual(new Set(['a-clean.xlsx', 'e-xss.xlsx']));
    expect(column(s, header, 1, 4)).toEqual([null, '丁县', '丙县', '乙县']);
    // Counts and percents as numbers with the percent format.
    expect(s.cell(header + 2, 5).value).toEqual({ kind: 'number', value: 3 });
    expect(s.cell(header + 3, 5).value).toEqual({ kind: 'number', value: 1 });
    const behindRow = header + 4;
    expect(s.cell(behindRow, 7)).toEqual({ value: { kind: 'number', value: 0.75 }, numberFormat: '0.00%' });
    expect(s.cell(behindRow, 8).value).toEqual({ kind: 'number', value: plans.length });
    for (let j = 0; j < plans.length; j++) {
      const c = s.cell(behindRow, 9 + j);
      expect(c.numberFormat).toBe('0.00%');
      expect((c.value as { value: number }).value).toBeLessThan(0.75);
    }
    expect(str(s.cell(header + 1, 9 + plans.length).value)).toMatch(/^无法读取：/);
    // Findings below the table, in the same order.
    const titles: string[] = [];
    for (let r = header + 7; r <= s.rowCount; r++) {
      const v = str(s.cell(r, 1).value);
      if (v && v.includes(' · ')) titles.push(v);
    }
    expect(titles.slice(0, 3)).toEqual(['（未填单位） · f-broken.xlsx · 无法读取', '丁县 · d-errors.xlsx · 3 个问题', '丙县 · c-error.xlsx · 1 个问题']);
    const ruleCells: string[] = [];
    for (let r = 1; r <= s.rowCount; r++) if (str(s.cell(r, 2).value) === 'not-a-number') ruleCells.push(str(s.cell(r, 3).value)!);
    expect(ruleCells).toEqual(['创业就业!E5']);
    // A unit name with markup is plain text in the workbook.
    expect(column(s, header, 1, 6)).toContain(XSS);
  });

  it('refuses a report name without .xlsx or .html before checking anything (exit 2)', async () => {
    const r = await runCli(['check', 'returns', '--report', 'review.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('.xlsx 或 .html');
  });
});

describe('review report as .html', () => {
  let html: string;
  beforeAll(async () => {
    await runCli(['check', 'returns', '--report', 'review.html'], { cwd: dir });
    html = readFileSync(join(dir, 'review.html'), 'utf8');
  });

  it('is one self-contained file: no script, no external resource, a CSP that forbids fetching', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('@media (max-width:720px)');
  });

  it('escapes every user text and draws one bar per readable return', () => {
    expect(html).toContain(esc(XSS));
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;县');
    expect(html).not.toContain(XSS);
    expect(html.match(/<rect class="bar/g)).toHaveLength(5);
    expect(html).toContain('class="bar behind"');
  });

  it('speaks English with --lang en', async () => {
    await runCli(['check', 'returns', '--report', 'review-en.html', '--lang', 'en'], { cwd: dir });
    const en = readFileSync(join(dir, 'review-en.html'), 'utf8');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Review (returns that need a call first)');
  });
});

describe('order of the review table', () => {
  const row = (file: string, over: Partial<ReviewRow>): ReviewRow => ({
    file,
    path: file,
    error: null,
    unit: file,
    period: '2026Q3',
    completeness: 1,
    errors: 0,
    warnings: 0,
    timeProgress: 0.75,
    plans: [],
    behind: 0,
    meanPercent: 0.8,
    findings: [],
    ...over,
  });

  it('puts unreadable files, then most errors, then lowest completeness, then most behind, then by file', () => {
    const rows = [
      row('ok-b', {}),
      row('ok-a', {}),
      row('behind', { meanPercent: 0.5, behind: 3 }),
      row('little-behind', { meanPercent: 0.7, behind: 1 }),
      row('incomplete', { completeness: 0.9, errors: 2 }),
      row('very-incomplete', { completeness: 0.5, errors: 2 }),
      row('many-errors', { errors: 9 }),
      row('broken', { error: '不是 .xlsx 文件', completeness: null }),
    ];
    expect([...rows].sort(compareRows).map((r) => r.file)).toEqual([
      'broken',
      'many-errors',
      'very-incomplete',
      'incomplete',
      'behind',
      'little-behind',
      'ok-a',
      'ok-b',
    ]);
  });
});

describe('the chart counts lagging plan indicators per unit', () => {
  /** A clean return whose `lagging` plan indicators get an unreachable plan (1e7) and the rest a plan of 1. */
  function withLagging(unit: string, seed: number, lagging: number) {
    const v = cleanReturn({ seed, unit });
    plans.forEach((p, i) => {
      const at = { row: rowOf(v, p.sheet, p.code), col: colOf(v, p.sheet, '年计划') };
      v.sheet(p.sheet)!.set(at.row, at.col, { value: { kind: 'number', value: i < lagging ? 1e7 : 1 } });
    });
    return v;
  }

  it('reads each unit\'s bar in the SVG: 8 of 16 behind for 南湖 though its mean is far ahead', async () => {
    const r = join(dir, 'chart');
    mkdirSync(r);
    await writeReturn(join(r, 'nanhu.xlsx'), withLagging('南湖', 51, 8));
    await writeReturn(join(r, 'beishan.xlsx'), withLagging('北山', 52, 0));
    await writeReturn(join(r, 'dongling.xlsx'), withLagging('东岭', 53, 16));
    const res = await runCli(['check', 'chart', '--report', 'chart.html'], { cwd: dir });
    expect(res.stderr).toContain(`审核报告已写入 ${join(dir, 'chart.html')}`);
    const html = readFileSync(join(dir, 'chart.html'), 'utf8');
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0];
    const bars = [...svg.matchAll(/<g class="unit-bar" data-behind="(\d+)" data-of="(\d+)">[\s\S]*?<text class="unit"[^>]*>([^<]*)<\/text>[\s\S]*?<rect class="([^"]*)"[^>]*width="([\d.]+)"[\s\S]*?<text class="count"[^>]*>([^<]*)<\/text><\/g>/g)].map(
      // unit labels are bidi-isolated (FSI … PDI around the text)
      (m) => ({ unit: m[3]!.replace(/^\u2068|\u2069$/g, ''), behind: Number(m[1]), of: Number(m[2]), cls: m[4], width: Number(m[5]), label: m[6] }),
    );
    const byUnit = Object.fromEntries(bars.map((b) => [b.unit, b]));
    expect(Object.keys(byUnit).sort()).toEqual(['东岭', '北山', '南湖'].sort());
    expect(byUnit['南湖']).toMatchObject({ behind: 8, of: 16, cls: 'bar behind', label: '8 项滞后（共 16 项）' });
    expect(byUnit['北山']).toMatchObject({ behind: 0, of: 16, cls: 'bar', width: 0, label: '0 项滞后（共 16 项）' });
    expect(byUnit['东岭']).toMatchObject({ behind: 16, of: 16, cls: 'bar behind', label: '16 项滞后（共 16 项）' });
    // Bar lengths are proportional to the count: half for 南湖, full for 东岭.
    expect(byUnit['南湖']!.width * 2).toBeCloseTo(byUnit['东岭']!.width, 5);
  });
});

describe('--last-year: a 同比 column matched by unit', () => {
  it('counts each unit\'s plan indicators up, down and level against last year\'s same quarter', async () => {
    const last = join(dir, 'last-year');
    mkdirSync(last);
    // 南湖 last year: the same figures, but three indicators at half (so up now) and two at double (down now).
    const ly = buildFilledReturn(tpl, { quarter: 3, year: 2025, unit: '南湖', seed: 51 });
    const scale = (code: string, f: number) => {
      const ind = tpl.indicators.find((i) => i.code === code)!;
      for (let q = 0; q < 3; q++) {
        const at = { row: rowOf(ly, ind.sheet, code), col: colOf(ly, ind.sheet, tpl.dataColumns.quarters[q]!) };
        const v = ly.sheet(ind.sheet)!.cell(at.row, at.col).value as { value: number };
        ly.sheet(ind.sheet)!.set(at.row, at.col, { value: { kind: 'number', value: Math.round(v.value * f) } });
      }
    };
    ['A01', 'A03', 'A04'].forEach((c) => scale(c, 0.5));
    ['B04', 'B08'].forEach((c) => scale(c, 2));
    await writeReturn(join(last, 'nanhu-2025.xlsx'), ly);
    const res = await runCli(['check', 'chart', '--report', 'yoy.html', '--last-year', 'last-year'], { cwd: dir });
    expect(res.stderr).toContain('审核报告已写入');
    const html = readFileSync(join(dir, 'yoy.html'), 'utf8');
    expect(html).toContain('<th scope="col">同比</th>');
    const cell = (unit: string) => new RegExp(`<a href="#r\\d+">${unit}</a>[\\s\\S]*?<td class="yoy"[^>]*>(?:<span[^>]*>)?([^<]*)<`).exec(html)![1];
    expect(cell('南湖')).toBe('增长3项，下降2项，持平11项');
    expect(cell('北山')).toBe('去年无此单位的报表');
    expect(html).toContain('同比（\u2068nanhu-2025.xlsx\u2069）：');
    // The workbook report has the same column, after 滞后指标数.
    await runCli(['check', 'chart', '--report', 'yoy.xlsx', '--last-year', 'last-year'], { cwd: dir });
    const s = (await readXlsx(new Uint8Array(readFileSync(join(dir, 'yoy.xlsx'))))).view.sheet('审核表')!;
    expect(str(s.cell(3, 9).value)).toBe('同比');
    const rows = Array.from({ length: 3 }, (_, i) => [str(s.cell(4 + i, 1).value), str(s.cell(4 + i, 9).value)]);
    expect(rows).toContainEqual(['南湖', '增长3项，下降2项，持平11项']);
    expect(rows).toContainEqual(['北山', '去年无此单位的报表']);
  });

  it('goes with --report only', async () => {
    const r = await runCli(['check', 'chart', '--last-year', 'last-year'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--last-year 须与 --report 一起使用');
  });
});
