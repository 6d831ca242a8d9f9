/**
 * User text (units, file names) for the HTML and SVG of the review report, before escaping: isolated from the text
 * around it, so a right-to-left override in a unit cannot reorder the page (its own explicit bidi controls are dropped
 * and it is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, which HTML and SVG text both honour), and cut
 * only between graphemes (an emoji, a flag, a letter with its accents stays whole).
 */
const EXPLICIT_BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

export function isolated(s: string): string {
  return `\u2068${s.replace(EXPLICIT_BIDI, '')}\u2069`;
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'grapheme' }) : undefined;

export function graphemes(s: string): string[] {
  if (segmenter) return [...segmenter.segment(s)].map((g) => g.segment);
  return [...s];
}

/** At most `max` graphemes (the last one an ellipsis when cut), isolated. */
export function shortLabel(s: string, max: number): string {
  const g = graphemes(s.replace(EXPLICIT_BIDI, ''));
  return isolated(g.length > max ? `${g.slice(0, max - 1).join('')}…` : g.join(''));
}
