/**
 * WPS's cell data into engine cells, and engine colours into WPS's: the pure half of the WPS host (no calls).
 *
 * Shapes handled, because public material does not pin them down for WPS's JavaScript bridge (see the README's list
 * of unverified behaviour): a multi-cell range's Value2 / Formula / NumberFormat as rows of cells (VBA returns a 2-D
 * array), a single cell's as a bare value, NumberFormat of a range whose cells differ as null (VBA Range.NumberFormat:
 * "returns Null if all cells in the specified range don't have the same number format"), and an error cell's Value2
 * either as its text (`#DIV/0!`) or as the COM error code a VBA CVErr carries (0x800A07D7 = -2146826281 for #DIV/0!).
 */
import type { RangeAddress } from '../engine/address';
import { cellError, cellValueFrom, putHostGrid, type CellValue, type ErrorCode } from '../engine/cell';
import type { MemorySheet } from '../engine/memory-workbook';
import type { WpsGrid, WpsScalar } from './api';

/** COM SCODEs of Excel's cell errors (0x800A0000 + xlErr…), as signed 32-bit numbers. */
export const COM_ERROR_CODES: Readonly<Record<number, ErrorCode>> = {
  [-2146826288]: '#NULL!',
  [-2146826281]: '#DIV/0!',
  [-2146826273]: '#VALUE!',
  [-2146826265]: '#REF!',
  [-2146826259]: '#NAME?',
  [-2146826252]: '#NUM!',
  [-2146826246]: '#N/A',
};

/** The COM code of an error (for the fake, which returns errors as WPS's COM heritage would). */
export function comErrorCode(code: ErrorCode): number | undefined {
  for (const [k, v] of Object.entries(COM_ERROR_CODES)) if (v === code) return Number(k);
  return undefined;
}

/** A range's answer as rows × cols: a bare value fills a 1×1 range; a uniform answer (one string) fills them all. */
export function gridOf(answer: WpsGrid, rows: number, cols: number): WpsScalar[][] {
  if (Array.isArray(answer)) return answer.map((line) => (Array.isArray(line) ? [...line] : [line as WpsScalar]));
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => answer as WpsScalar));
}

/** One Value2 into an engine value: WPS's own case, an error as its COM code, then the cases every host shares. */
export function cellValueOf(v: WpsScalar, fmt: string | undefined): CellValue {
  const code = typeof v === 'number' ? COM_ERROR_CODES[v] : undefined;
  return code ? cellError(code) : cellValueFrom(v, fmt);
}

/**
 * A block of cells read from WPS into the engine's sheet. `formats` may hold null where the format is unknown
 * (read as General; WPS in Chinese names General 'G/通用格式', as Excel on the web does).
 */
export function putBlock(
  sheet: MemorySheet,
  at: RangeAddress,
  values: readonly (readonly WpsScalar[])[],
  formulas: readonly (readonly WpsScalar[])[],
  formats: readonly (readonly (string | null)[])[],
): void {
  putHostGrid({ values, formulas, numberFormats: formats }, at.start, (r, c, cell) => sheet.set(r, c, cell), cellValueOf);
}

/** '#FFC7CE' → the BGR number VBA's Color takes (RGB(255, 199, 206) = 255 + 199·256 + 206·65536). */
export function bgrOf(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a colour: ${hex}`);
  return parseInt(m[1]!, 16) + parseInt(m[2]!, 16) * 256 + parseInt(m[3]!, 16) * 65536;
}

/** The inverse of `bgrOf`. */
export function hexOfBgr(n: number): string {
  const h = (x: number): string => x.toString(16).padStart(2, '0').toUpperCase();
  return `#${h(n & 0xff)}${h((n >> 8) & 0xff)}${h((n >> 16) & 0xff)}`;
}

/** Two rule formulas are the same rule: case, spaces and the leading '=' aside. */
export function sameRuleFormula(a: string, b: string): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, '').replace(/^=/, '').toUpperCase();
  return norm(a) === norm(b);
}
