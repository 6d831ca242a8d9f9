/**
 * The Office.js implementation of `WorkbookHost`: the task pane's Excel host. Its parts, by job: excel-read.ts (the
 * reader and its strategy), excel-values.ts (Office's answers into engine cells), excel-writes.ts (the fill plan as
 * range writes, pure), excel-marks.ts (highlight marks), excel-diagnose.ts (the self-test). Only these files talk to
 * Excel.
 *
 * Every write reads what it needs in the same Excel.run (contract section 7): fill = read + write, highlight = read
 * + write, clearHighlights = read + write, check = read; select = 1. A read is one context.sync; more only on rare
 * paths (ReadStrategy in excel-read.ts); writes whose estimated request passes ~4 MB are split.
 *
 * Requirement sets: ExcelApi 1.1 (calculationMode, calculate), 1.2 (protection), 1.4 (getUsedRangeOrNullObject,
 * getItemOrNullObject) and 1.6 (conditional formats, customOrNullObject); nothing above ExcelApi 1.6.
 */
import type { CheckOptions } from '../engine/check';
import type { Lang } from '../engine/findings';
import { checkReturn, formatFindings, planFill } from '../engine';
import type { Template } from '../engine/template/schema';
import { HostError, type CheckOutcome, type Diagnosis, type HostProblem, type WorkbookHost } from './host';
import { runDiagnosis } from './excel-diagnose';
import { MARK_FILLS, MARK_FORMULA, marksFor, queueAddMarks, queueDeleteMarks } from './excel-marks';
import { codeOf, sameName, WorkbookReader, type ReadWants, type SheetInfo, type WorkbookRead } from './excel-read';
import { batchWrites, DEFAULT_PAYLOAD_BUDGET, planExcelWrites, type WriteOp } from './excel-writes';

export interface ExcelHostOptions {
  /** The Excel namespace; defaults to the global `Excel` (Office.js, or the fake the preview installs). */
  readonly excel?: typeof Excel;
  /** Writes whose estimated request exceeds this many bytes are split across syncs (default 4 MB). */
  readonly payloadBudget?: number;
}

/**
 * Queues one write. Sheets are got once per batch: in Office every proxy is an object path plus an instantiate
 * action in the request, and a sheet proxy got before `add` would fail to instantiate.
 */
function queueWrite(context: Excel.RequestContext, op: WriteOp, sheets: Map<string, Excel.Worksheet>): void {
  if (op.kind === 'add-sheet') {
    sheets.set(op.sheet, context.workbook.worksheets.add(op.sheet));
    return;
  }
  if (op.kind === 'calculate') {
    context.workbook.application.calculate('Full');
    return;
  }
  if (op.kind === 'swap-sheet') {
    const fresh = sheets.get(op.sheet) ?? context.workbook.worksheets.getItem(op.sheet);
    if (op.replaces) {
      context.workbook.worksheets.getItem(op.into).delete();
      fresh.name = op.into;
      fresh.position = op.replaces.position;
    } else {
      fresh.name = op.into;
    }
    return;
  }
  let sheet = sheets.get(op.sheet);
  if (!sheet) {
    sheet = context.workbook.worksheets.getItem(op.sheet);
    sheets.set(op.sheet, sheet);
  }
  switch (op.kind) {
    case 'number-format':
      sheet.getRange(op.address).numberFormat = op.rows as unknown as string[][];
      return;
    case 'formulas':
      sheet.getRange(op.address).formulas = op.rows as unknown as string[][];
      return;
    case 'bold':
      sheet.getRange(op.address).format.font.bold = true;
      return;
    case 'column-width':
      sheet.getRange(op.address).format.columnWidth = op.points;
      return;
  }
}

/** A failure Excel reports, as the pane can say it: protection and focus loss get their own problem. */
function hostErrorOf(e: unknown): unknown {
  if (e instanceof HostError) return e;
  const code = codeOf(e);
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'AccessDenied') return new HostError({ kind: 'protected', sheets: [] }, message);
  // select, activate and worksheets.add fail with GeneralException when another workbook takes the focus mid-call.
  if (code === 'GeneralException') return new HostError({ kind: 'focus' }, message);
  return e;
}

function refuseProtected(sheets: readonly SheetInfo[], written: Iterable<string>): void {
  const names = [...written];
  const locked = sheets.filter((s) => s.protected && names.some((n) => sameName(n, s.name))).map((s) => s.name);
  if (locked.length) {
    const problem: HostProblem = { kind: 'protected', sheets: locked };
    throw new HostError(problem, `protected: ${locked.join(', ')}`);
  }
}

/** A sheet name no sheet has, for the new 汇总 while the old one still stands (31 characters at most). */
function freeName(sheets: readonly SheetInfo[], base: string): string {
  for (let i = 1; ; i++) {
    const name = `${base}~新${i > 1 ? i : ''}`.slice(0, 31);
    if (!sheets.some((s) => sameName(s.name, name))) return name;
  }
}

export function createExcelHost(options: ExcelHostOptions = {}): WorkbookHost {
  const excel = (): typeof Excel => {
    const x = options.excel ?? (globalThis as { Excel?: typeof Excel }).Excel;
    if (!x) throw new Error('Office.js (Excel) is not loaded');
    return x;
  };
  const budget = options.payloadBudget ?? DEFAULT_PAYLOAD_BUDGET;
  const reader = new WorkbookReader(budget);
  /** The template of the last check, fill or highlight (configuration, not layout): which sheets clear reads first. */
  let lastTemplate: Template | null = null;
  const readIn = (context: Excel.RequestContext, template: Template | null, wants: ReadWants): Promise<WorkbookRead> => {
    if (template) lastTemplate = template;
    return reader.read(context, template, wants);
  };

  const outcomeOf = (read: WorkbookRead, template: Template, lang: Lang, options?: CheckOptions): CheckOutcome => {
    const report = checkReturn(read.view, template, options);
    return { report, findings: formatFindings(report.issues, template, lang), sheetNames: read.sheets.map((s) => s.name) };
  };

  const run = async <R>(batch: (context: Excel.RequestContext) => Promise<R>): Promise<R> => {
    try {
      return await excel().run(batch);
    } catch (e) {
      throw hostErrorOf(e);
    }
  };

  return {
    readSheet: (name) => run((context) => reader.readSheet(context, name)),

    check: (template, lang, options) =>
      run(async (context) => outcomeOf(await readIn(context, template, { cells: true, marks: false }), template, lang, options)),

    fill: (template) =>
      run(async (context) => {
        const read = await readIn(context, template, { cells: true, marks: false });
        const report = checkReturn(read.view, template);
        const plan = planFill(read.view, template, report);
        const old = read.sheets.find((s) => sameName(s.name, template.sheets.summary));
        const temp = freeName(read.sheets, template.sheets.summary);
        refuseProtected(read.sheets, [...plan.toolOwned.map((w) => w.sheet), ...(old ? [old.name] : [])]);
        const ops = planExcelWrites(plan, { temp, replaces: old ? { position: old.position } : null }, (sheet, row, col) =>
          read.view.sheet(sheet)?.cell(row, col).numberFormat,
        );
        const sheets = new Map<string, Excel.Worksheet>();
        try {
          for (const batch of batchWrites(ops, budget)) {
            for (const op of batch) queueWrite(context, op, sheets);
            await context.sync();
          }
        } catch (e) {
          // The new 汇总 is dropped; the old one was deleted only in the last step, so it is still there.
          try {
            const leftover = context.workbook.worksheets.getItemOrNullObject(temp);
            await context.sync();
            if (!leftover.isNullObject) {
              leftover.delete();
              await context.sync();
            }
          } catch {
            // The cleanup is best effort; the failure the user must hear about is the write's.
          }
          throw e;
        }
      }),

    select: (sheet, cell) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell ?? 'A1').select();
        await context.sync();
      }),

    highlight: (template, lang, options) =>
      run(async (context) => {
        const read = await readIn(context, template, { cells: true, marks: true });
        const outcome = outcomeOf(read, template, lang, options);
        const present = (name: string) => read.sheets.find((s) => sameName(s.name, name));
        const wanted = marksFor(outcome.findings).filter((m) => present(m.sheet));
        refuseProtected(read.sheets, [...wanted.map((m) => m.sheet), ...read.marks.filter((m) => m.ours.length).map((m) => m.sheet)]);
        // Deletes first: an add takes the top priority and moves every other rule's position.
        queueDeleteMarks(read.marks);
        queueAddMarks(excel(), context, wanted, (sheet) => present(sheet)?.name ?? sheet);
        if (wanted.length || read.marks.some((m) => m.ours.length)) await context.sync();
        return outcome;
      }),

    clearHighlights: () =>
      run(async (context) => {
        // The template of the last check says which sheets to look at first; without one every sheet is listed.
        const read = await readIn(context, lastTemplate, { cells: false, marks: true });
        refuseProtected(read.sheets, read.marks.filter((m) => m.ours.length).map((m) => m.sheet));
        queueDeleteMarks(read.marks);
        if (read.marks.some((m) => m.ours.length)) await context.sync();
      }),

    diagnose: (): Promise<Diagnosis> => runDiagnosis(excel(), { formula: MARK_FORMULA, fill: MARK_FILLS.error }),
  };
}
