/**
 * Reviewer figures over 300 generated returns of one period, in one run, each measured in its own child process of
 * the compiled CLI (a private bundle, laid out like the package, so the shared dist/ is left alone):
 *   - `check DIR --json` on one thread (FULIAN_RETURNS_JOBS=1) and on the worker pool (os.availableParallelism()),
 *     target: workers ≤ 0.65× serial on 2 cores;
 *   - `merge DIR -o OUT` over the 300, and over 30 of them;
 *   - peak RSS of each (process.resourceUsage().maxRSS at exit, worker threads included), target: merge over 300
 *     under 2× merge over 30 (memory stays flat as the folder grows).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildFilledReturn } from '../src/engine/testing';
import { standardTemplate } from '../src/engine/template/load';
import { writeNewXlsx } from '../src/xlsx';
import { compileCli, headroom, runBin, type Run } from './child';

const RETURNS = 300;
const SMALL = 30;
/** The worker runs ask for the pool explicitly (the CLI uses it by itself only from 50 files). */
const POOL = String(availableParallelism());

const f0 = (n: number): string => n.toFixed(0);
const f1 = (n: number): string => n.toFixed(1);

export default async function bench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'fulian-merge-bench-'));
  try {
    // The compiled CLI, as installed (bin/ + dist/ + package.json).
    const pkg = join(root, 'pkg');
    const tBuild = performance.now();
    compileCli(pkg);
    console.log(`bundled the CLI (webpack.cli.js) in ${f0(performance.now() - tBuild)} ms`);

    const all = join(pkg, 'returns');
    const small = join(pkg, 'returns-30');
    mkdirSync(all);
    mkdirSync(small);
    const template = standardTemplate();
    let bytes = 0;
    const tGen = performance.now();
    for (let i = 0; i < RETURNS; i++) {
      const view = buildFilledReturn(template, { quarter: 3, seed: 1000 + i, unit: `示例县${i + 1}妇联`, extraRows: i % 4 });
      const b = await writeNewXlsx(view);
      bytes += b.length;
      const name = `return-${String(i + 1).padStart(3, '0')}.xlsx`;
      writeFileSync(join(all, name), b);
      if (i < SMALL) symlinkSync(join(all, name), join(small, name));
    }
    console.log(`generated ${RETURNS} Q3 returns (${f1(bytes / RETURNS / 1024)} KiB each) in ${f0(performance.now() - tGen)} ms; ${availableParallelism()} CPUs`);

    const rss = join(root, 'rss.txt');
    const must = (what: string, r: Run, code = 0): Run => {
      if (r.code !== code) throw new Error(`${what} exited ${r.code}: ${r.stderr.slice(0, 400)}`);
      return r;
    };
    const before = await headroom();
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`load average ${load}; headroom before: two threads' work on two threads takes ${before.toFixed(2)}× one thread's (1.00 = two idle cores)`);
    // Warm the file cache once, then interleave serial and pooled runs and keep the best of two of each.
    must('check (warm-up)', await runBin(pkg, ['check', 'returns', '--json'], '1', rss));
    const serial: Run[] = [];
    const pooled: Run[] = [];
    for (let k = 0; k < 2; k++) {
      serial.push(must('check serial', await runBin(pkg, ['check', 'returns', '--json'], '1', rss)));
      pooled.push(must('check workers', await runBin(pkg, ['check', 'returns', '--json'], POOL, rss)));
    }
    const best = (rs: Run[]): Run => rs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const s = best(serial);
    const p = best(pooled);
    console.log(`check ${RETURNS} returns, one thread:          ${f0(s.ms)} ms  (${f1(s.ms / RETURNS)} ms/return)  peak RSS ${f1(s.rssMiB)} MiB`);
    console.log(`check ${RETURNS} returns, ${availableParallelism()} worker threads:     ${f0(p.ms)} ms  (${f1(p.ms / RETURNS)} ms/return)  peak RSS ${f1(p.rssMiB)} MiB`);
    console.log(`ratio workers/serial: ${(p.ms / s.ms).toFixed(2)}×  (target ≤ 0.65× on 2 cores)`);
    const after = await headroom();
    console.log(`headroom after: ${after.toFixed(2)}×; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (a headroom far above 1.0 means other work holds the cores and the ratio above cannot reach its target)`);

    const merges: Run[] = [];
    for (let k = 0; k < 2; k++) merges.push(must('merge 300', await runBin(pkg, ['merge', 'returns', '-o', `rollup-${k}.xlsx`], POOL, rss)));
    const m = best(merges);
    const mSerial = must('merge 300 serial', await runBin(pkg, ['merge', 'returns', '-o', 'rollup-serial.xlsx'], '1', rss));
    const m30 = must('merge 30', await runBin(pkg, ['merge', 'returns-30', '-o', 'rollup-30.xlsx'], POOL, rss));
    const m30Serial = must('merge 30 serial', await runBin(pkg, ['merge', 'returns-30', '-o', 'rollup-30-serial.xlsx'], '1', rss));
    console.log(`merge ${RETURNS} returns, worker threads: ${f0(m.ms)} ms  peak RSS ${f1(m.rssMiB)} MiB   (one thread: ${f0(mSerial.ms)} ms, ${f1(mSerial.rssMiB)} MiB)`);
    console.log(`merge ${SMALL} returns, worker threads:  ${f0(m30.ms)} ms  peak RSS ${f1(m30.rssMiB)} MiB   (one thread: ${f0(m30Serial.ms)} ms, ${f1(m30Serial.rssMiB)} MiB)`);
    console.log(`peak RSS merge ${RETURNS} / merge ${SMALL}: ${(m.rssMiB / m30.rssMiB).toFixed(2)}×  (target < 2×; one thread: ${(mSerial.rssMiB / m30Serial.rssMiB).toFixed(2)}×)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
