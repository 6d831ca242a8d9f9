/**
 * CLI figures: 100 generated returns in a temp folder; time to load them with the reader alone (readXlsx), time for
 * `check` over the folder (run() with output to a sink), their ratio (target ≤ 1.25×), and the median time of `fill`
 * on one return (target < 300 ms).
 */
import { mkdirSync, mkdtempSync, promises as fsp, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildFilledReturn } from '../src/engine/testing';
import { standardTemplate } from '../src/engine/template/load';
import { readXlsx, writeNewXlsx } from '../src/xlsx';
import { run } from '../src/cli/main';
import type { CliIO } from '../src/cli/io';
import { median } from './timing';

const RETURNS = 100;
const FILL_RUNS = 15;

/** Output to nowhere; `jobs` sets FULIAN_RETURNS_JOBS (1 = one thread, like the reader alone; unset = worker pool). */
const sink = (jobs?: number): CliIO => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  isTTY: false,
  stderrIsTTY: false,
  env: jobs === undefined ? {} : { FULIAN_RETURNS_JOBS: String(jobs) },
  cwd: process.cwd(),
});


/** The reader alone, fed the way the CLI feeds it (async file reads; sync reads measured slower with this reader). */
async function readAll(dir: string): Promise<number> {
  const t0 = performance.now();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.xlsx')).sort()) {
    const bytes = await fsp.readFile(join(dir, name));
    await readXlsx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return performance.now() - t0;
}

async function checkAll(dir: string, json: boolean, jobs?: number): Promise<number> {
  const t0 = performance.now();
  const code = await run(['check', dir, ...(json ? ['--json'] : [])], sink(jobs));
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`check over generated returns exited ${code}`);
  return ms;
}

export default async function bench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'fulian-cli-bench-'));
  const dir = join(root, 'returns');
  mkdirSync(dir);
  try {
    const template = standardTemplate();
    let bytesTotal = 0;
    const tGen = performance.now();
    for (let i = 0; i < RETURNS; i++) {
      const quarter = ((i % 4) + 1) as 1 | 2 | 3 | 4;
      const view = buildFilledReturn(template, { quarter, seed: i + 1, unit: `示例县${i + 1}妇联`, extraRows: i % 3 });
      const bytes = await writeNewXlsx(view);
      bytesTotal += bytes.length;
      writeFileSync(join(dir, `return-${String(i + 1).padStart(3, '0')}.xlsx`), bytes);
    }
    console.log(`generated ${RETURNS} returns (${(bytesTotal / RETURNS / 1024).toFixed(1)} KiB each) in ${(performance.now() - tGen).toFixed(0)} ms`);

    // Warm both paths once, then take the best of three of each (interleaved) to damp noise on a busy machine.
    // The ratio compares like with like: check on one thread (FULIAN_RETURNS_JOBS=1) against the reader alone.
    await readAll(dir);
    await checkAll(dir, true, 1);
    const reads: number[] = [];
    const checks: number[] = [];
    const humans: number[] = [];
    const pooled: number[] = [];
    for (let k = 0; k < 3; k++) {
      reads.push(await readAll(dir));
      checks.push(await checkAll(dir, true, 1));
      humans.push(await checkAll(dir, false, 1));
    }
    // The pool's worker threads compete with the serial runs while they wind down: measure them apart, after.
    for (let k = 0; k < 3; k++) pooled.push(await checkAll(dir, true));
    const read = Math.min(...reads);
    const check = Math.min(...checks);
    const human = Math.min(...humans);
    const pool = Math.min(...pooled);
    console.log(`read ${RETURNS} returns (readXlsx alone):             ${read.toFixed(0)} ms  (${(read / RETURNS).toFixed(1)} ms/return)`);
    console.log(`check ${RETURNS} returns (check --json, one thread):  ${check.toFixed(0)} ms  (${(check / RETURNS).toFixed(1)} ms/return)`);
    console.log(`check ${RETURNS} returns (stylish, one thread):       ${human.toFixed(0)} ms`);
    console.log(`ratio check/read: ${(check / read).toFixed(2)}×  (target ≤ 1.25×)`);
    console.log(`check ${RETURNS} returns (check --json, worker pool): ${pool.toFixed(0)} ms  (${(pool / read).toFixed(2)}× the reader alone)`);

    const one = join(dir, 'return-003.xlsx');
    const fills: number[] = [];
    for (let k = 0; k < FILL_RUNS + 2; k++) {
      const t0 = performance.now();
      const code = await run(['fill', one, '-o', join(root, `filled-${k}.xlsx`)], sink(1));
      const ms = performance.now() - t0;
      if (code !== 0) throw new Error(`fill exited ${code}`);
      if (k >= 2) fills.push(ms);
    }
    console.log(`fill one return (run fill -o), median of ${FILL_RUNS}: ${median(fills).toFixed(0)} ms  (target < 300 ms; min ${Math.min(...fills).toFixed(0)}, max ${Math.max(...fills).toFixed(0)})`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
