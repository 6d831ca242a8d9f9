/**
 * The review report as a workbook: one sheet, the review table on top (a row per return, needing-a-call first),
 * then each return's findings below it. Unit names and messages are text cells (never formulas); percents are
 * fractions with a percent format, as in 汇总.
 */
import { BLANK, num, text, type Cell, type CellValue } from '../../engine/cell';
import { MemoryWorkbook } from '../../engine/memory-workbook';
import { writeNewXlsx } from '../../xlsx/write';
import { LABELS, reviewHeaders, where, type ReviewModel } from './model';

const PCT = '0.00%';

const t = (s: string | null | undefined): Cell => ({ value: s ? text(s) : BLANK });
const n = (v: number | null | undefined, numberFormat?: string): Cell => {
  const value: CellValue = v === null || v === undefined || !Number.isFinite(v) ? BLANK : num(v);
  return numberFormat && value.kind === 'number' ? { value, numberFormat } : { value };
};

/** The review model as a MemoryWorkbook (exported for tests) and the rows to make bold. */
export function reviewWorkbook(model: ReviewModel): { book: MemoryWorkbook; bold: number[] } {
  const L = LABELS[model.lang];
  const book = new MemoryWorkbook();
  const s = book.addSheet(L.sheet);
  const bold: number[] = [1, 3];
  let r = 1;
  s.set(r, 1, t(`${model.title} · ${L.totals(model.totals.returns, model.totals.withErrors, model.totals.unreadable, model.totals.behind)}`));
  r++;
  s.set(r, 1, t(L.generated(model.templateVersion)));
  r++;
  const headers = [...reviewHeaders(model), L.note];
  headers.forEach((h, i) => s.set(r, i + 1, t(h)));
  r++;
  for (const row of model.rows) {
    s.set(r, 1, t(row.unit));
    s.set(r, 2, t(row.file));
    s.set(r, 3, t(row.period));
    s.set(r, 4, n(row.completeness, PCT));
    if (row.error === null) {
      s.set(r, 5, n(row.errors));
      s.set(r, 6, n(row.warnings));
      s.set(r, 7, n(row.timeProgress, PCT));
      s.set(r, 8, n(row.behind));
      const first = model.lastYear ? 10 : 9;
      if (model.lastYear) s.set(r, 9, t(row.yearOnYear ? L.yoyCounts(row.yearOnYear) : null));
      row.plans.forEach((p, j) => s.set(r, first + j, n(p.percent, PCT)));
    } else {
      s.set(r, headers.length, t(`${L.unreadable}：${row.error}`));
    }
    r++;
  }

  r++;
  s.set(r, 1, t(L.findings));
  bold.push(r);
  r++;
  for (const row of model.rows) {
    const unit = row.unit ?? L.unknownUnit;
    s.set(r, 1, t(row.error !== null ? L.unreadableOf(unit, row.file) : L.findingsOf(unit, row.file, row.findings.length)));
    bold.push(r);
    r++;
    if (row.error !== null) {
      s.set(r, 1, t(`${L.unreadable}：${row.error}`));
      r += 2;
      continue;
    }
    if (row.findings.length === 0) {
      s.set(r, 1, t(L.noFindings));
      r += 2;
      continue;
    }
    L.findingHeaders.forEach((h, i) => s.set(r, i + 1, t(h)));
    bold.push(r);
    r++;
    for (const f of row.findings) {
      s.set(r, 1, t(L.severity[f.severity]));
      s.set(r, 2, t(f.rule));
      s.set(r, 3, t(where(f)));
      s.set(r, 4, t(f.indicator));
      s.set(r, 5, t(f.message));
      r++;
    }
    r++;
  }
  return { book, bold };
}

export async function reviewXlsx(model: ReviewModel): Promise<Uint8Array> {
  const { book, bold } = reviewWorkbook(model);
  const sheet = LABELS[model.lang].sheet;
  return writeNewXlsx(book, { headerRows: { [sheet]: bold } });
}
