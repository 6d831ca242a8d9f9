import { type Cell, dateFromSerial, isDateFormat, serialFromDate } from '../cell';
import type { Period, Quarter } from '../report';
import { CHINESE_DIGITS } from './numeral';
import { foldFullWidth, plainNumber } from './text';

/** Typed text with full-width digits and punctuation folded to ASCII, trimmed; null for a non-text cell. */
function foldedText(cell: Cell): string | null {
  if (cell.value.kind !== 'text') return null;
  return foldFullWidth(cell.value.value)
    .text.replace(/[Ｑｑ]/g, 'Q')
    .replace(/／/g, '/')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim();
}


function isQuarter(n: number): n is Quarter {
  return n === 1 || n === 2 || n === 3 || n === 4;
}

function plausibleYear(y: number): boolean {
  return y >= 1900 && y <= 9999;
}

/** 报告期: 2026Q3, 2026年第3季度, 2026年第三季度, 2026年三季度 (also full-width digits); null when unreadable. */
export function readPeriod(cell: Cell): Period | null {
  const s = foldedText(cell);
  if (s === null) return null;
  let year: number;
  let q: number;
  const iso = /^(\d{4})\s*年?\s*-?\s*Q\s*(\d{1,2})$/i.exec(s);
  const zh = /^(\d{4})\s*年\s*(?:第\s*)?(\d{1,2}|[一二两三四五六七八九十])\s*季度?$/.exec(s);
  if (iso) {
    year = Number(iso[1]);
    q = Number(iso[2]);
  } else if (zh) {
    year = Number(zh[1]);
    q = /^\d+$/.test(zh[2]) ? Number(zh[2]) : CHINESE_DIGITS[zh[2]];
  } else {
    return null;
  }
  if (!plausibleYear(year) || !isQuarter(q)) return null;
  return { year, quarter: q };
}

/** The 1900-system serial of a real calendar date, or null (2026-02-30 is no date). */
function serialOf(y: number, m: number, d: number): number | null {
  if (!plausibleYear(y) || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  const serial = serialFromDate(date);
  // Excel counts a fictitious 1900-02-29, so its serials for Jan–Feb 1900 are one lower than the calendar's.
  return serial < 61 ? serial - 1 : serial;
}

/** 填报日期: an Excel date (date value, or number with a date format), or text 2026-10-08 / 2026年10月8日 → 1900-system serial. */
export function readDate(cell: Cell): number | null {
  const v = cell.value;
  if (v.kind === 'date') return Number.isFinite(v.serial) ? v.serial : null;
  if (v.kind === 'number') {
    return Number.isFinite(v.value) && v.value >= 0 && isDateFormat(cell.numberFormat) ? v.value : null;
  }
  const s = foldedText(cell);
  if (s === null) return null;
  // A time of day after the date (2026-10-08 00:00:00, as some exports write it) is ignored.
  const day = s.replace(/(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/, '');
  const m =
    /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/.exec(day) ??
    /^(\d{4})\s*(年)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(day);
  if (!m) return null;
  return serialOf(Number(m[1]), Number(m[3]), Number(m[4]));
}

/** 联系电话: mainland mobile 1[3-9]xxxxxxxxx or a landline such as 0938-8212345. */
export function isPhone(cell: Cell): boolean {
  let s: string | null;
  if (cell.value.kind === 'number') {
    const n = cell.value.value;
    s = Number.isInteger(n) && n > 0 ? plainNumber(n) : null;
  } else {
    s = foldedText(cell);
  }
  if (s === null || s === '') return false;
  // Mobile: 11 digits, spaces or dashes allowed inside (139 1234 5678), optionally after +86.
  const compact = s.replace(/[\s-]/g, '');
  if (/^(?:\+?86)?1[3-9]\d{9}$/.test(compact)) return true;
  // Landline: area code 0 + 2–3 digits (optionally in brackets), an optional dash, 7–8 digits, an optional extension.
  const line = s.replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\s+/g, ' ');
  return /^(?:0\d{2,3}|\(0\d{2,3}\))\s?-?\s?[1-9]\d{6,7}(?:\s?(?:-|转|ext\.?)\s?\d{1,6})?$/i.test(line);
}

/** 行政区划代码: exactly 6 digits (typed as text or a number). */
export function isDivisionCode(cell: Cell): boolean {
  const v = cell.value;
  if (v.kind === 'number') return Number.isInteger(v.value) && v.value >= 100000 && v.value <= 999999;
  if (v.kind === 'text') return /^[0-9]{6}$/.test(v.value.trim());
  return false;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** yyyy-mm-dd of a 1900-system serial, Excel's way (serial 60 is the fictitious 1900-02-29). */
function isoDate(serial: number): string {
  const day = Math.floor(serial);
  if (day === 60) return '1900-02-29';
  const d = dateFromSerial(day < 60 ? day + 1 : day);
  if (Number.isNaN(d.getTime())) return String(serial);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** The text a user sees in a cell, for messages: typed text trimmed, numbers plainly, errors by code. */
export function displayText(cell: Cell): string {
  const v = cell.value;
  switch (v.kind) {
    case 'blank':
      return '';
    case 'text':
      return v.value.trim();
    case 'number':
      return plainNumber(v.value);
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE';
    case 'error':
      return v.code;
    case 'date':
      return isoDate(v.serial);
  }
}
