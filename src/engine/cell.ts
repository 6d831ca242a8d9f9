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

/** 1904-system serial → 1900-system serial (to the nanosecond of a day, so sums of serials stay exact). */
export const serialFrom1904 = (serial: number): number => Math.round((serial + 1462) * 1e9) / 1e9;

/**
 * Whether a number format is General. Hosts answer `numberFormat` in the user's locale (OfficeDev/office-js issues
 * #1553 and #2824): a zh-CN Excel on the web, and WPS in Chinese, say `G/通用格式` where the desktop says `General`.
 * Only General is compared by name; `@`, `%` and date codes are the same in every locale.
 */
export function isGeneralFormat(f: string): boolean {
  return f === '' || /^(General|G\/通用格式|G\/General|常规|通用格式|Standard|Standaard|Général|Generale|Geral)$/i.test(f.trim());
}

/** A number as the engine holds it: a date when its format shows one (a 1904-system workbook's serial converted). */
export function numberValue(n: number, numberFormat: string | undefined, date1904 = false): CellValue {
  if (!isDateFormat(numberFormat)) return num(n);
  return dateSerial(date1904 ? serialFrom1904(n) : n);
}

/** A cell's value as spreadsheet APIs hand it over (Office's `values`, WPS's `Value2`). */
export type HostScalar = string | number | boolean | null | undefined;

/**
 * A host's cell value and number format as an engine value, in the cases every host shares: nothing or '' is blank,
 * a number is a number or (with a date format) a date, an error's text (`#DIV/0!`) is the error, other text is text.
 * What only one host does (WPS's COM error codes) is that host's, before it calls this.
 */
export function cellValueFrom(v: HostScalar, numberFormat: string | undefined): CellValue {
  if (v === null || v === undefined || v === '') return BLANK;
  if (typeof v === 'number') return numberValue(v, numberFormat);
  if (typeof v === 'boolean') return bool(v);
  const s = String(v);
  return errorFromText(s) ?? text(s);
}

/** A used range's answer, row by row: values, formulas and number formats, each as the host gave it. */
export interface HostGrid {
  readonly values: readonly (readonly HostScalar[])[];
  readonly formulas: readonly (readonly HostScalar[])[];
  /** Null or missing where the host did not say (read as General). */
  readonly numberFormats: readonly (readonly HostScalar[])[];
}

/**
 * A host's range answer into engine cells, `set` called for each cell that holds anything, from `at` (the range's
 * top-left cell). A formula counts only when it differs from the value (hosts answer a constant's formula as the
 * constant); General is no format; a formatted blank is kept (as blank) so fill knows a tool-owned cell formatted as
 * Text. `valueOf` is the host's converter (its own cases, then `cellValueFrom`).
 */
export function putHostGrid(
  grid: HostGrid,
  at: { readonly row: number; readonly col: number },
  set: (row: number, col: number, cell: Cell) => void,
  valueOf: (v: HostScalar, numberFormat: string | undefined) => CellValue = cellValueFrom,
): void {
  grid.values.forEach((line, r) => {
    line.forEach((v, c) => {
      const f = grid.formulas[r]?.[c];
      const fmtRaw = grid.numberFormats[r]?.[c];
      const fmt = typeof fmtRaw === 'string' && !isGeneralFormat(fmtRaw) ? fmtRaw : undefined;
      const formula = typeof f === 'string' && f.startsWith('=') && f !== v ? f : undefined;
      const value = valueOf(v, fmt);
      if (value.kind === 'blank' && !formula && !fmt) return;
      set(at.row + r, at.col + c, { value, ...(formula ? { formula } : {}), ...(fmt ? { numberFormat: fmt } : {}) });
    });
  });
}

/** The value as a spreadsheet API holds it: blank as '', dates as their serial, errors by code (Office's `values`). */
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
