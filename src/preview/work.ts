/**
 * The page's heavy work, as plain functions of bytes: reading a workbook (for the staff view) and reading + checking
 * one return of many (for the reviewer view, with what the roll-up and review report need of it). They run inside the
 * page's worker (worker.ts), or on the page's own thread where no worker can start.
 */
import { checkReturn } from '../engine/check';
import type { Finding, Lang } from '../engine/findings';
import { formatFindings } from '../engine/messages';
import type { ReturnReport } from '../engine/report';
import {
  contributionOf,
  twoPlanRowsOf,
  unitRowOf,
  type CarriedTwoPlanRow,
  type RollupContribution,
  type UnitRow,
} from '../engine/rollup';
import type { Template } from '../engine/template/schema';
import { messages, type ReadFailure } from '../cli/messages';
import { readXlsx } from '../xlsx/read';
import { packView, type PackedWorkbook } from './transfer';

export type ReadResult = { readonly ok: true; readonly book: PackedWorkbook } | { readonly ok: false; readonly error: string };

/** One return of a reviewer's batch: what the review table, the review report, 报送情况 and the roll-up need. */
export type ReviewItem =
  | { readonly file: string; readonly ok: false; readonly error: string }
  | {
      readonly file: string;
      readonly ok: true;
      readonly report: ReturnReport;
      readonly findings: readonly Finding[];
      readonly contribution: RollupContribution;
      readonly unitRow: UnitRow;
      readonly twoPlan: readonly CarriedTwoPlanRow[] | null;
    };

// Each said in the page's language, as the CLI says it (the reader's own message puts English first).
const XLSX_REASONS = new Set<string>(['not-xlsx', 'legacy-xls', 'ods', 'xlsb', 'csv', 'other-document', 'encrypted', 'truncated', 'too-large', 'no-workbook', 'empty']);

/** The CLI's sentence for why a workbook could not be read. */
export function describeReadError(e: unknown, lang: Lang): string {
  const m = messages(lang);
  const reason = (e as { reason?: unknown } | null)?.reason;
  if (e instanceof Error && typeof reason === 'string' && XLSX_REASONS.has(reason)) return m.readFailure(reason as ReadFailure);
  const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return m.readFailure('unreadable', detail);
}

async function readView(bytes: Uint8Array, lang: Lang) {
  if (bytes.length === 0) return { ok: false as const, error: messages(lang).readFailure('empty') };
  try {
    const { view } = await readXlsx(bytes);
    if (view.sheetNames.length === 0) return { ok: false as const, error: messages(lang).readFailure('empty') };
    return { ok: true as const, view };
  } catch (e) {
    return { ok: false as const, error: describeReadError(e, lang) };
  }
}

export async function readWork(bytes: Uint8Array, lang: Lang): Promise<ReadResult> {
  const read = await readView(bytes, lang);
  return read.ok ? { ok: true, book: packView(read.view) } : read;
}

export async function checkWork(
  file: string,
  bytes: Uint8Array,
  template: Template,
  lang: Lang,
  carryTwoPlan: boolean,
): Promise<ReviewItem> {
  const read = await readView(bytes, lang);
  if (!read.ok) return { file, ok: false, error: read.error };
  try {
    const report = checkReturn(read.view, template);
    return {
      file,
      ok: true,
      report,
      findings: formatFindings(report.issues, template, lang),
      contribution: contributionOf(report),
      unitRow: unitRowOf(report, file),
      twoPlan: carryTwoPlan ? twoPlanRowsOf(read.view, report) : null,
    };
  } catch (e) {
    return { file, ok: false, error: messages(lang).readFailure('check-failed', e instanceof Error ? e.message.split('\n')[0] : String(e)) };
  }
}
