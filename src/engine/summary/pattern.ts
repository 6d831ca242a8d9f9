/**
 * Phrase patterns: `{key}` placeholders and optional `[…]` segments. A segment is dropped when a placeholder inside it
 * has no figure; a placeholder with no figure outside any segment makes the whole pattern unavailable (null), so the
 * caller falls back to a plainer pattern. An unknown `{key}` (a typo in a template) is left as typed, so it shows.
 */
import { formatPercent as shownPercent, toFixedShown } from '../display';

/** null or undefined = no figure for this placeholder. */
export type PatternValues = Readonly<Record<string, string | null | undefined>>;

interface Rendered {
  readonly text: string;
  readonly missing: boolean;
  readonly end: number;
}

function renderFrom(pattern: string, start: number, values: PatternValues, nested: boolean): Rendered {
  let out = '';
  let missing = false;
  let i = start;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === '[') {
      const sub = renderFrom(pattern, i + 1, values, true);
      if (!sub.missing) out += sub.text;
      i = sub.end;
      continue;
    }
    if (ch === ']' && nested) return { text: out, missing, end: i + 1 };
    if (ch === '{') {
      const close = pattern.indexOf('}', i + 1);
      const key = close < 0 ? '' : pattern.slice(i + 1, close);
      if (close >= 0 && /^[A-Za-z][A-Za-z0-9]*$/.test(key) && Object.prototype.hasOwnProperty.call(values, key)) {
        const v = values[key];
        if (v === null || v === undefined) missing = true;
        else out += v;
        i = close + 1;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return { text: out, missing, end: i };
}

/** The pattern with its placeholders filled, or null when a placeholder outside `[…]` has no figure. */
export function renderPattern(pattern: string, values: PatternValues): string | null {
  const r = renderFrom(pattern, 0, values, false);
  return r.missing ? null : r.text;
}

/** A fraction as staff write a percent, as Excel shows it: 1.070625 → 107.06% (fixed decimals). */
export function formatPercent(fraction: number, decimals: number): string {
  return shownPercent(fraction, decimals);
}

/** A figure as typed in prose, rounded as Excel shows it: whole numbers plainly (21256), decimals trimmed (685.5). */
export function formatValue(x: number, maxDecimals: number): string {
  const s = toFixedShown(x, maxDecimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
