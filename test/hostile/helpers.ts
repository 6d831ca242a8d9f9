/**
 * Hostile-file tests run the compiled CLI in a child process, so a hang, a crash or a memory blow-up is measured,
 * not suffered: wall time and the child's peak RSS (from process.resourceUsage at exit) come back with the output.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface Bounded {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Peak resident set of the child, MB. */
  readonly rssMb: number;
}

const MARK = '\u0000@@peak-rss-kb=';

/** Requires the bin in a node child and reports its peak RSS on stderr's last line at exit. */
const WRAP = `
process.on('exit', () => { require('fs').writeSync(2, ${JSON.stringify(MARK)} + process.resourceUsage().maxRSS + '\\n'); });
require(process.argv[1]);
`;

export function runBounded(
  bin: string,
  args: readonly string[],
  opts: { cwd: string; env?: Record<string, string>; timeoutMs?: number } = { cwd: process.cwd() },
): Bounded {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', WRAP, '--', bin, ...args], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...opts.env },
    timeout: opts.timeoutMs ?? 60_000,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const stderr = r.stderr ?? '';
  const at = stderr.lastIndexOf(MARK);
  const rssKb = at >= 0 ? Number(stderr.slice(at + MARK.length).trim()) : NaN;
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: at >= 0 ? stderr.slice(0, at) : stderr, ms, rssMb: rssKb / 1024 };
}

/**
 * Generous bounds: they catch a hang or a blow-up (the were minutes and gigabytes) without timing a busy CI
 * machine's scheduler. The child itself is a node process with the CLI loaded (~60 MB).
 */
export const BOUNDS = { ms: 15_000, rssMb: 300 } as const;

export function expectBounded(r: Bounded, bounds: { ms?: number; rssMb?: number } = {}): void {
  expect(r.signal).toBeNull();
  expect(r.ms).toBeLessThan(bounds.ms ?? BOUNDS.ms);
  expect(r.rssMb).toBeLessThan(bounds.rssMb ?? BOUNDS.rssMb);
}

/** One line on stderr (the CLI's `fulian-returns: …`), nothing else. */
export function oneLine(r: Bounded): string {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

/** Every entry of a folder (not following links): type, mode, and content hash or link target. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = lstatSync(p);
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out[name] = `link ${readlinkSync(p)}`;
    else if (st.isFile()) out[name] = `file ${mode} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
    else if (st.isDirectory()) out[name] = `dir ${mode}`;
    else out[name] = `other ${mode} ${st.isFIFO() ? 'fifo' : st.isSocket() ? 'socket' : st.isCharacterDevice() ? 'char' : 'block'}`;
  }
  return out;
}
