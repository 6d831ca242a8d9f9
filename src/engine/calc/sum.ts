/**
 * Sums exact to their inputs' decimals (spec section 4): money in 万元 typed to 0.01 adds up to 0.01, counts stay whole,
 * so `346.94000000000005` never reaches a cell, a report or a message. The binary sum (compensated, Neumaier) is
 * rounded to the most decimals any input was typed with.
 */

/** Decimal places of a number as written in its shortest form: 346.94 → 2, 12 → 0, 1.5e-7 → 8. */
export function decimalPlaces(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return 0;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}

/** Beyond this many decimals an input is no typed decimal (a computed fraction): the sum is left as it is. */
const MAX_DECIMALS = 15;

/** A running sum of numbers, exact to their decimals. */
export class ExactSum {
  private s = 0;
  private c = 0;
  private decimals = 0;
  /** Numbers added so far. */
  count = 0;

  add(v: number): this {
    const t = this.s + v;
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s;
    this.s = t;
    this.decimals = Math.max(this.decimals, decimalPlaces(v));
    this.count++;
    return this;
  }

  get value(): number {
    const raw = this.s + this.c;
    if (!Number.isFinite(raw) || this.decimals > MAX_DECIMALS) return raw;
    const r = Number(raw.toFixed(this.decimals));
    return Object.is(r, -0) ? 0 : r;
  }
}

/** The sum of `values`, exact to their decimals: 100.1 + 200.2 + 46.64 = 346.94. */
export function sumExact(values: Iterable<number>): number {
  const s = new ExactSum();
  for (const v of values) s.add(v);
  return s.value;
}
