/*
 * Makes assets/sample-return.xlsx: the engine's clean Q3 return (buildFilledReturn) with a realistic mix of what
 * real federation reports contain (spec section 3), so the preview's first screen shows real findings.
 *
 *   npx tsx scripts/make-sample.ts [OUT]     (default assets/sample-return.xlsx)
 *
 * Every change below is listed in SAMPLE_PROBLEMS with the finding it should raise; the e2e suite checks them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { dateFromSerial, num, text, cellError, BLANK, type Cell } from '../src/engine/cell';
import type { MemorySheet, MemoryWorkbook } from '../src/engine/memory-workbook';
import { buildFilledReturn } from '../src/engine/testing';
import { standardTemplate } from '../src/engine/template/load';
import type { Template } from '../src/engine/template/schema';

type Role = 'plan' | 'q1' | 'q2' | 'q3' | 'q4';

/** One planted problem: where, what is typed, and the rule the check should report there. */
export interface SampleProblem {
  readonly sheet: string;
  readonly code: string | null;
  readonly cell: Cell;
  readonly rule: string | null;
}

const t = (s: string): Cell => ({ value: text(s) });
const n = (v: number): Cell => ({ value: num(v) });

function headerRow(s: MemorySheet, label: string): number {
  for (let r = 1; r <= s.rowCount; r++) {
    for (let c = 1; c <= s.colCount; c++) {
      const v = s.cell(r, c).value;
      if (v.kind === 'text' && v.value.trim() === label) return r;
    }
  }
  throw new Error(`no header row with ${label} on ${s.name}`);
}

function columnOf(s: MemorySheet, header: number, label: string): number {
  for (let c = 1; c <= s.colCount; c++) {
    const v = s.cell(header, c).value;
    if (v.kind === 'text' && v.value.trim() === label) return c;
  }
  throw new Error(`no column ${label} on ${s.name}`);
}

function rowOf(s: MemorySheet, header: number, codeCol: number, code: string): number {
  for (let r = header + 1; r <= s.rowCount; r++) {
    const v = s.cell(r, codeCol).value;
    if (v.kind === 'text' && v.value.trim() === code) return r;
  }
  throw new Error(`no row ${code} on ${s.name}`);
}

/** Builds the sample return as a MemoryWorkbook, with the list of problems planted in it. */
export function buildSample(template: Template = standardTemplate()): { workbook: MemoryWorkbook; problems: SampleProblem[] } {
  const wb = buildFilledReturn(template, { quarter: 3, year: 2026, unit: '示例县妇联', seed: 7 });
  const problems: SampleProblem[] = [];
  const dc = template.dataColumns;
  const roleLabel: Record<Role, string> = { plan: dc.plan, q1: dc.quarters[0], q2: dc.quarters[1], q3: dc.quarters[2], q4: dc.quarters[3] };
  const byCode = new Map(template.indicators.map((i) => [i.code, i]));

  const locate = (code: string, role: Role): { s: MemorySheet; row: number; col: number } => {
    const ind = byCode.get(code);
    if (!ind) throw new Error(`unknown indicator ${code}`);
    const s = wb.sheet(ind.sheet)!;
    const h = headerRow(s, dc.code);
    return { s, row: rowOf(s, h, columnOf(s, h, dc.code), code), col: columnOf(s, h, roleLabel[role]) };
  };
  const set = (code: string, role: Role, cell: Cell, rule: string | null = null): void => {
    const { s, row, col } = locate(code, role);
    s.set(row, col, cell);
    if (rule) problems.push({ sheet: s.name, code, cell, rule });
  };
  const setQuarters = (code: string, values: readonly (number | Cell)[], plan?: number): void => {
    (['q1', 'q2', 'q3'] as const).forEach((q, i) => {
      const v = values[i];
      if (v !== undefined) set(code, q, typeof v === 'number' ? n(v) : v);
    });
    if (plan !== undefined) set(code, 'plan', n(plan));
  };

  // 创业就业: an approximate value, and a part larger than its total.
  setQuarters('A01', [820, 0, 1105], 4000);
  set('A01', 'q2', t('1262余'), 'approximate-value');
  setQuarters('A02', [905, 310, 280]);
  problems.push({ sheet: '创业就业', code: 'A02', cell: n(905), rule: 'part-exceeds-total' });
  // A number carrying its own unit in a 万元 cell.
  setQuarters('A09', [620, 540], 2400);
  set('A09', 'q3', t('685万元'), 'unit-in-cell');
  setQuarters('A11', [120, 95, 130]);

  // 维权服务: #DIV/0! typed over a rate, and exhaustive parts that do not add up.
  setQuarters('B04', [300, 480, 420], 1600);
  setQuarters('B05', [100, 150, 130]);
  setQuarters('B06', [150, 210, 190]);
  setQuarters('B07', [50, 98, 100]);
  problems.push({ sheet: '维权服务', code: 'B04', cell: n(480), rule: 'parts-sum-mismatch' });

  // 关爱救助: full-width digits; a text that is no number.
  setQuarters('C01', [0, 3100, 3300], 13000);
  set('C01', 'q1', t('３４２６'), 'full-width-digits');
  setQuarters('C02', [41, 37, 45]);
  setQuarters('C03', [38, 30, 40]);
  set('C14', 'q3', t('无'), 'not-a-number');

  // 家庭建设: 近万 (nearly ten thousand) among quarters of that size.
  setQuarters('D03', [0, 9200, 9800]);
  set('D03', 'q1', t('近万'), 'approximate-value');

  // 组织建设: a required quarter left blank.
  set('E03', 'q2', { value: BLANK }, 'required-missing');

  // Rate rows hold each quarter's exact rate, recomputed after the changes above (blank where a figure is unreadable).
  for (const ind of template.indicators) {
    if (ind.kind !== 'rate' || !ind.ratio) continue;
    for (const q of ['q1', 'q2', 'q3'] as const) {
      const a = locate(ind.ratio.numerator, q);
      const b = locate(ind.ratio.denominator, q);
      const av = a.s.cell(a.row, a.col).value;
      const bv = b.s.cell(b.row, b.col).value;
      const { s, row, col } = locate(ind.code, q);
      if (av.kind === 'number' && bv.kind === 'number' && bv.value > 0) s.set(row, col, { value: num(av.value / bv.value), numberFormat: '0.00%' });
      else s.set(row, col, { value: BLANK });
    }
  }
  set('B03', 'q2', { value: cellError('#DIV/0!') }, 'formula-error');

  // 两纲监测: a row without its 终期目标.
  {
    const s = wb.sheet(template.sheets.twoPlan)!;
    const h = headerRow(s, template.twoPlan.columns.code);
    const row = rowOf(s, h, columnOf(s, h, template.twoPlan.columns.code), 'K05');
    s.set(row, columnOf(s, h, template.twoPlan.columns.finalTarget), { value: BLANK });
    problems.push({ sheet: s.name, code: 'K05', cell: { value: BLANK }, rule: 'target-missing' });
  }

  // 封面: an unreadable phone number (ten digits), and no reviewer.
  {
    const s = wb.sheet(template.sheets.cover)!;
    const fieldRow = (key: string): number => {
      const label = template.cover.fields.find((f) => f.key === key || f.type === key)!.label;
      for (let r = 1; r <= s.rowCount; r++) {
        const v = s.cell(r, 1).value;
        if (v.kind === 'text' && v.value.trim() === label) return r;
      }
      throw new Error(`no cover row ${label}`);
    };
    s.set(fieldRow('phone'), 2, t('1389382123'));
    problems.push({ sheet: s.name, code: null, cell: t('1389382123'), rule: 'bad-phone' });
    s.set(fieldRow('reviewer'), 2, { value: BLANK });
    problems.push({ sheet: s.name, code: null, cell: { value: BLANK }, rule: 'cover-field-missing' });
  }
  return { workbook: wb, problems };
}

/** Writes a MemoryWorkbook as .xlsx with ExcelJS: values, formulas, number formats, merges, bold headers, widths. */
export async function toXlsx(wb: MemoryWorkbook, template: Template = standardTemplate()): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'fulian-returns make-sample';
  book.created = new Date(Date.UTC(2026, 9, 8));
  book.modified = book.created;
  const headerLabels = new Set([template.dataColumns.code, template.twoPlan.columns.code]);
  for (const name of wb.sheetNames) {
    const s = wb.sheet(name)!;
    const ws = book.addWorksheet(name);
    for (let r = 1; r <= s.rowCount; r++) {
      const first = s.cell(r, 1).value;
      const header = r === 1 || (first.kind === 'text' && headerLabels.has(first.value));
      for (let c = 1; c <= s.colCount; c++) {
        const cell = s.cell(r, c);
        const v = cell.value;
        if (v.kind === 'blank' && !cell.formula) continue;
        const xc = ws.getCell(r, c);
        let value: ExcelJS.CellValue;
        switch (v.kind) {
          case 'number':
            value = v.value;
            break;
          case 'text':
            value = v.value;
            break;
          case 'boolean':
            value = v.value;
            break;
          case 'date':
            value = dateFromSerial(v.serial);
            break;
          case 'error':
            value = { error: v.code as ExcelJS.CellErrorValue['error'] };
            break;
          default:
            value = null;
        }
        xc.value = cell.formula ? ({ formula: cell.formula.replace(/^=/, ''), result: value } as ExcelJS.CellFormulaValue) : value;
        if (cell.numberFormat) xc.numFmt = cell.numberFormat;
        else if (v.kind === 'date') xc.numFmt = 'yyyy-mm-dd';
        if (header) xc.font = { bold: true };
      }
    }
    for (const m of s.merges) ws.mergeCells(m.start.row, m.start.col, m.end.row, m.end.col);
    const widths =
      name === template.sheets.cover
        ? [14, 30]
        : name === template.sheets.twoPlan
          ? [10, 8, 10, 34, 10, 8, 10, 10, 10, 10, 16, 16]
          : [10, 30, 10, 12, 12, 12, 12, 12, 12, 16, 14, 16];
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  }
  const buf = await book.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? resolve(__dirname, '..', 'assets', 'sample-return.xlsx'));
  const { workbook, problems } = buildSample();
  const bytes = await toXlsx(workbook);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes) with ${problems.length} planted problems:`);
  for (const p of problems) console.log(`  ${p.sheet} ${p.code ?? ''} ${p.rule}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
