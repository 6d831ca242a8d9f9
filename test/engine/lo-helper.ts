/* Test helper: writes a MemoryWorkbook plus a FillPlan to .xlsx with every formula's cached result spoiled (a text no
   formula yields), lets LibreOffice recalculate it headless (the shared harness, forced to recalculate on load), and
   reads the computed values back: a cell LibreOffice left alone reads back spoiled, never as a plausible blank.
   Only for tests; never imported by src. */
import { existsSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { recalcInLibreOffice } from '../libreoffice/soffice';
import type { FillPlan, MemoryWorkbook } from '../../src/engine';
import { excelJsValue } from '../fixtures/exceljs-value';

export function libreOfficePath(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) if (existsSync(p)) return p;
  return null;
}

/** sheet → A1 → computed value (numbers, strings; '' for an empty result). */
export type Computed = Map<string, Map<string, number | string | null>>;

/** The cached result every formula is written with: no formula of the plan yields it, so only a recalculation clears it. */
export const SPOILED = 'SPOILED-BEFORE-RECALC';

export async function recalcWithLibreOffice(wb: MemoryWorkbook, plan: FillPlan): Promise<Computed> {
  const x = new ExcelJS.Workbook();
  for (const name of wb.sheetNames) {
    const s = wb.sheet(name)!;
    const ws = x.addWorksheet(name);
    for (let r = 1; r <= s.rowCount; r++) {
      for (let c = 1; c <= s.colCount; c++) {
        const cell = s.cell(r, c);
        if (cell.value.kind === 'blank' && !cell.formula) continue;
        const xc = ws.getCell(r, c);
        xc.value = cell.formula ? { formula: cell.formula.slice(1), result: SPOILED } : excelJsValue(cell.value);
        if (cell.numberFormat) xc.numFmt = cell.numberFormat;
      }
    }
  }
  const summary = x.addWorksheet(plan.summary.name);
  for (const w of [...plan.toolOwned, ...plan.summary.cells]) {
    const ws = w.sheet === plan.summary.name ? summary : x.getWorksheet(w.sheet)!;
    const xc = ws.getCell(w.row, w.col);
    xc.value = w.formula ? { formula: w.formula.slice(1), result: SPOILED } : excelJsValue(w.value);
    if (w.numberFormat) xc.numFmt = w.numberFormat;
  }
  const { book } = recalcInLibreOffice({ book: new Uint8Array((await x.xlsx.writeBuffer()) as ArrayBuffer) }, 120_000);
  return parseComputed(book!);
}

const unescapeXml = (x: string): string =>
  x.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Reads cached cell values straight from the xlsx XML (ExcelJS drops a formula result of 0 or ""). */
function parseComputed(bytes: Uint8Array): Computed {
  const files = unzipSync(bytes);
  const get = (p: string): string => strFromU8(files[p] ?? new Uint8Array());
  const shared = [...get('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescapeXml([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const names = [...get('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
  const result: Computed = new Map();
  names.forEach((name, i) => {
    const m = new Map<string, number | string | null>();
    const xml = get(`xl/worksheets/sheet${i + 1}.xml`);
    for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[2] ?? '';
      const body = c[3] ?? '';
      const t = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let out: number | string | null;
      if (v === undefined) out = /<f/.test(body) || t === 'str' ? '' : null;
      else if (t === 's') out = shared[Number(v)] ?? '';
      else if (t === 'str' || t === 'inlineStr' || t === 'e') out = unescapeXml(v);
      else if (t === 'b') out = v === '1' ? 'TRUE' : 'FALSE';
      else out = Number(v);
      m.set(c[1]!, out);
    }
    result.set(name, m);
  });
  return result;
}
