/**
 * The figure part of a typed value: Arabic numbers (with ASCII thousands separators, decimals, exponent, sign),
 * Chinese numerals (三千, 两万, 一百五) and magnitude words (11.6万, 3千万, 近万 → 万). Pure; never throws.
 */

export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

/** Markers inside a figure meaning "more than" (300余万, 3万多5千 is not Chinese but 三十多万 is). */
const INLINE_APPROX = new Set(['余', '多', '来']);

/** An Arabic number at a position: 1,226 (groups of three only), 11.6, .5, 300., 1e5. */
const ARABIC = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;

export interface Figure {
  readonly value: number;
  /** An inline approximate marker was found (300余万). */
  readonly approximate: boolean;
  /** The magnitude words ending the figure (`万` in 11.6万, `千万` in 3千万), '' when none. */
  readonly trailingMagnitude: string;
  /** The value before those trailing magnitude words were applied (11.6 for 11.6万). */
  readonly beforeTrailingMagnitude: number;
}

type Token =
  | { readonly t: 'digit'; readonly v: number; readonly single: boolean; readonly zero: boolean }
  | { readonly t: 'small'; readonly v: number; readonly ch: string }
  | { readonly t: 'big'; readonly v: number; readonly ch: string }
  | { readonly t: 'approx' };

function tokenize(s: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    ARABIC.lastIndex = i;
    const m = ARABIC.exec(s);
    if (m && m[0].length > 0 && /[0-9.]/.test(ch)) {
      const v = Number(m[0].replace(/,/g, ''));
      if (!Number.isFinite(v)) return null;
      tokens.push({ t: 'digit', v, single: m[0].length === 1, zero: false });
      i += m[0].length;
      continue;
    }
    if (ch in CHINESE_DIGITS) {
      tokens.push({ t: 'digit', v: CHINESE_DIGITS[ch], single: true, zero: CHINESE_DIGITS[ch] === 0 });
    } else if (ch in SMALL_UNITS) {
      tokens.push({ t: 'small', v: SMALL_UNITS[ch], ch });
    } else if (ch in BIG_UNITS) {
      tokens.push({ t: 'big', v: BIG_UNITS[ch], ch });
    } else if (INLINE_APPROX.has(ch)) {
      tokens.push({ t: 'approx' });
    } else {
      return null;
    }
    i += 1;
  }
  return tokens;
}

/** Reads a figure; null when the string is not one. `s` holds no whitespace and only ASCII digits. */
export function parseFigure(s: string): Figure | null {
  let sign = 1;
  let body = s;
  if (body.startsWith('+') || body.startsWith('-')) {
    if (body.startsWith('-')) sign = -1;
    body = body.slice(1);
    if (!/^[0-9.]/.test(body)) return null;
  }
  if (body === '') return null;
  const tokens = tokenize(body);
  if (!tokens || tokens.length === 0) return null;
  if (tokens[0].t === 'approx') return null;

  // Trailing magnitude words (after any inline approximate marker, which is dropped for this split).
  let end = tokens.length;
  while (end > 0 && tokens[end - 1].t === 'approx') end -= 1;
  let magStart = end;
  while (magStart > 0 && (tokens[magStart - 1].t === 'small' || tokens[magStart - 1].t === 'big')) magStart -= 1;

  const whole = evaluate(tokens);
  if (whole === null) return null;
  let trailingMagnitude = '';
  let before = whole.value;
  if (magStart < end && magStart === 0) {
    // Magnitude words alone (近万, 万余): an implied one.
    before = 1;
    trailingMagnitude = tokens
      .slice(0, end)
      .map((t) => (t.t === 'small' || t.t === 'big' ? t.ch : ''))
      .join('');
  } else if (magStart < end) {
    const head = evaluate(tokens.slice(0, magStart));
    if (head !== null) {
      before = head.value;
      trailingMagnitude = tokens
        .slice(magStart, end)
        .map((t) => (t.t === 'small' || t.t === 'big' ? t.ch : ''))
        .join('');
    }
  }
  const value = sign * whole.value;
  if (!Number.isFinite(value)) return null;
  return {
    value: value === 0 ? 0 : value,
    approximate: whole.approximate,
    trailingMagnitude,
    beforeTrailingMagnitude: sign * before,
  };
}

/** Evaluates tokens as a Chinese-style numeral in which Arabic numbers stand for digits. */
function evaluate(tokens: readonly Token[]): { value: number; approximate: boolean } | null {
  let total = 0;
  let section = 0;
  let current: number | null = null;
  let currentSingle = false;
  let lastSmall = Infinity;
  let lastBig: number | null = null;
  let prev: Token | null = null;
  let afterZero = false;
  let approximate = false;
  let sawValue = false;

  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    switch (tok.t) {
      case 'digit': {
        if (tok.zero && (current !== null || k + 1 < tokens.length)) {
          // 零 as a placeholder (一千零五) or after a figure it is a further digit: only the placeholder is Chinese.
          if (current !== null) return null;
          afterZero = true;
          sawValue = true;
          break;
        }
        if (current !== null) return null;
        current = tok.v;
        currentSingle = tok.single;
        sawValue = true;
        break;
      }
      case 'small': {
        if (current === null) {
          // 十二 = 12 and 近千 = 1000: an implied one, only at the very start.
          if (k !== 0) return null;
          current = 1;
        }
        if (tok.v >= lastSmall) return null;
        section += current * tok.v;
        lastSmall = tok.v;
        current = null;
        afterZero = false;
        sawValue = true;
        break;
      }
      case 'big': {
        if (current === null && section === 0) {
          if (k === 0) current = 1; // 近万, 万余
          else if (!(tok.v === 1e8 && lastBig === 1e4 && prev?.t === 'big')) return null; // 万亿 is the only stack
        }
        const part = section + (current ?? 0);
        if (tok.v === 1e8) {
          if (lastBig === 1e8) return null;
          total = (total + part) * 1e8;
        } else {
          if (lastBig === 1e4) return null;
          total += part * 1e4;
        }
        lastBig = tok.v;
        section = 0;
        current = null;
        lastSmall = Infinity;
        afterZero = false;
        sawValue = true;
        break;
      }
      case 'approx':
        if (!sawValue) return null;
        approximate = true;
        break;
    }
    prev = tok;
  }
  if (!sawValue) return null;
  if (current !== null) {
    // 一百五 = 150, 三万五 = 35000: a lone digit right after a unit stands for the next unit down.
    const last = prev;
    const unitBefore = tokens.length >= 2 ? tokens[tokens.length - 2] : null;
    if (
      last?.t === 'digit' &&
      currentSingle &&
      !afterZero &&
      unitBefore !== null &&
      (unitBefore.t === 'small' || unitBefore.t === 'big') &&
      unitBefore.v >= 100
    ) {
      current = (current * unitBefore.v) / 10;
    }
  }
  const value = total + section + (current ?? 0);
  if (!Number.isFinite(value)) return null;
  return { value: Number(value.toPrecision(15)), approximate };
}
