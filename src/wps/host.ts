/**
 * The WPS 表格 implementation of `WorkbookHost`, over WPS's JavaScript API (`window.Application`, see api.ts for the
 * sources of every call). The pane, the engine, the findings, the fill plan and the marks are the Excel add-in's.
 *
 * WPS's API is synchronous: every property read and method call crosses into WPS, so the host reads whole ranges
 * (a used range's Value2, Formula and NumberFormat: five calls a sheet) and never cell by cell. Because nothing can
 * change between two synchronous calls, fill reads the workbook afresh and writes in the same turn: a fill never acts
 * on an earlier check's layout.
 *
 * Not established from public material, so kept behind a capability check with a fallback:
 * - NumberFormat of a range whose cells differ: a grid is used as is; VBA's null ("not all the same") is answered by
 *   reading halves of the range until each part is uniform (more calls, only where formats change).
 * - Writing a 2-D array through Range.Formula (VBA accepts "an array of the same dimensions"): on refusal, cell by
 *   cell for that block.
 * - Error cells in Value2: their text or their COM error code are both read as the error.
 */
import { columnLetters, formatRange, parseA1, type RangeAddress } from '../engine/address';
import type { CheckOptions } from '../engine/check';
import { checkReturn, formatFindings, planFill } from '../engine';
import { MemorySheet, MemoryWorkbook } from '../engine/memory-workbook';
import type { Template } from '../engine/template/schema';
import type { CheckOutcome, Diagnosis, WorkbookHost } from '../taskpane/host';
import { MARK_FILLS, MARK_FORMULA, marksFor } from '../taskpane/excel-marks';
import { sheetsToRead } from '../taskpane/excel-read';
import { rangeOfAddress } from '../taskpane/excel-values';
import { planExcelWrites, rectangles, type WriteOp } from '../taskpane/excel-writes';
import { XL_EXPRESSION, type WpsApplication, type WpsGrid, type WpsScalar, type WpsSheets, type WpsWorkbook, type WpsWorksheet } from './api';
import { runWpsDiagnosis } from './diagnose';
import { bgrOf, gridOf, putBlock, sameRuleFormula } from './values';

export interface WpsHostOptions {
  /** WPS's Application; defaults to `window.Application` (WPS加载项 pages get it as a global). */
  readonly application?: WpsApplication;
}

/** What a read of the workbook gives: the engine's view and the workbook's sheet names, in order. */
interface WorkbookRead {
  readonly view: MemoryWorkbook;
  readonly sheetNames: string[];
  readonly summaryExists: boolean;
}

interface ListedSheet {
  readonly name: string;
  readonly sheet: WpsWorksheet;
}

function workbookOf(app: WpsApplication): WpsWorkbook {
  const wb = app.ActiveWorkbook;
  if (!wb) throw new Error('WPS 表格中没有打开的工作簿 (no workbook is open in WPS)');
  return wb;
}

/** Every worksheet with its name: 1 + 2 per sheet calls (Count, then Item(i) and Name). */
function listSheets(sheets: WpsSheets): ListedSheet[] {
  const out: ListedSheet[] = [];
  const n = sheets.Count;
  for (let i = 1; i <= n; i++) {
    const sheet = sheets.Item(i);
    out.push({ name: sheet.Name, sheet });
  }
  return out;
}

/** The sheet of that name, as Excel and WPS find sheets (case-insensitive). */
function findSheet(listed: readonly ListedSheet[], name: string): ListedSheet | undefined {
  return listed.find((s) => s.name === name) ?? listed.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

const rows = (r: RangeAddress): number => r.end.row - r.start.row + 1;
const cols = (r: RangeAddress): number => r.end.col - r.start.col + 1;

/**
 * The number formats of a block: one read when WPS answers with one string (all cells alike) or a grid; when it
 * answers null (the cells differ, as VBA does), the block is halved, columns first, until each part answers.
 */
function readFormats(ws: WpsWorksheet, block: RangeAddress, whole: WpsGrid | undefined): (string | null)[][] {
  const out: (string | null)[][] = Array.from({ length: rows(block) }, () => Array.from({ length: cols(block) }, () => null));
  const fill = (part: RangeAddress, answer: WpsGrid): boolean => {
    if (answer === null || answer === undefined) return false;
    const grid = gridOf(answer, rows(part), cols(part));
    for (let r = 0; r < rows(part); r++) {
      for (let c = 0; c < cols(part); c++) {
        const f = grid[r]?.[c];
        out[part.start.row - block.start.row + r]![part.start.col - block.start.col + c] = typeof f === 'string' ? f : null;
      }
    }
    return true;
  };
  const visit = (part: RangeAddress, answer: WpsGrid): void => {
    if (fill(part, answer)) return;
    if (rows(part) === 1 && cols(part) === 1) return; // a lone cell without a format: General
    const halves: RangeAddress[] =
      cols(part) > 1
        ? splitCols(part)
        : splitRows(part);
    for (const h of halves) visit(h, ws.Range(formatRange(h)).NumberFormat);
  };
  visit(block, whole === undefined ? ws.Range(formatRange(block)).NumberFormat : whole);
  return out;
}

function splitCols(r: RangeAddress): RangeAddress[] {
  const mid = r.start.col + Math.floor(cols(r) / 2) - 1;
  return [
    { start: r.start, end: { row: r.end.row, col: mid } },
    { start: { row: r.start.row, col: mid + 1 }, end: r.end },
  ];
}

function splitRows(r: RangeAddress): RangeAddress[] {
  const mid = r.start.row + Math.floor(rows(r) / 2) - 1;
  return [
    { start: r.start, end: { row: mid, col: r.end.col } },
    { start: { row: mid + 1, col: r.start.col }, end: r.end },
  ];
}

/** One sheet's used range into the engine's sheet: UsedRange, Address, Value2, Formula, NumberFormat (5 calls). */
function readSheet(target: MemorySheet, ws: WpsWorksheet): void {
  const used = ws.UsedRange;
  // Address is a method with optional arguments (EtRange.Address(RowAbsolute, …)); read as a property where a WPS
  // exposes it so.
  const address: unknown = typeof used.Address === 'function' ? used.Address() : (used as unknown as { Address: unknown }).Address;
  const block = rangeOfAddress(String(address));
  const r = rows(block);
  const c = cols(block);
  const values = gridOf(used.Value2, r, c);
  const formulas = gridOf(used.Formula, r, c);
  const formats = readFormats(ws, block, used.NumberFormat);
  putBlock(target, block, values, formulas, formats);
}

/** The template sheets present, read into a view; the sheet names in the workbook's order. */
function readWorkbook(app: WpsApplication, template: Template): WorkbookRead & { listed: ListedSheet[]; sheets: WpsSheets } {
  const sheets = workbookOf(app).Worksheets;
  const listed = listSheets(sheets);
  const view = new MemoryWorkbook();
  for (const name of sheetsToRead(template)) {
    const found = findSheet(listed, name);
    if (!found) continue;
    readSheet(view.addSheet(name), found.sheet);
  }
  return {
    view,
    sheetNames: listed.map((s) => s.name),
    summaryExists: findSheet(listed, template.sheets.summary) !== undefined,
    listed,
    sheets,
  };
}

// ---------------------------------------------------------------- writing

type WriteInput = string | number | boolean | null;

/** A rectangle's rows written through Formula: one call with a 2-D array, or cell by cell where WPS refuses arrays. */
function writeFormulas(ws: WpsWorksheet, at: RangeAddress, data: WriteInput[][]): void {
  const range = ws.Range(formatRange(at));
  if (rows(at) === 1 && cols(at) === 1) {
    range.Formula = data[0]![0] as WpsScalar;
    return;
  }
  try {
    range.Formula = data as WpsScalar[][];
  } catch {
    data.forEach((line, r) =>
      line.forEach((v, c) => {
        ws.Range(formatRange({ start: { row: at.start.row + r, col: at.start.col + c }, end: { row: at.start.row + r, col: at.start.col + c } })).Formula = v as WpsScalar;
      }),
    );
  }
}

/** Cells of a block (row-major) with a key; same-key cells joined into rectangles. */
function blocksBy<T>(at: RangeAddress, data: T[][], keep: (v: T) => boolean, key: (v: T) => string): { key: string; range: RangeAddress; rows: T[][] }[] {
  const groups = new Map<string, { row: number; col: number; v: T }[]>();
  data.forEach((line, r) =>
    line.forEach((v, c) => {
      if (!keep(v)) return;
      const k = key(v);
      const list = groups.get(k) ?? [];
      list.push({ row: at.start.row + r, col: at.start.col + c, v });
      groups.set(k, list);
    }),
  );
  const out: { key: string; range: RangeAddress; rows: T[][] }[] = [];
  for (const [k, cells] of groups) {
    for (const rect of rectangles(cells)) out.push({ key: k, range: rect.range, rows: rect.cells.map((line) => line.map((x) => x.v)) });
  }
  return out;
}

function applyWrite(op: WriteOp, sheetOf: (name: string) => WpsWorksheet): void {
  // Done by the caller: adding and swapping 汇总, the widths, the recalculation.
  if (op.kind === 'add-sheet' || op.kind === 'swap-sheet' || op.kind === 'calculate' || op.kind === 'column-width') return;
  const ws = sheetOf(op.sheet);
  const at = rangeOfAddress(op.address);
  switch (op.kind) {
    case 'number-format':
      // One NumberFormat string per uniform rectangle: VBA documents a string, not a grid, for writes.
      for (const b of blocksBy(at, op.rows, (f) => f !== null, (f) => f!)) ws.Range(formatRange(b.range)).NumberFormat = b.key;
      return;
    case 'formulas':
      // A null input means "leave the cell", as in the Office.js plan: those cells are not written at all.
      for (const b of blocksBy(at, op.rows, (v) => v !== null, () => '')) writeFormulas(ws, b.range, b.rows);
      return;
    case 'bold':
      ws.Range(op.address).Font.Bold = true;
      return;
  }
}

/** A sheet name no sheet has (case-insensitive, as sheet names compare). */
function freeSheetName(listed: readonly ListedSheet[], base: string): string {
  for (let i = 1; ; i++) {
    const n = i === 1 ? base : `${base}${i}`;
    if (!findSheet(listed, n)) return n;
  }
}

function activeSheetName(wb: WpsWorkbook): string | null {
  try {
    return wb.ActiveSheet?.Name ?? null;
  } catch {
    return null;
  }
}

/**
 * Runs a step that would ask the user (deleting a sheet: ET Worksheet.Delete "默认情况下显示一个对话框") with
 * Application.DisplayAlerts off, then puts it back.
 */
function quietly(app: WpsApplication, work: () => void): void {
  let before: boolean | undefined;
  try {
    before = app.DisplayAlerts;
    app.DisplayAlerts = false;
  } catch {
    /* a WPS without DisplayAlerts: it may ask */
  }
  try {
    work();
  } finally {
    if (before !== undefined) app.DisplayAlerts = before;
  }
}

// ---------------------------------------------------------------- the host

/**
 * WPS's Application in this page: `window.Application` (Kingsoft's sample add-in, wpsoa/wpsoa.github.io), else the
 * early OA-assistant form `wps.EtApplication()` that public ET add-ins still fall back to. Null outside WPS.
 */
export function wpsApplication(scope: object = globalThis): WpsApplication | null {
  const g = scope as { Application?: WpsApplication; wps?: { EtApplication?: () => WpsApplication } };
  if (g.Application && typeof g.Application === 'object') return g.Application;
  try {
    if (g.wps && typeof g.wps.EtApplication === 'function') return g.wps.EtApplication() ?? null;
  } catch {
    /* not an ET window */
  }
  return null;
}

export function createWpsHost(options: WpsHostOptions = {}): WorkbookHost {
  const app = (): WpsApplication => {
    const a = options.application ?? wpsApplication();
    if (!a) throw new Error('WPS 的 Application 对象不可用 (window.Application is missing: not inside WPS)');
    return a;
  };

  const checkNow = (template: Template, lang: Parameters<WorkbookHost['check']>[1], opts?: CheckOptions) => {
    const read = readWorkbook(app(), template);
    const report = checkReturn(read.view, template, opts);
    const outcome: CheckOutcome = { report, findings: formatFindings(report.issues, template, lang), sheetNames: read.sheetNames };
    return { read, outcome };
  };
  const check = async (template: Template, lang: Parameters<WorkbookHost['check']>[1], opts?: CheckOptions): Promise<CheckOutcome> =>
    checkNow(template, lang, opts).outcome;

  /** Removes the add-in's own rules (xlExpression with MARK_FORMULA) from every sheet; the user's stay. */
  const sweep = (listed: readonly ListedSheet[]): void => {
    for (const { sheet } of listed) {
      const fcs = sheet.Cells.FormatConditions;
      // From the last: deleting shifts the later items down.
      for (let i = fcs.Count; i >= 1; i--) {
        const fc = fcs.Item(i);
        if (fc.Type === XL_EXPRESSION && sameRuleFormula(String(fc.Formula1 ?? ''), MARK_FORMULA)) fc.Delete();
      }
    }
  };

  return {
    check,

    async fill(template) {
      const a = app();
      const read = readWorkbook(a, template);
      const report = checkReturn(read.view, template);
      const plan = planFill(read.view, template, report);
      const name = plan.summary.name;
      const old = findSheet(read.listed, name);
      // The new 汇总 is written into a sheet of its own and swapped in last, as in Excel: a failure midway leaves the
      // old one as it was.
      const temp = freeSheetName(read.listed, `${name}（新）`);
      const ops = planExcelWrites(plan, { temp, replaces: old ? { position: read.listed.indexOf(old) } : null }, (sheet, row, col) =>
        read.view.sheet(sheet)?.cell(row, col).numberFormat,
      );
      const wb = workbookOf(a);
      const active = activeSheetName(wb);
      const sheets = new Map<string, WpsWorksheet>(read.listed.map((x) => [x.name, x.sheet] as const));
      const sheetOf = (n: string): WpsWorksheet => {
        const ws = sheets.get(n) ?? findSheet(read.listed, n)?.sheet;
        if (!ws) throw new Error(`没有工作表“${n}” (no sheet ${n})`);
        return ws;
      };
      // Sheets.Add(Before, After): after the last sheet; WPS makes it the active sheet (ET Sheets.Add).
      const fresh = read.sheets.Add(null, read.listed[read.listed.length - 1]?.sheet ?? null);
      try {
        fresh.Name = temp;
        sheets.set(temp, fresh);
        for (const op of ops) applyWrite(op, sheetOf);
        // Column widths in characters, as the plan gives them and as VBA's ColumnWidth takes them.
        const cw = plan.summary.columnWidths;
        for (let i = 0; i < cw.length; ) {
          let j = i;
          while (j + 1 < cw.length && cw[j + 1] === cw[i]) j++;
          const w = cw[i];
          if (w !== undefined && w > 0) fresh.Range(`${columnLetters(i + 1)}:${columnLetters(j + 1)}`).ColumnWidth = w;
          i = j + 1;
        }
      } catch (e) {
        quietly(a, () => fresh.Delete());
        throw e;
      }
      if (old) {
        quietly(a, () => old.sheet.Delete());
        fresh.Name = name;
        // Into the old one's place: before the sheet that followed it (Worksheet.Move(Before)).
        const position = read.listed.indexOf(old) + 1;
        const all = wb.Worksheets;
        if (position < all.Count) fresh.Move(all.Item(position));
      } else {
        fresh.Name = name;
      }
      if (active !== null && active !== name) findSheet(listSheets(wb.Worksheets), active)?.sheet.Activate();
      // A workbook in manual calculation shows (and the re-check reads) the new figures (EtApplication.Calculate).
      if (typeof a.Calculate === 'function') a.Calculate();
    },

    async select(sheet, cell) {
      const found = findSheet(listSheets(workbookOf(app()).Worksheets), sheet);
      if (!found) throw new Error(`没有工作表“${sheet}” (no sheet ${sheet})`);
      found.sheet.Activate();
      found.sheet.Range(cell ?? 'A1').Select();
    },

    async highlight(template, lang, opts) {
      // Marks the findings of a check made now, in the same synchronous turn: the cells marked are those at fault.
      const { read, outcome } = checkNow(template, lang, opts);
      sweep(read.listed);
      let refused = 0;
      let firstRefusal = '';
      for (const m of marksFor(outcome.findings)) {
        const found = findSheet(read.listed, m.sheet);
        if (!found) continue;
        try {
          parseA1(m.cell.split(':')[0] ?? '');
        } catch {
          continue;
        }
        try {
          const fc = found.sheet.Range(m.cell).FormatConditions.Add(XL_EXPRESSION, null, MARK_FORMULA);
          fc.Interior.Color = bgrOf(MARK_FILLS[m.severity]);
        } catch (e) {
          // WPS's documentation (FormatCondition 对象) allows three conditional formats a range; a cell already
          // holding the user's three gets no mark, and the pane says so.
          refused++;
          firstRefusal ||= `${m.sheet}!${m.cell}: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
      if (refused) throw new Error(`${refused} 处问题单元格未能标记，WPS 拒绝添加条件格式（${firstRefusal}）`);
      return outcome;
    },

    async clearHighlights() {
      sweep(listSheets(workbookOf(app()).Worksheets));
    },

    // One sheet's values by name (Worksheets holds hidden and very hidden sheets too): how the pane finds the
    // template a return carries. Null when there is no such sheet.
    async readSheet(name) {
      const found = findSheet(listSheets(workbookOf(app()).Worksheets), name);
      if (!found) return null;
      const into = new MemorySheet(found.name);
      const used = found.sheet.UsedRange;
      const address: unknown = typeof used.Address === 'function' ? used.Address() : (used as unknown as { Address: unknown }).Address;
      const block = rangeOfAddress(String(address));
      putBlock(into, block, gridOf(used.Value2, rows(block), cols(block)), [], []);
      return into;
    },

    async diagnose(): Promise<Diagnosis> {
      return runWpsDiagnosis(app(), { formula: MARK_FORMULA, fill: MARK_FILLS.error });
    },
  };
}
