/**
 * Office's range answers into engine cells: the Excel host's value conversion. Office adds nothing of its own to the
 * cases every host shares (`putHostGrid` / `cellValueFrom` in the engine): errors come as their text, dates as serial
 * numbers with a date format, General in the user's locale.
 */
import { parseRange, type RangeAddress } from '../engine/address';
import { putHostGrid, type HostScalar } from '../engine/cell';
import type { MemorySheet } from '../engine/memory-workbook';

/** `Sheet!$A$1:$L$60`, `'My sheet'!A1` or `A1:B2` (as Office and WPS give a range's address) as a range. */
export function rangeOfAddress(address: string): RangeAddress {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  return parseRange(local.replace(/\$/g, ''));
}

/** One sheet's used range, as Office returns it, into engine cells; the range's address gives where it starts. */
export function sheetFromRange(
  sheet: MemorySheet,
  address: string,
  values: readonly (readonly HostScalar[])[],
  formulas: readonly (readonly HostScalar[])[],
  numberFormats: readonly (readonly HostScalar[])[],
): MemorySheet {
  putHostGrid({ values, formulas, numberFormats }, rangeOfAddress(address).start, (row, col, cell) => sheet.set(row, col, cell));
  return sheet;
}
