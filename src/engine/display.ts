/**
 * How a value shows under its number format, the way Excel shows it: the one display rounding every surface uses (the
 * pane, the summary's prose, the CLI, the review reports, the web page's grid). Percent formats (0.00% / 0.0%), fixed
 * decimals and thousands separators from simple formats, dates by the format's pattern (yyyy-mm-dd when it has none
 * of its own), numbers plainly under General, error values by their code. Rounding is half away from zero on the
 * decimal value (spec section 4, "Figures are the same everywhere"). Pure.
 */
import { dateFromSerial, isDateFormat, isPercentFormat, type Cell, type CellValue } from './cell';

/** The format's first section with quoted literals, escapes, colours and conditions removed. */
function mainSection(format: string): string {
  let section = '';
  let inQuote = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch === ';') break;
    section += ch;
  }
  return section;
}

function literalFree(section: string): string {
  return section.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '');
}

/** Digits after the decimal point a number format asks for (0.00% → 2). */
export function decimalsOf(format: string): number {
  const m = /\.([0#?]+)/.exec(literalFree(mainSection(format)));
  return m ? m[1].length : 0;
}

/** Excel's General format: up to 11 significant digits, no trailing zeros, scientific only for extreme magnitudes. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e11 || abs < 1e-9) {
    const [mantissa, exponent] = n.toExponential(5).split('e');
    const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${m}E${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  const s = Number(n.toPrecision(11)).toString();
  return s;
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `x × 10^shift` as a fixed decimal string with `decimals` digits, rounded as Excel shows it: half away from zero on
 * the decimal value Excel keeps (15 significant digits), never on the binary approximation — 0.79675 → 79.68 at two
 * decimals with shift 2 (percent), 1.005 → 1.01, 0.00005 → 0.01 (percent). No exponent form, no `-0`.
 */
export function toFixedShown(x: number, decimals: number, shift = 0): string {
  if (!Number.isFinite(x)) return String(x);
  const [mantissa, exponent] = Math.abs(x).toExponential(14).split('e');
  let digits = mantissa!.replace('.', '');
  // The decimal point sits after `point` digits of `digits`.
  let point = Number(exponent) + 1 + shift;
  if (point < 1) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  const want = point + decimals;
  if (digits.length < want + 1) digits = digits.padEnd(want + 1, '0');
  let kept = digits.slice(0, want);
  if (digits.charCodeAt(want) >= 53 /* '5' */) kept = incremented(kept);
  const whole = kept.slice(0, kept.length - decimals).replace(/^0+(?=\d)/, '');
  const frac = kept.slice(kept.length - decimals);
  const body = decimals > 0 ? `${whole}.${frac}` : whole;
  return x < 0 && /[1-9]/.test(kept) ? `-${body}` : body;
}

/** A string of decimal digits plus one ('199' → '200', '99' → '100'). */
function incremented(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/** The number Excel shows at `decimals` fixed decimals (rounded as `toFixedShown` rounds). */
export function roundShown(n: number, decimals: number): number {
  return Number(toFixedShown(n, decimals));
}

/** A fraction as a percent with fixed decimals, as Excel shows it under `0.00%`: 3187/4000 → `79.68%`. */
export function formatPercent(fraction: number, decimals = 2): string {
  return `${toFixedShown(fraction, decimals, 2)}%`;
}

function fixed(n: number, decimals: number, grouping: boolean, shift = 0): string {
  const s = toFixedShown(n, decimals, shift);
  const negative = s.startsWith('-');
  const [i, f] = (negative ? s.slice(1) : s).split('.');
  return (negative ? '-' : '') + (grouping ? group(i!) : i!) + (f !== undefined ? `.${f}` : '');
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats a 1900-system serial with a date pattern (yyyy, yy, m/mm, d/dd, h/hh, mm as minutes after h, ss). */
export function formatDate(serial: number, format?: string): string {
  const d = dateFromSerial(serial);
  const parts = {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    min: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  };
  const pattern = format && isDateFormat(format) ? mainSection(format).replace(/\[[^\]]*\]/g, '') : 'yyyy-mm-dd';
  let out = '';
  let lastWasHour = false;
  for (let i = 0; i < pattern.length; ) {
    const rest = pattern.slice(i);
    const quoted = /^"([^"]*)"/.exec(rest);
    if (quoted) {
      out += quoted[1];
      i += quoted[0].length;
      continue;
    }
    if (rest[0] === '\\' && rest.length > 1) {
      out += rest[1];
      i += 2;
      continue;
    }
    const token = /^(yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|e|AM\/PM)/i.exec(rest)?.[0];
    if (!token) {
      if (rest[0] !== '@' && rest[0] !== '*' && rest[0] !== '_') out += rest[0];
      i += 1;
      continue;
    }
    const t = token.toLowerCase();
    if (t === 'yyyy' || t === 'e') out += String(parts.y);
    else if (t === 'yy') out += pad(parts.y % 100);
    else if (t === 'mm' || t === 'm') {
      // m after an hour (or before seconds) means minutes, as in Excel.
      const minutes = lastWasHour || /^(m{1,2})[^a-z]*s/i.test(rest);
      const v = minutes ? parts.min : parts.m;
      out += t === 'mm' ? pad(v) : String(v);
    } else if (t === 'mmm' || t === 'mmmm') out += `${parts.m}月`;
    else if (t === 'dd') out += pad(parts.d);
    else if (t === 'd') out += String(parts.d);
    else if (t === 'ddd' || t === 'dddd') out += '日一二三四五六'[d.getUTCDay()];
    else if (t === 'hh') out += pad(parts.h);
    else if (t === 'h') out += String(parts.h);
    else if (t === 'ss') out += pad(parts.s);
    else if (t === 's') out += String(parts.s);
    else out += token;
    lastWasHour = t === 'h' || t === 'hh';
    i += token.length;
  }
  return out;
}

/** A number under its format. */
export function formatNumber(n: number, format?: string): string {
  if (!format || format === 'General' || format === '@') return formatGeneral(n);
  if (isDateFormat(format)) return formatDate(n, format);
  const section = literalFree(mainSection(format));
  if (isPercentFormat(format)) return `${fixed(n, decimalsOf(format), section.includes(','), 2)}%`;
  if (/[0#?]/.test(section)) return fixed(n, decimalsOf(format), /[0#?],[0#?]/.test(section));
  return formatGeneral(n);
}

/** The text a cell shows, as Excel would show it. */
export function displayValue(value: CellValue, format?: string): string {
  switch (value.kind) {
    case 'blank':
      return '';
    case 'number':
      return formatNumber(value.value, format);
    case 'text':
      return value.value;
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
    case 'date':
      return formatDate(value.serial, format);
    case 'error':
      return value.code;
  }
}

export const displayCell = (cell: Cell): string => displayValue(cell.value, cell.numberFormat);
