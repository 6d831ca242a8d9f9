/**
 * The installed command: builds the CLI with tsconfig.cli.json into a private folder laid out like the package
 * (bin/, dist/, package.json) and spawns `node bin/fulian-returns.js` there, so the real bin, compiled output and
 * process exit codes are exercised without touching the shared dist/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanReturn, tempDir, viewToXlsx } from './helpers';

const root = join(__dirname, '..', '..');
let dir: string;
let cleanup: () => void;
let bin: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-bin-'));
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.cli.json'), '--outDir', join(dir, 'pkg/dist')], {
    stdio: 'pipe',
  });
  mkdirSync(join(dir, 'pkg/bin'));
  copyFileSync(join(root, 'bin/fulian-returns.js'), join(dir, 'pkg/bin/fulian-returns.js'));
  copyFileSync(join(root, 'package.json'), join(dir, 'pkg/package.json'));
  bin = join(dir, 'pkg/bin/fulian-returns.js');
  writeFileSync(join(dir, 'clean.xlsx'), await viewToXlsx(cleanReturn()));
}, 120_000);

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
