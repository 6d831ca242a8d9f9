/* Test helper: writes a MemoryWorkbook plus a FillPlan to .xlsx (formulas without cached results), lets LibreOffice
   recalculate it headless, and reads the computed values back. Only for tests; never imported by src. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FillPlan, MemoryWorkbook } from '../../src/engine';
import { excelJsValue } from '../fixtures/exceljs-value';

export function libreOfficePath(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) if (existsSync(p)) return p;
  return null;
}

/** sheet → A1 → computed value (numbers, strings; '' for an empty result). */
export type Computed = Map<string, Map<string, number | string | null>>;

export async function recalcWithLibreOffice(wb: MemoryWorkbook, plan: FillPlan): Promise<Computed> {
  const soffice = libreOfficePath();
  if (!soffice) throw new Error('LibreOffice not installed');
  const dir = mkdtempSync(join(tmpdir(), 'fulian-lo-'));
  try {
    const x = new ExcelJS.Workbook();
    for (const name of wb.sheetNames) {
      const s = wb.sheet(name)!;
      const ws = x.addWorksheet(name);
      for (let r = 1; r <= s.rowCount; r++) {
        for (let c = 1; c <= s.colCount; c++) {
          const cell = s.cell(r, c);
          if (cell.value.kind === 'blank' && !cell.formula) continue;
          const xc = ws.getCell(r, c);
          xc.value = cell.formula ? { formula: cell.formula.slice(1) } : excelJsValue(cell.value);
          if (cell.numberFormat) xc.numFmt = cell.numberFormat;
        }
      }
    }
    const summary = x.addWorksheet(plan.summary.name);
    for (const w of [...plan.toolOwned, ...plan.summary.cells]) {
      const ws = w.sheet === plan.summary.name ? summary : x.getWorksheet(w.sheet)!;
      const xc = ws.getCell(w.row, w.col);
      xc.value = w.formula ? { formula: w.formula.slice(1) } : excelJsValue(w.value);
      if (w.numberFormat) xc.numFmt = w.numberFormat;
    }
    const src = join(dir, 'in.xlsx');
    await x.xlsx.writeFile(src);
    const out = join(dir, 'out');
    execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'xlsx', '--outdir', out, src], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    return parseComputed(readFileSync(join(out, 'in.xlsx')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
