/** Reading a return from disk: bytes and a WorkbookView, or one line saying why not. */
import type { WorkbookView } from '../engine/workbook';
import type { Context } from './context';
import { readInput } from './files';
import { loadReader } from './lazy';

export type LoadResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly view: WorkbookView }
  | { readonly ok: false; readonly error: string };

const XLSX_REASONS = new Set([
  'not-xlsx',
  'legacy-xls',
  'ods',
  'xlsb',
  'csv',
  'other-document',
  'encrypted',
  'truncated',
  'too-large',
  'duplicate-entry',
  'no-workbook',
  'empty',
  'bad-xml',
  'beyond-limits',
]);

export async function loadWorkbook(ctx: Context, path: string): Promise<LoadResult> {
  const input = await readInput(ctx.resolve(path));
  if (!input.ok) return { ok: false, error: ctx.m.readFailure(input.failure, input.detail) };
  if (input.bytes.length === 0) return { ok: false, error: ctx.m.readFailure('empty') };
  try {
    const { readXlsx } = await loadReader();
    const { view } = await readXlsx(input.bytes);
    // A package without a single worksheet is an empty workbook, not a return with every sheet missing.
    if (view.sheetNames.length === 0) return { ok: false, error: ctx.m.readFailure('empty') };
    return { ok: true, bytes: input.bytes, view };
  } catch (e) {
    return { ok: false, error: describeXlsxError(ctx, e) };
  }
}

export function describeXlsxError(ctx: Context, e: unknown): string {
  // The xlsx layer's XlsxError, recognised by its reason (no need to load the layer to test instanceof).
  const reason = (e as { reason?: unknown } | null)?.reason;
  if (e instanceof Error && typeof reason === 'string' && XLSX_REASONS.has(reason)) {
    const detail = (e as { detail?: unknown }).detail;
    return ctx.m.readFailure(reason as 'not-xlsx', typeof detail === 'string' ? detail : undefined);
  }
  const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return ctx.m.readFailure('unreadable', detail);
}
