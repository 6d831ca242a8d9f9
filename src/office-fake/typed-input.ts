/**
 * What Excel makes of a value written into a cell, as if typed: shared by both fakes (WPS 表格 reads typed input as
 * Excel does). Browser-safe: no Node built-ins.
 */
import { BLANK, errorFromText, type CellValue } from '../engine/cell';
import { isValidFormula } from './formula';

/** What a host is given to write into a cell: through Office's `values` / `formulas`, or WPS's `Value2` / `Formula`. */
export type TypedInput = number | string | boolean | null | undefined;

const serialOf = (y: number, m: number, d: number): number => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

/**
 * What Excel makes of text it is given as typed input in a General cell, beyond plain numbers: accounting negatives
 * `(5)` → −5, percents, mixed fractions `1 1/2`, grouped digits and currency, and dates in the forms a zh-CN Excel
 * reads (`1月2日`, `2024年3月`, `2024年3月5日`, `2024-03-05`, `2024/3/5`). Null when it stays text.
 */
export function excelConversion(t: string): { value: CellValue; numberFormat?: string } | null {
  const num = (v: number, numberFormat?: string) => ({ value: { kind: 'number', value: v } as CellValue, ...(numberFormat ? { numberFormat } : {}) });
  let m: RegExpExecArray | null;
  if ((m = /^\((\d+(?:\.\d+)?)\)$/.exec(t))) return num(-Number(m[1]));
  if ((m = /^([+-]?\d+(?:\.\d+)?)%$/.exec(t))) return num(Number(m[1]) / 100, '0%');
  if ((m = /^(\d+) (\d+)\/(\d+)$/.exec(t)) && Number(m[3]) > 0) return num(Number(m[1]) + Number(m[2]) / Number(m[3]), '# ?/?');
  if ((m = /^[$¥￥]?(\d{1,3}(?:,\d{3})+(?:\.\d+)?)$/.exec(t))) return num(Number(m[1]!.replace(/,/g, '')));
  if ((m = /^[$¥￥](\d+(?:\.\d+)?)$/.exec(t))) return num(Number(m[1]));
  const date = (y: number, mo: number, d: number, numberFormat: string) =>
    mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? num(serialOf(y, mo, d), numberFormat) : null;
  if ((m = /^(\d{1,2})月(\d{1,2})日$/.exec(t))) return date(new Date().getFullYear(), Number(m[1]), Number(m[2]), 'm"月"d"日"');
  if ((m = /^(\d{4})年(\d{1,2})月$/.exec(t))) return date(Number(m[1]), Number(m[2]), 1, 'yyyy"年"m"月"');
  if ((m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t))) return date(Number(m[1]), Number(m[2]), Number(m[3]), 'yyyy"年"m"月"d"日"');
  if ((m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t))) return date(Number(m[1]), Number(m[2]), Number(m[3]), 'yyyy/m/d');
  return null;
}

/**
 * Excel's reading of an input written through `values` or `formulas` (typed-in semantics; WPS copies them for
 * Value2 and Formula): 'skip' for null (Office leaves the cell), 'invalid' for what Excel refuses.
 */
export function typedInput(
  input: TypedInput,
  numberFormat: string,
): { value: CellValue; formula?: string; numberFormat?: string } | 'skip' | 'invalid' {
  if (input === null || input === undefined) return 'skip';
  if (typeof input === 'number') return Number.isFinite(input) ? { value: { kind: 'number', value: input } } : 'invalid';
  if (typeof input === 'boolean') return { value: { kind: 'boolean', value: input } };
  if (typeof input !== 'string') return 'invalid';
  if (numberFormat === '@') return { value: input === '' ? BLANK : { kind: 'text', value: input } };
  if (input === '') return { value: BLANK };
  if (input.startsWith("'")) return { value: input.length > 1 ? { kind: 'text', value: input.slice(1) } : BLANK };
  if (input.startsWith('=') && input.length > 1) {
    return isValidFormula(input) ? { value: BLANK, formula: input } : 'invalid';
  }
  const t = input.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { value: { kind: 'number', value: Number(t) } };
  if (/^(TRUE|FALSE)$/i.test(t)) return { value: { kind: 'boolean', value: t.toUpperCase() === 'TRUE' } };
  const e = errorFromText(t);
  if (e) return { value: e };
  const converted = excelConversion(t);
  if (converted) return numberFormat === 'General' || converted.numberFormat === undefined ? converted : { value: converted.value };
  return { value: { kind: 'text', value: input } };
}
