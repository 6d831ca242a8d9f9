/**
 * The reader the CLI had before src/xlsx/reader: ExcelJS over the vetted package. Kept in the bench only, to measure
 * the new reader and a serial check against it (not part of any product path).
 */
import ExcelJS from 'exceljs';
import type { RangeAddress } from '../src/engine/address';
import {
  BLANK,
  bool,
  cellError,
  isErrorCode,
  num,
  serialFromDate,
  text,
  type Cell,
  type CellValue,
} from '../src/engine/cell';
import { MemoryWorkbook } from '../src/engine/memory-workbook';
import type { WorkbookView } from '../src/engine/workbook';
import { xlsxError } from '../src/xlsx/errors';
import { listSheets, parseRels, relsPathFor, workbookPart } from '../src/xlsx/opc';
import { findElement, parseAttrs, rootPrefix } from '../src/xlsx/xml';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES, noWorkbook, openPackage, text as partText, writePackage } from '../src/xlsx/zip';

export interface LoadedWorkbook {
  view: WorkbookView;
  date1904: boolean;
}

/** ExcelJS's rich text runs, hyperlink objects and formula values, as far as we read them. */
type RichText = { richText: { text: string }[] };
type ExcelValue =
  | null
  | undefined
  | number
  | string
  | boolean
  | Date
  | { error: string }
  | RichText
  | { text: string | RichText; hyperlink: string }
  | { formula?: string; sharedFormula?: string; result?: unknown };

function plainText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && Array.isArray((v as RichText).richText)) return (v as RichText).richText.map((r) => r.text ?? '').join('');
  return v === null || v === undefined ? '' : String(v);
}

export async function readXlsxWithExcelJs(bytes: Uint8Array, opts?: { maxUncompressedBytes?: number }): Promise<LoadedWorkbook> {
  const pkg = openPackage(bytes, opts?.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES);
  const wb = workbookPart(pkg.parts, (n) => partText(pkg.parts.get(n)));
  if (!wb) throw noWorkbook(pkg.parts);
  const wbXml = partText(pkg.parts.get(wb))!;
  const sheets = listSheets(wbXml, wb, parseRels(partText(pkg.parts.get(relsPathFor(wb)))));
  if (!sheets.some((s) => s.type?.endsWith('/worksheet'))) throw xlsxError('empty');
  const prFound = findElement(wbXml, `${rootPrefix(wbXml, 'workbook')}workbookPr`);
  const pr = prFound ? parseAttrs(wbXml.slice(prFound.start, prFound.tagEnd)).get('date1904') : undefined;
  const date1904 = pr === '1' || pr === 'true';

  const workbook = new ExcelJS.Workbook();
  try {
    // Stored (level 0): ExcelJS's unzip then only copies what we already inflated within the limit.
    await workbook.xlsx.load(writePackage(pkg, 0) as unknown as ArrayBuffer);
  } catch (e) {
    throw xlsxError('not-xlsx', `damaged workbook content (工作簿内容损坏): ${(e as Error).message}`);
  }
  // ExcelJS converts serials to Dates with its own reading of date1904 ("1" only).
  const excelJs1904 = Boolean(workbook.properties?.date1904);

  const dateSerial = (d: Date): number => {
    const raw = serialFromDate(d) - (excelJs1904 ? 1462 : 0);
    return Math.round((date1904 ? raw + 1462 : raw) * 1e9) / 1e9;
  };
  const toValue = (v: unknown): CellValue => {
    const x = v as ExcelValue;
    if (x === null || x === undefined) return BLANK;
    if (typeof x === 'number') return Number.isFinite(x) ? num(x) : cellError('#NUM!');
    if (typeof x === 'string') return text(x);
    if (typeof x === 'boolean') return bool(x);
    if (x instanceof Date) return Number.isNaN(x.getTime()) ? BLANK : { kind: 'date', serial: dateSerial(x) };
    if ('error' in x) return isErrorCode(x.error) ? cellError(x.error) : cellError('#VALUE!');
    if ('richText' in x) return text(plainText(x));
    if ('hyperlink' in x) return text(plainText(x.text));
    if ('formula' in x || 'sharedFormula' in x) return toValue(x.result);
    return BLANK;
  };

  const view = new MemoryWorkbook();
  if (workbook.worksheets.length === 0) throw xlsxError('empty');
  for (const ws of workbook.worksheets) {
    const sheet = view.addSheet(ws.name);
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (c, col) => {
        if (c.isMerged && c.master !== c) return;
        const raw = c.value as ExcelValue;
        let formula: string | undefined;
        if (raw && typeof raw === 'object' && !(raw instanceof Date) && ('formula' in raw || 'sharedFormula' in raw)) {
          const f = c.formula || (raw as { formula?: string }).formula;
          if (f) formula = f.startsWith('=') ? f : `=${f}`;
        }
        // ExcelJS's cell.value copies only truthy results (a cached 0 or FALSE would vanish); cell.result does not.
        const value = formula ? toValue((c as unknown as { result: unknown }).result) : toValue(raw);
        const fmt = c.numFmt;
        const cell: Cell = {
          value,
          ...(formula ? { formula } : {}),
          ...(fmt && fmt !== 'General' ? { numberFormat: fmt } : {}),
        };
        if (value.kind === 'blank' && !formula) return;
        sheet.set(r, col, cell);
      });
    });
    const merges = (ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges;
    sheet.merges = Object.values(merges ?? {}).map(
      (m): RangeAddress => ({ start: { row: m.top, col: m.left }, end: { row: m.bottom, col: m.right } }),
    );
  }
  return { view, date1904 };
}
