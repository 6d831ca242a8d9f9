/** Text helpers shared by the value and cover readers: full-width folding and plain number formatting. */

/** Full-width forms that read as their ASCII counterparts (digits and the separators users type in numbers). */
const FULL_WIDTH_MAP: Readonly<Record<string, string>> = {
  '，': ',',
  '．': '.',
  '％': '%',
  '－': '-',
  '＋': '+',
  '　': ' ',
};

export interface FoldedText {
  /** The text with full-width digits, `，．％－＋` and the ideographic space replaced by ASCII. */
  readonly text: string;
  /** True when a full-width digit or separator (not merely a space) was folded. */
  readonly hadFullWidth: boolean;
}

/** Folds full-width digits and number separators to ASCII; never throws. */
export function foldFullWidth(s: string): FoldedText {
  let hadFullWidth = false;
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff10 && code <= 0xff19) {
      out += String.fromCharCode(code - 0xff10 + 0x30);
      hadFullWidth = true;
      continue;
    }
    const mapped = FULL_WIDTH_MAP[ch];
    if (mapped !== undefined) {
      out += mapped;
      if (mapped !== ' ') hadFullWidth = true;
      continue;
    }
    out += ch;
  }
  return { text: out, hadFullWidth };
}

/** True when the string holds an ASCII or full-width digit. */
export function hasDigit(s: string): boolean {
  return /[0-9\uff10-\uff19]/.test(s);
}

/** Chinese numeral characters, digits and magnitudes (lower-case forms). */
export const CHINESE_NUMERAL_CHARS = '〇零一二两三四五六七八九十百千万亿';

/** Expands JavaScript's exponent notation into plain digits ("1.5e-7" → "0.00000015"). */
function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?e([+-]?\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, intPart, fracPart = '', expText] = m;
  const exp = Number(expText);
  const digits = intPart + fracPart;
  const point = intPart.length + exp;
  let body: string;
  if (point <= 0) {
    body = '0.' + '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    body = digits + '0'.repeat(point - digits.length);
  } else {
    body = digits.slice(0, point) + '.' + digits.slice(point);
  }
  body = body.replace(/^0+(?=\d)/, '');
  if (body.includes('.')) body = body.replace(/0+$/, '').replace(/\.$/, '');
  return sign + body;
}

/**
 * A number written plainly: never in exponent form, trailing zeros trimmed.
 * With `maxDecimals`, rounded to at most that many decimals; otherwise to 15 significant digits (as Excel shows it).
 */
export function plainNumber(n: number, maxDecimals?: number): string {
  if (!Number.isFinite(n)) return String(n);
  let s: string;
  if (maxDecimals !== undefined && Math.abs(n) < 1e21) {
    s = n.toFixed(maxDecimals);
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  } else {
    s = expandExponent(String(Number(n.toPrecision(15))));
  }
  if (/^-0*(\.0*)?$/.test(s)) s = '0';
  return s;
}

/** Rounds to `digits` significant digits, dropping float noise such as 11.6 × 10000 = 115999.99999999999. */
export function roundSignificant(n: number, digits: number): number {
  if (!Number.isFinite(n) || n === 0) return n;
  return Number(n.toPrecision(digits));
}
