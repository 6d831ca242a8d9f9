/**
 * merge's guard against double counting: two returns of one unit — the same 行政区划代码, the same 填报单位 (compared
 * as a person reads it: full-width folded, spaces ignored), or the very same bytes (a copy, or a link to the file) —
 * are named in pairs rather than summed twice.
 */
export interface Identity {
  readonly file: string;
  readonly unit: string | null;
  readonly divisionCode: string | null;
  /** SHA-256 of the file's bytes. */
  readonly digest: string;
}

export type DuplicateReason = 'same-bytes' | 'same-code' | 'same-unit';

export interface Duplicate {
  readonly first: Identity;
  readonly again: Identity;
  readonly reason: DuplicateReason;
  /** The shared code or unit (the digest for same bytes). */
  readonly value: string;
}

const foldUnit = (u: string): string => u.normalize('NFKC').replace(/\s+/g, '');

/** Each return that repeats an earlier one, with the first it repeats and why (the strongest reason). */
export function findDuplicates(items: readonly Identity[]): Duplicate[] {
  const seen = new Map<string, Identity>();
  const out: Duplicate[] = [];
  for (const it of items) {
    const keys: [DuplicateReason, string, string][] = [['same-bytes', `b:${it.digest}`, it.digest]];
    if (it.divisionCode) keys.push(['same-code', `c:${it.divisionCode}`, it.divisionCode]);
    const unit = it.unit ? foldUnit(it.unit) : '';
    if (unit) keys.push(['same-unit', `u:${unit}`, it.unit!]);
    const hit = keys.find(([, k]) => seen.has(k));
    if (hit) out.push({ first: seen.get(hit[1])!, again: it, reason: hit[0], value: hit[2] });
    for (const [, k] of keys) if (!seen.has(k)) seen.set(k, it);
  }
  return out;
}
