/**
 * The reader's figures, in one run over the same 300 generated returns:
 *   - ms per file: src/xlsx's reader, ExcelJS (the reader it replaced, bench/exceljs-read.ts) and the floor (fflate
 *     inflating every XML part + saxes pulling every cell into an array, nothing else); target: reader ≤ 1.5× floor
 *     (the reader, the engine and the floor from the CLI's bundle, bench/bundled.ts);
 *   - a serial check (read + checkReturn + findings, in-process) through each reader; target ≥ 1.8× faster than ExcelJS;
 *   - the compiled CLI's `check DIR --json` on one thread against an openpyxl read_only script loading the same files
 *     (/usr/bin/python3, both whole processes); target ≥ 2× faster;
 *   - a one-file `check` against a bare `node -e 0` (both child processes, median of 15, with the CLI's code cache
 *     warm as after a user's first run; the figure without it is printed too); target < 3×;
 *   - the worker pool against one thread, with the headroom control of bench/child.ts before and after.
 * It ends with the targets, each ✓ or ✗ (– when this run cannot judge it: no openpyxl, or no spare core for workers).
 * BENCH_RETURNS=N uses N returns; BENCH_VERBOSE=1 prints every pass (the load of a shared machine shows in them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, promises as fsp, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildFilledReturn } from '../src/engine/testing';
import { standardTemplate } from '../src/engine/template/load';
import type * as Bundled from './bundled';
import type { WorkbookView } from '../src/engine/workbook';
import { writeNewXlsx } from '../src/xlsx';
import { compileCli, headroom, runBin, type Run } from './child';
import { readXlsxWithExcelJs } from './exceljs-read';
import { median } from './timing';

const RETURNS = Number(process.env['BENCH_RETURNS'] ?? 300);
const PYTHON = '/usr/bin/python3';

const OPENPYXL = String.raw`
import os, sys, openpyxl
d = sys.argv[1]
n = 0
for name in sorted(os.listdir(d)):
    if not name.endswith('.xlsx'): continue
    wb = openpyxl.load_workbook(os.path.join(d, name), read_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if v is not None: n += 1
    wb.close()
print(n)
`;

function hasOpenpyxl(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
}

/** Best of `k` passes over all files of `fn`; ms per file. */
async function perFile(files: readonly Uint8Array[], k: number, fn: (b: Uint8Array) => unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < k; i++) {
    const t0 = performance.now();
    for (const b of files) await fn(b);
    best = Math.min(best, performance.now() - t0);
  }
  return best / files.length;
}

/** One target of the issue: what was measured, against what; ok null when it cannot be judged in this run. */
interface Target {
  readonly what: string;
  readonly got: string;
  readonly want: string;
  readonly ok: boolean | null;
}

const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);

/** Prints its figures as it goes; returns the targets table, which bench/run.ts prints once every bench is done. */
export default async function bench(): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'fulian-reader-bench-'));
  const cacheBefore = process.env['FULIAN_RETURNS_CACHE_DIR'];
  process.env['FULIAN_RETURNS_CACHE_DIR'] = join(root, 'code-cache');
  try {
    const pkg = join(root, 'pkg');
    compileCli(pkg, { bench: true });
    // The reader and the engine as the CLI ships them, and the floor on the same fflate and saxes (bench/bundled.ts).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file this run has just built
    const { readXlsxSync, checkReturn, formatFindings, floor } = require(join(pkg, 'dist/cli/bench-lib.js')) as typeof Bundled;
    const dir = join(pkg, 'returns');
    mkdirSync(dir);
    const template = standardTemplate();
    let size = 0;
    for (let i = 0; i < RETURNS; i++) {
      const view = buildFilledReturn(template, { quarter: 3, seed: 2000 + i, unit: `示例县${i + 1}妇联`, extraRows: i % 4 });
      const b = await writeNewXlsx(view);
      size += b.length;
      writeFileSync(join(dir, `return-${String(i + 1).padStart(3, '0')}.xlsx`), b);
    }
    const names = readdirSync(dir).sort();
    const files = await Promise.all(names.map(async (n) => new Uint8Array(await fsp.readFile(join(dir, n)))));
    console.log(`${RETURNS} returns, ${f1(size / RETURNS / 1024)} KiB each; ${availableParallelism()} CPUs; load average ${loadavg().map(f2).join(' ')}`);

    // Reading and serial checks: warmed, then passes interleaved round by round (the machine's load moves; each
    // contender meets it alike), the best pass of each kept. Files are read as the CLI reads them (synchronously).
    const checkWith = (read: (b: Uint8Array) => Promise<{ view: WorkbookView }> | { view: WorkbookView }) => async (): Promise<void> => {
      for (const n of names) {
        const b = new Uint8Array(readFileSync(join(dir, n)));
        const { view } = await read(b);
        const report = checkReturn(view, template);
        formatFindings(report.issues, template, 'zh-CN');
      }
    };
    const contenders: Record<string, () => Promise<unknown>> = {
      floor: () => perFile(files, 1, floor),
      reader: () => perFile(files, 1, readXlsxSync),
      excel: () => perFile(files, 1, readXlsxWithExcelJs),
      checkOurs: async () => {
        const t0 = performance.now();
        await checkWith(readXlsxSync)();
        return performance.now() - t0;
      },
      checkExcel: async () => {
        const t0 = performance.now();
        await checkWith(readXlsxWithExcelJs)();
        return performance.now() - t0;
      },
    };
    const bestOf: Record<string, number> = {};
    for (let round = 0; round < 6; round++) {
      for (const [k, run] of Object.entries(contenders)) {
        const v = (await run()) as number;
        if (round > 0) bestOf[k] = Math.min(bestOf[k] ?? Infinity, v);
        if (process.env['BENCH_VERBOSE']) console.log(round, k, v.toFixed(2));
      }
    }
    const { floor: tFloor, reader: tOurs, excel: tExcel, checkOurs: cOurs, checkExcel: cExcel } = bestOf as Record<string, number>;
    const targets: Target[] = [];
    console.log(`read, ms per file: reader ${f2(tOurs)}   ExcelJS ${f2(tExcel)}   fflate+saxes floor ${f2(tFloor)}   (ExcelJS / reader ${f2(tExcel / tOurs)}×)`);
    targets.push({ what: 'reader / fflate+saxes floor', got: `${f2(tOurs / tFloor)}×`, want: '≤ 1.5×', ok: tOurs / tFloor <= 1.5 });
    console.log(`serial check of ${RETURNS} (in-process): reader ${cOurs.toFixed(0)} ms   through ExcelJS ${cExcel.toFixed(0)} ms`);
    targets.push({ what: `serial check of ${RETURNS}: ExcelJS / reader`, got: `${f2(cExcel / cOurs)}× faster`, want: '≥ 1.8×', ok: cExcel / cOurs >= 1.8 });

    // Whole processes: the CLI on one thread against openpyxl read_only. The CLI's code cache lives in the run's own
    // folder, written by the warm-up (what every run after a user's first one finds).
    const rss = join(root, 'rss.txt');
    const must = (what: string, r: Run): Run => {
      if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.slice(0, 300)}`);
      return r;
    };
    const best = (rs: Run[]): Run => rs.reduce((a, b) => (b.ms < a.ms ? b : a));
    must('warm-up', await runBin(pkg, ['check', 'returns', '--json'], '1', rss));
    const serial = best([must('check', await runBin(pkg, ['check', 'returns', '--json'], '1', rss)), must('check', await runBin(pkg, ['check', 'returns', '--json'], '1', rss))]);
    console.log(`CLI check ${RETURNS} returns --json, one thread: ${serial.ms.toFixed(0)} ms (${f1(serial.ms / RETURNS)} ms/file), peak RSS ${f1(serial.rssMiB)} MiB`);
    if (hasOpenpyxl()) {
      const py: number[] = [];
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        execFileSync(PYTHON, ['-c', OPENPYXL, dir], { stdio: 'pipe' });
        py.push(performance.now() - t0);
      }
      const p = Math.min(...py);
      console.log(`openpyxl read_only loading the same ${RETURNS}: ${p.toFixed(0)} ms`);
      targets.push({ what: `CLI check of ${RETURNS}: openpyxl read_only / CLI`, got: `${f2(p / serial.ms)}× faster`, want: '≥ 2×', ok: p / serial.ms >= 2 });
    } else {
      console.log('openpyxl read_only: /usr/bin/python3 has no openpyxl here; not measured');
      targets.push({ what: 'CLI check vs openpyxl read_only', got: 'not measured', want: '≥ 2×', ok: null });
    }

    // One file against a bare node: whole processes as a user starts them (no preload), interleaved, medians.
    const one: number[] = [];
    const cold: number[] = [];
    const bare: number[] = [];
    const bin = join(pkg, 'bin/fulian-returns.js');
    const first = join('returns', names[0]!);
    const wall = (args: string[], env: NodeJS.ProcessEnv = process.env): number => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: pkg, env, stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 15; i++) {
      bare.push(wall(['-e', '0']));
      one.push(wall([bin, 'check', first]));
      cold.push(wall([bin, 'check', first], { ...process.env, FULIAN_RETURNS_CACHE_DIR: '' }));
    }
    console.log(`one-file check ${median(one).toFixed(0)} ms (without the code cache ${median(cold).toFixed(0)} ms) vs node -e 0 ${median(bare).toFixed(0)} ms`);
    targets.push({ what: 'one-file check / node -e 0', got: `${f2(median(one) / median(bare))}×`, want: '< 3×', ok: median(one) / median(bare) < 3 });

    // Workers, with the headroom control around them.
    const before = await headroom();
    const pooled = best([
      must('check pool', await runBin(pkg, ['check', 'returns', '--json'], String(availableParallelism()), rss)),
      must('check pool', await runBin(pkg, ['check', 'returns', '--json'], String(availableParallelism()), rss)),
    ]);
    const serial2 = must('check', await runBin(pkg, ['check', 'returns', '--json'], '1', rss));
    const after = await headroom();
    const s = Math.min(serial.ms, serial2.ms);
    const control = Math.min(before, after);
    console.log(
      `check ${RETURNS}, ${availableParallelism()} workers: ${pooled.ms.toFixed(0)} ms (peak RSS ${f1(pooled.rssMiB)} MiB) vs one thread ${s.toFixed(0)} ms → ${f2(pooled.ms / s)}×;` +
        ` headroom before ${f2(before)}×, after ${f2(after)}× (1.00 = two idle cores; the pool cannot beat the control)`,
    );
    // The pool pays when it beats one thread; it cannot do better than the control says the cores allow.
    targets.push({
      what: `${availableParallelism()} workers / one thread (control ${f2(control)}×)`,
      got: `${f2(pooled.ms / s)}×`,
      want: `< 1 where cores are free`,
      ok: control > 1.3 ? null : pooled.ms < s,
    });

    const w = Math.max(...targets.map((t) => t.what.length));
    return [
      `#12, ${RETURNS} returns (reader.bench.ts; load average ${loadavg().map(f2).join(' ')} at its end):`,
      ...targets.map((t) => `  ${t.ok === null ? '–' : t.ok ? '✓' : '✗'} ${t.what.padEnd(w)}  ${t.got.padEnd(14)} target ${t.want}`),
    ];
  } finally {
    if (cacheBefore === undefined) delete process.env['FULIAN_RETURNS_CACHE_DIR'];
    else process.env['FULIAN_RETURNS_CACHE_DIR'] = cacheBefore;
    rmSync(root, { recursive: true, force: true });
  }
}
