/**
 * Highlight marks: which cells get which fill (pure, the WPS host uses it too), and how the Excel host finds,
 * adds and deletes its own conditional formats.
 *
 * A mark is a custom conditional format, always true, carrying our formula as its marker: the cells' own fills and
 * formats are never touched, and clearing restores each cell exactly. A conditional format's id is only "the
 * priority of the conditional format in the current ConditionalFormatCollection" (Excel JavaScript API reference,
 * ConditionalFormat.id): it moves with every rule added or deleted and on reopening, so marks are never remembered
 * by id but found by their marker in a read of the same batch.
 */
import { formatRange, parseA1 } from '../engine/address';
import type { Finding, Severity } from '../engine/findings';
import { rectangles } from './excel-writes';

/** The custom rule of the add-in's own conditional formats: always true, and the marker by which they are found. */
export const MARK_FORMULA = '=N("fulian-returns")=0';

/** Excel's own light fills for bad / neutral / note cells: the colours users know from Excel's cell styles. */
export const MARK_FILLS: Readonly<Record<Severity, string>> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** One mark: a cell or a rectangle of cells on a sheet, in the colour of a severity. */
export interface Mark {
  readonly sheet: string;
  readonly cell: string;
  readonly severity: Severity;
}

/**
 * The marks for findings: each cell in the colour of its most severe finding, adjacent cells of one colour joined
 * into rectangles (a column of blanks is one conditional format, not fifty). Findings without a cell get none.
 */
export function marksFor(findings: readonly Finding[]): Mark[] {
  const by = new Map<string, Mark>();
  for (const f of findings) {
    if (f.cell === null) continue;
    const key = `${f.sheet}\u0000${f.cell.toUpperCase()}`;
    const had = by.get(key);
    if (!had || SEVERITY_RANK[f.severity] > SEVERITY_RANK[had.severity]) by.set(key, { sheet: f.sheet, cell: f.cell, severity: f.severity });
  }
  const out: Mark[] = [];
  const groups = new Map<string, { sheet: string; severity: Severity; cells: { row: number; col: number }[] }>();
  for (const m of by.values()) {
    let at: { row: number; col: number };
    try {
      at = parseA1(m.cell);
    } catch {
      out.push(m); // not a single cell (a range): marked as given
      continue;
    }
    const key = `${m.sheet}\u0000${m.severity}`;
    const group = groups.get(key) ?? { sheet: m.sheet, severity: m.severity, cells: [] };
    group.cells.push(at);
    groups.set(key, group);
  }
  for (const { sheet, severity, cells } of groups.values()) {
    for (const rect of rectangles(cells)) out.push({ sheet, cell: formatRange(rect.range), severity });
  }
  return out;
}

// ---------------------------------------------------------------- the Excel host's marks

/** The conditional formats of one sheet, and the positions of ours among them. */
export interface SheetMarks {
  readonly sheet: string;
  readonly collection: Excel.ConditionalFormatCollection;
  readonly ours: readonly number[];
}

const sameFormula = (a: string, b: string): boolean => a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();

/** Queues a load of a sheet's conditional formats with what tells ours apart (type, then the custom rule's formula). */
export function loadConditionalFormats(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const cfs = sheet.getRange().conditionalFormats;
  cfs.load('items/type, items/customOrNullObject/rule/formula');
  return cfs;
}

/** A sheet's loaded conditional formats with the positions of ours; the rule formula is read only of custom rules. */
export function marksOf(sheet: string, collection: Excel.ConditionalFormatCollection): SheetMarks {
  const ours: number[] = [];
  collection.items.forEach((cf, i) => {
    if (cf.type === 'Custom' && sameFormula(cf.customOrNullObject.rule.formula, MARK_FORMULA)) ours.push(i);
  });
  return { sheet, collection, ours };
}

/**
 * Queues the deletion of our marks. Within a collection, from the last position to the first: whether an item stands
 * for its rule or for its position (an id that is a priority), deleting it never moves a rule still to be deleted.
 */
export function queueDeleteMarks(marks: readonly SheetMarks[]): void {
  for (const m of marks) for (const i of [...m.ours].sort((a, b) => b - a)) m.collection.items[i]?.delete();
}

/** Queues the marks as conditional formats, each sheet got once; `actual` gives a mark's sheet its name in the workbook. */
export function queueAddMarks(excel: typeof Excel, context: Excel.RequestContext, marks: readonly Mark[], actual: (sheet: string) => string): void {
  const sheets = new Map<string, Excel.Worksheet>();
  for (const m of marks) {
    const name = actual(m.sheet);
    let ws = sheets.get(name);
    if (!ws) {
      ws = context.workbook.worksheets.getItem(name);
      sheets.set(name, ws);
    }
    const cf = ws.getRange(m.cell).conditionalFormats.add(excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = MARK_FORMULA;
    cf.custom.format.fill.color = MARK_FILLS[m.severity];
  }
}
