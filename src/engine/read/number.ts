import { type Cell, type CellValue, errorFromText, isPercentFormat } from '../cell';
import type { CellParams, OwnParams } from '../findings';
import type { Template } from '../template/schema';
import { displayText } from './cover';
import { parseFigure } from './numeral';
import { foldFullWidth, plainNumber, roundSignificant } from './text';

/** A warning earned while reading a value that still counts (e.g. 1262余 counts as 1262). */
export interface ReadNote {
  readonly rule: 'approximate-value' | 'unit-in-cell' | 'full-width-digits';
  /** The params of the note's message that the reader knows (where the cell is, its caller adds). */
  readonly params: OwnParams<ReadNote['rule'], CellParams>;
}

/** A value the reader refused, and what the cell shows. */
export interface ReadRefusal {
  readonly kind: 'invalid';
  readonly rule: 'not-a-number' | 'formula-error';
  readonly params: OwnParams<ReadRefusal['rule'], CellParams>;
}

export type NumberReading =
  | { readonly kind: 'blank' }
  | { readonly kind: 'number'; readonly value: number; readonly notes: readonly ReadNote[] }
  | ReadRefusal;

export interface ReadContext {
  /** The column's unit (计量单位 of the indicator): 人, 万元, %, … */
  readonly unit: string;
  readonly units: Template['units'];
}

const PERCENT = '%';

/** Words before a figure that make it approximate (约300, 近万, 超过500). Longest first. */
const APPROX_PREFIXES = [
  '不少于',
  '差不多',
  '大约',
  '大概',
  '约莫',
  '将近',
  '接近',
  '超过',
  '不足',
  '不到',
  '多于',
  '少于',
  '约',
  '近',
  '逾',
  '超',
  '~',
  '～',
  '≈',
] as const;

/** Words after a figure, or after its unit, that make it approximate (1262余, 3000多, 300人左右). Longest first. */
const APPROX_SUFFIXES = ['左右', '以上', '以下', '上下', '出头', '有余', '余', '多', '来', '许', '+'] as const;

const MAGNITUDE_CHARS = /^[十百千万亿]+/;

/** Minus signs other than ASCII '-' that users paste (the full-width one is folded separately). */
const OTHER_MINUS = /[\u2212\ufe63]/g;

/** Zero-width characters that text pasted from the web carries invisibly. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Reads what a user typed into a numeric cell (spec section 3). Never throws and never alters the cell.
 * For unit '%' the result is a fraction (20.61% → 0.2061), whatever way it was typed.
 */
export function readNumber(cell: Cell, ctx: ReadContext): NumberReading {
  try {
    return readValue(cell.value, cell.numberFormat, ctx);
  } catch {
    // A defensive net only: no input is known to reach it.
    return { kind: 'invalid', rule: 'not-a-number', params: { text: safeText(cell.value) } };
  }
}

function safeText(v: CellValue): string {
  try {
    return displayText({ value: v });
  } catch {
    return '';
  }
}

function readValue(v: CellValue, numberFormat: string | undefined, ctx: ReadContext): NumberReading {
  switch (v.kind) {
    case 'blank':
      return { kind: 'blank' };
    case 'number': {
      if (!Number.isFinite(v.value)) return notANumber(String(v.value));
      if (ctx.unit === PERCENT && !isPercentFormat(numberFormat)) {
        return { kind: 'number', value: roundSignificant(v.value / 100, 15), notes: [] };
      }
      return { kind: 'number', value: v.value, notes: [] };
    }
    case 'error':
      return { kind: 'invalid', rule: 'formula-error', params: { text: v.code } };
    case 'boolean':
    case 'date':
      return notANumber(displayText({ value: v }));
    case 'text':
      return readText(v.value, ctx);
  }
}

function notANumber(text: string): NumberReading {
  return { kind: 'invalid', rule: 'not-a-number', params: { text } };
}

/** Strips approximation words (约, 左右 …) from one end of `s`, repeatedly, never leaving it empty. */
function stripAffixes(s: string, affixes: readonly string[], end: 'start' | 'end'): { rest: string; found: boolean } {
  let rest = s;
  let found = false;
  for (let again = true; again; ) {
    again = false;
    for (const p of affixes) {
      if ((end === 'start' ? rest.startsWith(p) : rest.endsWith(p)) && rest.length > p.length) {
        rest = end === 'start' ? rest.slice(p.length) : rest.slice(0, rest.length - p.length);
        found = again = true;
        break;
      }
    }
  }
  return { rest, found };
}

const stripPrefixes = (s: string): { rest: string; found: boolean } => stripAffixes(s, APPROX_PREFIXES, 'start');
const stripSuffixes = (s: string): { rest: string; found: boolean } => stripAffixes(s, APPROX_SUFFIXES, 'end');

/** The unit typed at the end of `s`, if it is one the column can take: its own unit, a template unit, or %. */
function trailingUnit(s: string, ctx: ReadContext): string | null {
  for (const u of unitCandidates(ctx)) if (s.length > u.length && s.endsWith(u)) return u;
  return null;
}

const NO_UNITS: ReadContext['units'] = {};
const candidateCache = new WeakMap<object, Map<string, readonly string[]>>();

/** The units a column can take, longest first (so 万元 wins over 元); cached per units table and column unit. */
function unitCandidates(ctx: ReadContext): readonly string[] {
  const table = ctx.units ?? NO_UNITS;
  let byUnit = candidateCache.get(table);
  if (!byUnit) candidateCache.set(table, (byUnit = new Map()));
  let list = byUnit.get(ctx.unit);
  if (!list) {
    list = [...new Set([ctx.unit, ...Object.keys(table), PERCENT])]
      .filter((u) => u !== '')
      .sort((a, b) => b.length - a.length);
    byUnit.set(ctx.unit, list);
  }
  return list;
}

function unitOf(ctx: ReadContext, name: string): { dimension: string; factor: number } | undefined {
  return Object.prototype.hasOwnProperty.call(ctx.units ?? {}, name) ? ctx.units[name] : undefined;
}

/** value × factor(from) ÷ factor(to), rounded to 10 significant digits (24000元 → exactly 2.4 万元). */
function convert(value: number, from: { factor: number }, to: { factor: number }): number {
  return roundSignificant((value * from.factor) / to.factor, 10);
}

function readText(raw: string, ctx: ReadContext): NumberReading {
  const typed = raw.trim();
  if (typed === '') return { kind: 'blank' };
  const err = errorFromText(typed);
  if (err && err.kind === 'error') return { kind: 'invalid', rule: 'formula-error', params: { text: err.code } };

  const folded = foldFullWidth(typed);
  let s = folded.text.replace(OTHER_MINUS, '-').replace(INVISIBLE, '').trim();
  // Spaces may separate words (约 300, 300 元) but never the digits of one number (1 226).
  if (/[0-9.,]\s+[0-9.,]/.test(s)) return notANumber(typed);
  s = s.replace(/\s+/g, '');

  const pre = stripPrefixes(s);
  const suf1 = stripSuffixes(pre.rest);
  let rest = suf1.rest;
  const unit = trailingUnit(rest, ctx);
  let approximate = pre.found || suf1.found;
  if (unit !== null) {
    rest = rest.slice(0, rest.length - unit.length);
    const suf2 = stripSuffixes(rest);
    rest = suf2.rest;
    approximate ||= suf2.found;
  }

  const figure = parseFigure(rest);
  if (figure === null) return notANumber(typed);
  approximate ||= figure.approximate;

  let value: number;
  let unitNote = false;
  const col = unitOf(ctx, ctx.unit);
  if (unit === PERCENT || ctx.unit === PERCENT) {
    // Text is in percent points whether or not it carries its sign; only a % column takes a percent.
    if (ctx.unit !== PERCENT || (unit !== null && unit !== PERCENT)) return notANumber(typed);
    value = roundSignificant(figure.value / 100, 15);
  } else if (unit !== null) {
    unitNote = true;
    if (unit === ctx.unit) {
      value = figure.value;
    } else {
      const typedUnit = unitOf(ctx, unit);
      if (!typedUnit || !col || typedUnit.dimension !== col.dimension) return notANumber(typed);
      value = convert(figure.value, typedUnit, col);
    }
  } else if (figure.trailingMagnitude !== '' && col) {
    // In a 万元 column, 11.6万 means 11.6 万元 and 5千 means 5 千元 (0.5 万元): magnitude words name money in 元.
    const baseName = ctx.unit.replace(MAGNITUDE_CHARS, '');
    const base = baseName !== ctx.unit ? unitOf(ctx, baseName) : undefined;
    if (base && base.dimension === col.dimension) {
      value = convert(figure.value, base, col);
      unitNote = figure.trailingMagnitude + baseName !== ctx.unit;
      if (!unitNote) value = figure.beforeTrailingMagnitude;
    } else {
      value = figure.value;
    }
  } else {
    value = figure.value;
  }
  if (!Number.isFinite(value)) return notANumber(typed);
  if (value === 0) value = 0; // no -0

  const notes: ReadNote[] = [];
  const params = { text: typed, value: plainNumber(value, 6), unit: ctx.unit };
  if (approximate) notes.push({ rule: 'approximate-value', params });
  if (unitNote) notes.push({ rule: 'unit-in-cell', params });
  if (folded.hadFullWidth) notes.push({ rule: 'full-width-digits', params });
  return { kind: 'number', value, notes };
}
