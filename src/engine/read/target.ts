/**
 * Two-plan targets as plans write them (spec section 1): a number (`12`, `70%`, `3.0‰`, `≥90`, `不低于90`), a change
 * relative to 基期值 (`比基期下降20%`, `比2020年降低20%`, `降低20%`, `提高5个百分点`, `提高10%`), a qualitative aim
 * (`逐步提高`, `持续下降` …) or an approximate level (`50左右`, `50%左右`). Pure; never throws.
 */
import type { Cell } from '../cell';
import { readNumber, type NumberReading, type ReadContext } from './number';
import { foldFullWidth } from './text';

/** A target as typed, before 基期值 is known. Changes are signed: 降低20% is ratio −0.2, 提高5个百分点 is +5 points. */
export type TargetReading =
  | { readonly kind: 'blank' }
  | { readonly kind: 'number'; readonly reading: Extract<NumberReading, { kind: 'number' }> }
  | { readonly kind: 'invalid'; readonly reading: Extract<NumberReading, { kind: 'invalid' }> }
  | { readonly kind: 'relative'; readonly ratio?: number; readonly points?: number }
  | { readonly kind: 'qualitative'; readonly sign: 1 | -1 }
  | { readonly kind: 'approximate'; readonly value: number };

/** A target that can be judged: a number to meet in the row's direction, better than 基期值, or about a level. */
export type ResolvedTarget =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'better-than-base'; readonly base: number }
  | { readonly kind: 'about'; readonly value: number };

const UP = '提高|提升|增加|增长|上升|升高|增';
const DOWN = '下降|降低|减少|降|减';
const NUMBER = '(\\d+(?:\\.\\d+)?)';
const RELATIVE = new RegExp(`^(?:比(?:基期值?|基数|\\d{4}年(?:基期)?)?)?(${UP}|${DOWN})了?${NUMBER}(%|个百分点)(?:以上)?$`);
const QUALITATIVE = new RegExp(`^(?:逐步|稳步|持续|不断|有所|进一步|逐年)(${UP}|${DOWN})$`);
const APPROXIMATE = /^(?:保持在|稳定在)?(\d+(?:\.\d+)?(?:%|‰)?)左右$/;
const DIRECTION_PREFIX = /^(?:≥|>=|＞=|不低于|不少于|≤|<=|＜=|不高于|不超过)\s*/;

const isDown = (word: string): boolean => new RegExp(`^(?:${DOWN})$`).test(word);

/** Reads a target cell. Percent points of a relative change are in the row's unit (a fraction in a `%` row). */
export function readTarget(cell: Cell, ctx: ReadContext): TargetReading {
  const v = cell.value;
  if (v.kind === 'text') {
    const s = foldFullWidth(v.value).text.replace(/\s+/g, '');
    const rel = RELATIVE.exec(s);
    if (rel) {
      const sign = isDown(rel[1] ?? '') ? -1 : 1;
      const amount = Number(rel[2]);
      if (rel[3] === '%') return { kind: 'relative', ratio: (sign * amount) / 100 };
      return { kind: 'relative', points: (sign * amount) / (ctx.unit === '%' ? 100 : 1) };
    }
    const q = QUALITATIVE.exec(s);
    if (q) return { kind: 'qualitative', sign: isDown(q[1] ?? '') ? -1 : 1 };
    const approx = APPROXIMATE.exec(s);
    if (approx) {
      const r = readNumber({ value: { kind: 'text', value: approx[1] ?? '' } }, ctx);
      if (r.kind === 'number') return { kind: 'approximate', value: r.value };
    }
    const dir = DIRECTION_PREFIX.exec(s);
    if (dir && s.length > dir[0].length) return fromNumber(readNumber({ ...cell, value: { kind: 'text', value: s.slice(dir[0].length) } }, ctx));
  }
  return fromNumber(readNumber(cell, ctx));
}

function fromNumber(r: NumberReading): TargetReading {
  if (r.kind === 'blank') return { kind: 'blank' };
  if (r.kind === 'invalid') return { kind: 'invalid', reading: r };
  return { kind: 'number', reading: r };
}

/** True for the forms that need 基期值 (`base-missing` when it is blank). */
export function needsBase(t: TargetReading): boolean {
  return t.kind === 'relative' || t.kind === 'qualitative';
}

/** The target once 基期值 is known; null when it cannot be told (blank or unreadable, or no 基期值 where one is needed). */
export function resolveTarget(t: TargetReading, base: number | null): ResolvedTarget | null {
  switch (t.kind) {
    case 'number':
      return { kind: 'number', value: t.reading.value };
    case 'approximate':
      return { kind: 'about', value: t.value };
    case 'relative':
      if (base === null) return null;
      return { kind: 'number', value: roundTarget(t.ratio !== undefined ? base * (1 + t.ratio) : base + t.points!) };
    case 'qualitative':
      return base === null ? null : { kind: 'better-than-base', base };
    default:
      return null;
  }
}

/** The number a target stands for, for `target-order`: a qualitative aim has none. */
export function targetNumber(t: ResolvedTarget | null): number | null {
  if (!t || t.kind === 'better-than-base') return null;
  return t.value;
}

/** Rounded to 12 significant digits, so 12 × 0.8 is 9.6 and not 9.600000000000001. */
function roundTarget(v: number): number {
  return Number(v.toPrecision(12));
}

/** How far an approximate level (`50%左右`) may be missed either side: 5% of it. */
export const ABOUT_TOLERANCE = 0.05;
