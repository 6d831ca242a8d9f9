/**
 * The installed command: spawns `node bin/fulian-returns.js` against compiled output. When dist/ is newer than every
 * source it compiles from (as after `npm run build:cli`, which `npm test` runs first), the repository's own bin and
 * dist/ are used; otherwise the CLI is bundled (webpack.cli.js) into a private folder laid out like the package
 * (bin/, dist/, package.json), never touching the shared dist/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanReturn, compiledBin, tempDir, viewToXlsx } from './helpers';

const root = join(__dirname, '..', '..');
let dir: string;
let cleanup: () => void;
let bin: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-bin-'));
  writeFileSync(join(dir, 'clean.xlsx'), await viewToXlsx(cleanReturn()));
  bin = compiledBin(dir);
}, 180_000);

afterAll(() => cleanup());

// The bundle carries zod, fflate and saxes; NODE_PATH only matters to a build that does not.
const spawn = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(root, 'node_modules'), NO_COLOR: '1', ...env },
  });

describe('bin/fulian-returns.js', () => {
  it('prints help and sets exit codes from the process', () => {
    const help = spawn(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('fulian-returns');
    const clean = spawn(['check', 'clean.xlsx', '--json']);
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toHaveLength(1);
  });

  it('exits 2 with one line for a missing file and for a bad option', () => {
    const missing = spawn(['check', 'missing.xlsx']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('fulian-returns: missing.xlsx: 找不到该文件\n');
    const bad = spawn(['check', '--bogus']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n')).toHaveLength(2);
  });
});

describe('the code cache (bin/code-cache.js)', () => {
  const cacheDir = () => join(dir, 'cache');
  const cacheFile = () => join(cacheDir(), `cli-${process.version}-${process.arch}.v8cache`);
  const withCache = (args: string[]) => spawn(args, { FULIAN_RETURNS_CACHE_DIR: cacheDir() });
  const check = ['check', 'clean.xlsx', '--json'];
  let expected: string;

  beforeAll(() => {
    const off = spawn(check, { FULIAN_RETURNS_CACHE_DIR: '' });
    expect(off.status).toBe(0);
    expected = off.stdout;
  });

  /** A run with the cache as it is: the same answer as without one, and whether the cache file was (re)written. */
  const runAndSeeIfWritten = (): boolean => {
    const before = existsSync(cacheFile()) ? readFileSync(cacheFile()) : null;
    const r = withCache(check);
    expect([r.status, r.stderr, r.stdout]).toEqual([0, '', expected]);
    return before === null || !readFileSync(cacheFile()).equals(before) || statSync(cacheFile()).size !== before.length;
  };

  it('is written after a command has done its work, not after --help, --version or a usage error', () => {
    for (const args of [['--help'], ['--version'], ['check', '--bogus']]) withCache(args);
    expect(existsSync(cacheFile())).toBe(false);
    expect(runAndSeeIfWritten()).toBe(true);
    expect(existsSync(cacheFile())).toBe(true);
  });

  it('is used as it is by the next run', () => {
    expect(runAndSeeIfWritten()).toBe(false);
  });

  it.each([
    ['damaged in its payload', (b: Buffer) => b.fill(0x5a, b.length >> 1, (b.length >> 1) + 400)],
    ['from another build of the CLI (source CRC)', (b: Buffer) => (b.writeUInt32LE((b.readUInt32LE(8) + 1) >>> 0, 8), b)],
    ['cut short', (b: Buffer) => b.subarray(0, b.length >> 1)],
    ['empty', () => Buffer.alloc(0)],
  ])('%s: ignored (the run answers as without one) and replaced by a good one', (_what, spoil) => {
    writeFileSync(cacheFile(), spoil(Buffer.from(readFileSync(cacheFile()))));
    expect(runAndSeeIfWritten()).toBe(true);
    expect(runAndSeeIfWritten()).toBe(false);
  });

  it('that cannot be written is no error', () => {
    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the cache folder would be');
    const r = spawn(check, { FULIAN_RETURNS_CACHE_DIR: join(blocked, 'cache') });
    expect([r.status, r.stderr, r.stdout]).toEqual([0, '', expected]);
  });
});
