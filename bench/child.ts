/* Shared by the benches that run the compiled CLI in child processes (not a bench itself). */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = join(__dirname, '..');

/**
 * The compiled CLI, as installed (bin/ + dist/ + package.json), in `pkg`; a private bundle leaves dist/ alone.
 * `bench`: dist/cli/bench-lib.js too (bench/bundled.ts).
 */
export function compileCli(pkg: string, opts: { bench?: boolean } = {}): void {
  const webpack = join(ROOT, 'node_modules/webpack-cli/bin/cli.js');
  const env = ['--env', `out=${join(pkg, 'dist')}`, ...(opts.bench ? ['--env', 'bench'] : [])];
  execFileSync(process.execPath, [webpack, '--config', join(ROOT, 'webpack.cli.js'), ...env], { cwd: ROOT, stdio: 'pipe' });
  cpSync(join(ROOT, 'bin'), join(pkg, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  writeFileSync(
    join(pkg, 'rss.js'),
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.RSS_OUT, String(process.resourceUsage().maxRSS)));\n",
  );
}

export interface Run {
  readonly ms: number;
  readonly rssMiB: number;
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the compiled bin in a child process; wall time and the child's peak RSS (from a preload that reports it). */
export function runBin(pkg: string, args: string[], jobs: string | undefined, rssFile: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), NO_COLOR: '1', RSS_OUT: rssFile };
  if (jobs === undefined) delete env['FULIAN_RETURNS_JOBS'];
  else env['FULIAN_RETURNS_JOBS'] = jobs;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', join(pkg, 'rss.js'), join(pkg, 'bin/fulian-returns.js'), ...args], {
      cwd: pkg,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      const kib = Number(readFileSync(rssFile, 'utf8'));
      resolve({ ms, rssMiB: kib / 1024, code, stderr });
    });
  });
}

/**
 * A control for the machine's spare cores right now: the same allocation-heavy loop (like reading a workbook: many
 * short-lived objects and strings) in one worker thread, then in two at once (twice the work). On two idle cores both
 * take as long (ratio ≈ 1.0); the pool cannot scale better than this control does.
 */
export async function headroom(): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  const code =
    "let keep = []; for (let i = 0; i < 4e6; i++) { keep.push({ a: 'x' + i, b: [i, i + 1] }); if (keep.length > 10000) keep = []; }" +
    " require('node:worker_threads').parentPort.postMessage(keep.length);";
  const timed = async (n: number): Promise<number> => {
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: n }, () => {
        const w = new Worker(code, { eval: true });
        return new Promise<void>((resolve) => w.once('message', () => void w.terminate().then(() => resolve())));
      }),
    );
    return performance.now() - t0;
  };
  const one = await timed(1);
  const two = await timed(2);
  return two / one;
}

