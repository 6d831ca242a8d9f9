/**
 * UTF-8 bytes of a string, counted without encoding it: the wire size of Office's JSON requests and responses (the
 * Excel host budgets its writes by it, the fake Office measures its batches by it). Works where TextEncoder is
 * missing (jsdom); a lone surrogate counts 3 bytes, as TextEncoder encodes it (U+FFFD).
 */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
