/**
 * The .xlsx layer: reading a workbook into the engine's WorkbookView, patching a FillPlan into the package
 * surgically, and writing a new return. Host-neutral: bytes in, bytes out (no fs), so the browser preview can use it.
 */
import type { WorkbookView } from '../engine/workbook';
import type { FillPlan } from '../engine/fill-plan';

export type XlsxErrorReason = 'not-xlsx' | 'encrypted' | 'truncated' | 'too-large' | 'no-workbook' | 'empty';

/** A file that cannot be read as a workbook; the message is one line fit for a user (English + Chinese). */
export class XlsxError extends Error {
  constructor(
    readonly reason: XlsxErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'XlsxError';
  }
}

export interface LoadedWorkbook {
  view: WorkbookView;
  date1904: boolean;
}

/** Throws XlsxError for damaged input (one clear English+Chinese-friendly message), never a stack trace. */
export async function readXlsx(_bytes: Uint8Array, _opts?: { maxUncompressedBytes?: number }): Promise<LoadedWorkbook> {
  throw new XlsxError('not-xlsx', 'readXlsx: not implemented yet');
}

/** Applies a FillPlan to the package; returns new bytes. Pure. */
export function patchXlsx(_bytes: Uint8Array, _plan: FillPlan): Uint8Array {
  throw new Error('patchXlsx: not implemented yet');
}

/** A blank return (from buildBlankReturn's MemoryWorkbook) as .xlsx bytes, typable in Excel: column widths, bold headers. */
export async function writeNewXlsx(_view: WorkbookView, _opts?: { sheetOrder?: string[] }): Promise<Uint8Array> {
  throw new Error('writeNewXlsx: not implemented yet');
}
