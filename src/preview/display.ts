/**
 * How the preview grid shows a cell, the way Excel would: percent formats (0.00% / 0.0%), dates by the format's
 * pattern (yyyy-mm-dd when it has none of its own), fixed decimals and thousands separators from simple formats,
 * numbers plainly under General, error values by their code. Pure; no DOM.
 */
import { dateFromSerial, isDateFormat, isPercentFormat, type Cell, type CellValue } from '../engine/cell';

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

/** Rounds half away from zero on the decimal digits Excel shows (15 significant), not on the binary value: 79.675 → 79.68. */
export function roundShown(n: number, decimals: number): number {
  const p = Math.abs(Number(n.toPrecision(15)));
  if (/e/i.test(String(p))) return Number(n.toFixed(decimals));
  const r = Number(`${Math.round(Number(`${p}e${decimals}`))}e-${decimals}`);
  return n < 0 ? -r : r;
}

function fixed(n: number, decimals: number, grouping: boolean): string {
  const s = Math.abs(roundShown(n, decimals)).toFixed(decimals);
  const [i, f] = s.split('.');
  const body = (grouping ? group(i) : i) + (f !== undefined ? `.${f}` : '');
  return (n < 0 && Number(s) !== 0 ? '-' : '') + body;
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
  if (isPercentFormat(format)) return `${fixed(n * 100, decimalsOf(format), section.includes(','))}%`;
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

/** Numbers, dates and booleans sit right in Excel; errors centre; text sits left. */
export function alignmentOf(value: CellValue): 'left' | 'right' | 'center' {
  if (value.kind === 'number' || value.kind === 'date') return 'right';
  if (value.kind === 'error' || value.kind === 'boolean') return 'center';
  return 'left';
}
