/** A cell position on a sheet, 1-based like Excel's rows and columns. Plain immutable data. */
export interface CellAddress {
  readonly row: number;
  readonly col: number;
}

/** Misuse of the address API (a malformed A1 string from code, not from a workbook). */
export class InvalidAddressError extends Error {
  constructor(readonly input: string) {
    super(`Invalid A1 address: ${JSON.stringify(input)}`);
    this.name = 'InvalidAddressError';
  }
}

export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

export function cellAddress(row: number, col: number): CellAddress {
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 1 || col < 1 || row > MAX_ROW || col > MAX_COL) {
    throw new InvalidAddressError(`R${row}C${col}`);
  }
  return { row, col };
}

/** 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A → 1, AA → 27; throws on anything that is not column letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new InvalidAddressError(letters);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  if (n > MAX_COL) throw new InvalidAddressError(letters);
  return n;
}

const A1 = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

export function parseA1(a1: string): CellAddress {
  const m = A1.exec(a1.trim());
  if (!m) throw new InvalidAddressError(a1);
  return cellAddress(Number(m[2]), columnIndex(m[1] ?? ''));
}

export function formatA1(addr: CellAddress): string {
  return `${columnLetters(addr.col)}${addr.row}`;
}

export function a1(row: number, col: number): string {
  return formatA1(cellAddress(row, col));
}

/** A rectangular range, inclusive on both corners. */
export interface RangeAddress {
  readonly start: CellAddress;
  readonly end: CellAddress;
}

export function parseRange(ref: string): RangeAddress {
  const [s, e] = ref.split(':');
  const start = parseA1(s ?? '');
  const end = e === undefined ? start : parseA1(e);
  return {
    start: { row: Math.min(start.row, end.row), col: Math.min(start.col, end.col) },
    end: { row: Math.max(start.row, end.row), col: Math.max(start.col, end.col) },
  };
}

export function formatRange(r: RangeAddress): string {
  const s = formatA1(r.start);
  const e = formatA1(r.end);
  return s === e ? s : `${s}:${e}`;
}

/** Quote a sheet name for use in a formula reference: '创业就业'!D5. */
export function sheetRef(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}
