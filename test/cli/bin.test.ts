/**
 * The installed command: spawns `node bin/fulian-returns.js` against compiled output. When dist/ is newer than every
 * source it compiles from (as after `npm run build:cli`, which `npm test` runs first), the repository's own bin and
 * dist/ are used; otherwise the CLI is built with tsconfig.cli.json into a private folder laid out like the package
 * (bin/, dist/, package.json), never touching the shared dist/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanReturn, tempDir, viewToXlsx } from './helpers';

const root = join(__dirname, '..', '..');
let dir: string;
let cleanup: () => void;
let bin: string;

/** Newest modification time of the files under the given folders. */
function newest(paths: string[]): number {
  let t = 0;
  for (const p of paths) {
    const st = statSync(p);
    if (st.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((n) => join(p, n))));
    else t = Math.max(t, st.mtimeMs);
  }
  return t;
}

function distIsFresh(): boolean {
  const main = join(root, 'dist/cli/main.js');
  if (!existsSync(main)) return false;
  const sources = ['src/cli', 'src/engine', 'src/xlsx', 'src/templates', 'tsconfig.cli.json'].map((p) => join(root, p));
  return statSync(main).mtimeMs > newest(sources);
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-bin-'));
  writeFileSync(join(dir, 'clean.xlsx'), await viewToXlsx(cleanReturn()));
  if (distIsFresh()) {
    bin = join(root, 'bin/fulian-returns.js');
    return;
  }
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.cli.json'), '--outDir', join(dir, 'pkg/dist')], {
    stdio: 'pipe',
  });
  mkdirSync(join(dir, 'pkg/bin'));
  copyFileSync(join(root, 'bin/fulian-returns.js'), join(dir, 'pkg/bin/fulian-returns.js'));
  copyFileSync(join(root, 'package.json'), join(dir, 'pkg/package.json'));
  bin = join(dir, 'pkg/bin/fulian-returns.js');
}, 180_000);

afterAll(() => cleanup());

// Compiled code resolves zod/fflate from the repository's node_modules through NODE_PATH.
const spawn = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(root, 'node_modules'), NO_COLOR: '1' },
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
