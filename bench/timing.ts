/* Shared by the benches (not a bench itself: bench/run.ts runs only *.bench.ts). */

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Times `fn` `runs` times after a short warm-up; milliseconds per run. */
export function sampleMs(runs: number, fn: () => void): number[] {
  for (let i = 0; i < Math.min(20, runs); i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return xs;
}
