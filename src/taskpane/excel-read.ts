/**
 * The Excel host's one reader: the template sheets' used ranges and every sheet's marks, as a batch asks, in as few
 * syncs as the workbook allows. How the cells come is the read's strategy (`ReadStrategy`); what each sheet's answer
 * becomes is excel-values.ts.
 *
 * Nothing is chained on a possibly-null object (the reference documents no such chaining): sheets are got with
 * `getItem`, which fails the whole read when one is missing, and the read is then redone from the sheet list.
 */
import { formatRange, type RangeAddress } from '../engine/address';
import { MemorySheet, MemoryWorkbook } from '../engine/memory-workbook';
import type { Template } from '../engine/template/schema';
import { loadConditionalFormats, marksOf, type SheetMarks } from './excel-marks';
import { rangeOfAddress, sheetFromRange } from './excel-values';

/** Properties the check reads of each used range: nothing else. */
export const CHECK_LOAD = 'values, formulas, numberFormat, address';

/** A generous estimate of one cell's share of a read's response (value, formula and number format as JSON), bytes. */
const READ_BYTES_PER_CELL = 64;
/** A used range past this many cells is read by the parts that hold cells (Excel answers values as null past 5 M). */
const SPARSE_READ_CELLS = 5_000_000;
/** At most this many parts: scattered cells beyond it are read in bands as they are. */
const MAX_SPARSE_PARTS = 64;

/**
 * How a read gets the template sheets' cells, cheapest first:
 * - `at-once`: the sheet list and every template sheet by name, used ranges whole, in one sync (the usual case);
 * - `by-names`: the sheet list first, then the template sheets it holds, by their names there (one is missing or
 *   renamed: `getItem` failed the first attempt), and the other sheets' marks in the same sync;
 * - `in-bands`: the sheet list and the used ranges' addresses first, then each used range in row bands within the
 *   budget (the whole answer would pass Excel on the web's 5 MB response limit).
 * A used range whose values come back null (past 5 M cells) is read in bands whatever the strategy.
 */
export type ReadStrategy = 'at-once' | 'by-names' | 'in-bands';

/** One sheet of the workbook as the read found it. */
export interface SheetInfo {
  readonly name: string;
  readonly position: number;
  readonly protected: boolean;
}

export interface WorkbookRead {
  readonly view: MemoryWorkbook;
  /** Every sheet, in workbook order. */
  readonly sheets: readonly SheetInfo[];
  /** Marks on every sheet (when asked for). */
  readonly marks: readonly SheetMarks[];
  /** How the cells were read. */
  readonly strategy: ReadStrategy;
}

export interface ReadWants {
  /** The template sheets' used ranges (false: marks only, for clear). */
  readonly cells: boolean;
  /** Every sheet's conditional formats, ours picked out by their marker. */
  readonly marks: boolean;
}

/** The template sheets a check reads, in template order (汇总 is the tool's own and is not read). */
export function sheetsToRead(template: Template): string[] {
  return [template.sheets.cover, ...template.sheets.data.map((d) => d.name), template.sheets.twoPlan];
}

/** Excel compares sheet names case-insensitively. */
export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The code of an Office error (`ItemNotFound`, `AccessDenied`, …), if it has one. */
export const codeOf = (e: unknown): string | undefined => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
};

/** A range in four (two when one side is a single row or column). */
function quarters(r: RangeAddress): RangeAddress[] {
  const midRow = Math.floor((r.start.row + r.end.row) / 2);
  const midCol = Math.floor((r.start.col + r.end.col) / 2);
  const rows = r.start.row === r.end.row ? [[r.start.row, r.end.row] as const] : [[r.start.row, midRow] as const, [midRow + 1, r.end.row] as const];
  const cols = r.start.col === r.end.col ? [[r.start.col, r.end.col] as const] : [[r.start.col, midCol] as const, [midCol + 1, r.end.col] as const];
  return rows.flatMap(([r1, r2]) => cols.map(([c1, c2]) => ({ start: { row: r1, col: c1 }, end: { row: r2, col: c2 } })));
}

const cellCount = (r: RangeAddress): number => (r.end.row - r.start.row + 1) * (r.end.col - r.start.col + 1);

/** A template sheet queued for the read: its used range loaded whole, or its address only (to be read in bands). */
interface QueuedSheet {
  readonly name: string;
  readonly actual: string;
  readonly sheet: Excel.Worksheet;
  readonly used: Excel.Range | null;
  readonly whole: boolean;
  readonly marks: Excel.ConditionalFormatCollection | null;
}

export class WorkbookReader {
  /**
   * Whether the last read found every template sheet: a hint of which strategy to start with (`at-once`, or
   * `by-names`), never a layout. A wrong hint costs one sync.
   */
  private allSheetsThere = true;

  /** Bytes a read's answer may take (the write budget; Excel on the web refuses answers past 5 MB). */
  constructor(private readonly budget: number) {}

  /** The workbook as it is now: the template sheets' cells and every sheet's marks, as asked (see ReadStrategy). */
  async read(context: Excel.RequestContext, template: Template | null, wants: ReadWants): Promise<WorkbookRead> {
    const worksheets = context.workbook.worksheets;
    const names = template ? sheetsToRead(template) : [];
    const queueList = (): void => void worksheets.load('items/name, items/position, items/protection/protected');
    const queueSheet = (name: string, actual: string, whole: boolean): QueuedSheet => {
      const sheet = worksheets.getItem(actual);
      const used = wants.cells ? sheet.getUsedRangeOrNullObject(false) : null;
      used?.load(whole ? CHECK_LOAD : 'address');
      return { name, actual, sheet, used, whole, marks: wants.marks ? loadConditionalFormats(sheet) : null };
    };
    // Marks travel with copied sheets and renamed ones: the sheets not read by name are looked at too (the tool's
    // own 汇总 never carries marks).
    const queueOthers = (read: readonly QueuedSheet[]) =>
      worksheets.items
        .filter((s) => !read.some((r) => sameName(r.actual, s.name)) && !(template && sameName(s.name, template.sheets.summary)))
        .map((s) => ({ sheet: s.name, collection: loadConditionalFormats(worksheets.getItem(s.name)) }));

    let strategy: ReadStrategy = this.allSheetsThere ? 'at-once' : 'by-names';
    let queued: QueuedSheet[] | null = null;
    if (strategy === 'at-once') {
      queueList();
      const attempt = names.map((n) => queueSheet(n, n, true));
      try {
        await context.sync();
        queued = attempt;
      } catch (e) {
        const code = codeOf(e);
        if (code === 'ResponsePayloadSizeLimitExceeded') strategy = 'in-bands';
        else if (code === 'ItemNotFound') strategy = 'by-names';
        else throw e;
      }
    }
    let others: { sheet: string; collection: Excel.ConditionalFormatCollection }[] = [];
    if (!queued) {
      queueList();
      await context.sync();
      const present = names.flatMap((n) => {
        const found = worksheets.items.find((s) => sameName(s.name, n));
        return found ? [{ n, actual: found.name }] : [];
      });
      this.allSheetsThere = present.length === names.length;
      queued = present.map((p) => queueSheet(p.n, p.actual, strategy !== 'in-bands'));
      // The sheet list is known: the other sheets' marks come in the same sync.
      if (wants.marks) others = queueOthers(queued);
      if (queued.length || others.length) await context.sync();
    }
    const sheets: SheetInfo[] = worksheets.items.map((s) => ({ name: s.name, position: s.position, protected: s.protection.protected }));

    const view = new MemoryWorkbook();
    for (const q of queued) {
      const into = view.addSheet(q.name);
      if (!q.used || q.used.isNullObject) continue;
      if (q.whole && q.used.values !== null && q.used.values !== undefined) {
        sheetFromRange(into, q.used.address, q.used.values, q.used.formulas, q.used.numberFormat);
      } else {
        await this.readInBands(context, q.sheet, q.used.address, into);
      }
    }

    const marks: SheetMarks[] = [];
    if (wants.marks) {
      for (const q of queued) if (q.marks) marks.push(marksOf(q.actual, q.marks));
      // Read at once by name: the other sheets' marks need one more sync, only when the workbook has such sheets.
      if (strategy === 'at-once') {
        others = queueOthers(queued);
        if (others.length) await context.sync();
      }
      for (const x of others) marks.push(marksOf(x.sheet, x.collection));
    }
    return { view, sheets, marks, strategy };
  }

  /** One sheet's values by name, or null when there is none: one sync when absent, two when present. */
  async readSheet(context: Excel.RequestContext, name: string): Promise<MemorySheet | null> {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    sheet.load('name');
    await context.sync();
    if (sheet.isNullObject) return null;
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('values, address');
    await context.sync();
    const into = new MemorySheet(sheet.name);
    if (!used.isNullObject) sheetFromRange(into, used.address, used.values, [], []);
    return into;
  }

  /**
   * The parts of a used range that hold cells, when the range is vast and mostly empty (a stray cell at XFD1048576
   * makes a cover's used range 17 billion cells): each part over the limit is split in four and each quarter asked
   * for its own used range, one sync per round, so the work follows where the cells are, never the area. A range
   * within the limit is returned as it is.
   */
  private async usedParts(context: Excel.RequestContext, sheet: Excel.Worksheet, address: string): Promise<RangeAddress[]> {
    let open = [rangeOfAddress(address)];
    const parts: RangeAddress[] = [];
    while (open.length) {
      const big = open.filter((r) => cellCount(r) > SPARSE_READ_CELLS && parts.length + open.length <= MAX_SPARSE_PARTS);
      parts.push(...open.filter((r) => !big.includes(r)));
      if (!big.length) break;
      const probes = big.flatMap(quarters).map((q) => {
        const used = sheet.getRange(formatRange(q)).getUsedRangeOrNullObject(false);
        used.load('address');
        return used;
      });
      await context.sync();
      open = probes.filter((u) => !u.isNullObject).map((u) => rangeOfAddress(u.address));
    }
    return parts;
  }

  /** A used range too big for one answer, in row bands each within the budget; as many syncs as needed. */
  private async readInBands(context: Excel.RequestContext, sheet: Excel.Worksheet, address: string, into: MemorySheet): Promise<void> {
    for (const r of await this.usedParts(context, sheet, address)) {
      const rowBytes = (r.end.col - r.start.col + 1) * READ_BYTES_PER_CELL;
      const rowsPerBand = Math.max(1, Math.floor((this.budget * 0.75) / rowBytes));
      const bandsPerSync = Math.max(1, Math.floor((this.budget * 0.75) / (rowsPerBand * rowBytes)));
      let pending: Excel.Range[] = [];
      const flush = async (): Promise<void> => {
        if (!pending.length) return;
        await context.sync();
        for (const b of pending) sheetFromRange(into, b.address, b.values, b.formulas, b.numberFormat);
        pending = [];
      };
      for (let top = r.start.row; top <= r.end.row; top += rowsPerBand) {
        const bottom = Math.min(r.end.row, top + rowsPerBand - 1);
        const band = sheet.getRange(formatRange({ start: { row: top, col: r.start.col }, end: { row: bottom, col: r.end.col } }));
        band.load(CHECK_LOAD);
        pending.push(band);
        if (pending.length >= bandsPerSync) await flush();
      }
      await flush();
    }
  }
}
