/**
 * The installed command: spawns `node bin/fulian-returns.js` against compiled output. When dist/ is newer than every
 * source it compiles from (as after `npm run build:cli`, which `npm test` runs first), the repository's own bin and
 * dist/ are used; otherwise the CLI is bundled (webpack.cli.js) into a private folder laid out like the package
 * (bin/, dist/, package.json), never touching the shared dist/.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
