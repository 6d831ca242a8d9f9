/** Cell values as data: an Excel error such as #DIV/0! is a value, never an exception. */

export const ERROR_CODES = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type CellValue =
  | { readonly kind: 'blank' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** An Excel date as its 1900-system serial (hosts convert 1904-system workbooks). */
  | { readonly kind: 'date'; readonly serial: number }
  | { readonly kind: 'error'; readonly code: ErrorCode };

export interface Cell {
  /** What the cell holds; for a formula, its calculated result (the value cached in the file, or Excel's live value). */
  readonly value: CellValue;
  /** The formula as Excel shows it, with its leading '='; absent for a typed constant. */
  readonly formula?: string;
  /**
   * True for a formula whose file holds no calculated result (`<f>` without `<v>`: a writer that does not calculate,
   * such as openpyxl): `value` is then blank and means nothing, so checks do not judge it. Hosts that calculate
   * (Excel, WPS, the fake) never set it; neither does a file whose formula cached an empty text.
   */
  readonly uncached?: true;
  /** Excel number format code; absent or 'General' when none. */
  readonly numberFormat?: string;
}

export const BLANK: CellValue = Object.freeze({ kind: 'blank' });
export const BLANK_CELL: Cell = Object.freeze({ value: BLANK });

export const blank = (): CellValue => BLANK;
export const num = (value: number): CellValue => ({ kind: 'number', value });
export const text = (value: string): CellValue => ({ kind: 'text', value });
export const bool = (value: boolean): CellValue => ({ kind: 'boolean', value });
export const dateSerial = (serial: number): CellValue => ({ kind: 'date', serial });
export const cellError = (code: ErrorCode): CellValue => ({ kind: 'error', code });

export function isErrorCode(s: string): s is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(s);
}

/** Text that Excel would show as an error value (hosts that only see strings use this). */
export function errorFromText(s: string): CellValue | undefined {
  const t = s.trim().toUpperCase();
  return isErrorCode(t) ? cellError(t) : undefined;
}

export function isBlank(v: CellValue): boolean {
  return v.kind === 'blank' || (v.kind === 'text' && v.value.trim() === '');
}

/** True when a number format shows its value as a percent (ignoring quoted literals). */
export function isPercentFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /%/.test(format.replace(/"[^"]*"|\\./g, ''));
}

/** True when a number format shows a date (y, m with d, or d tokens outside quotes and brackets). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === 'General') return false;
  const f = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[yd]/i.test(f) || /年|月|日/.test(format);
}

// Excel's 1900 system: serial 1 = 1900-01-01, with the fictitious 1900-02-29 at serial 60.
const EPOCH_1900_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function serialFromDate(d: Date): number {
  return (d.getTime() - EPOCH_1900_MS) / DAY_MS;
}

export function dateFromSerial(serial: number): Date {
  return new Date(EPOCH_1900_MS + Math.round(serial * DAY_MS));
}

/** The value as a spreadsheet API holds it: blank as '', dates as their serial, errors by code. */
export function primitiveOf(v: CellValue): number | string | boolean {
  switch (v.kind) {
    case 'blank':
      return '';
    case 'number':
      return v.value;
    case 'date':
      return v.serial;
    case 'text':
      return v.value;
    case 'boolean':
      return v.value;
    case 'error':
      return v.code;
  }
}
