/**
 * The worker pool from both builds: compiled (the fresh dist/ or a private bundle laid out like the package, spawned
 * through the real bin, where worker.js sits beside main.js and the pool's chunk) and the TypeScript sources (jest: the bootstrap registers tsx). Plus how
 * many threads are chosen, and a worker that cannot start failing its tasks instead of hanging.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { readXlsx } from '../../src/xlsx';
import { chooseJobs, FILE_BUDGET_BYTES, MIN_CPUS_FOR_WORKERS, MIN_FILES_FOR_WORKERS, TaskPool, workerEntry } from '../../src/cli/parallel/pool';
import { standardTemplate } from '../../src/engine/template/load';
import { cleanReturn, compiledBin, tempDir, writeReturn } from './helpers';

const root = join(__dirname, '..', '..');
let dir: string;
let cleanup: () => void;
let bin: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-workers-'));
  bin = compiledBin(dir);
  mkdirSync(join(dir, 'returns'));
  for (let i = 1; i <= 4; i++) await writeReturn(join(dir, 'returns', `r${i}.xlsx`), cleanReturn({ seed: 30 + i, unit: `县${i}` }));
}, 180_000);

afterAll(() => cleanup());

const spawn = (args: string[], jobs: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(root, 'node_modules'), NO_COLOR: '1', FULIAN_RETURNS_JOBS: jobs },
  });

describe('worker pool', () => {
  it('picks the compiled worker where it exists and the TypeScript source otherwise', () => {
    const compiled = join(dirname(bin), '..', 'dist/cli');
    expect(existsSync(join(compiled, 'worker.js'))).toBe(true);
    expect(workerEntry(compiled)).toEqual({ file: join(compiled, 'worker.js'), typescript: false });
    expect(workerEntry(join(root, 'src/cli/parallel'))).toEqual({ file: join(root, 'src/cli/parallel/worker.ts'), typescript: true });
  });

  it('merges and checks from the compiled bin on two worker threads, as on one', async () => {
    const two = spawn(['merge', 'returns', '-o', 'two.xlsx'], '2');
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    const one = spawn(['merge', 'returns', '-o', 'one.xlsx'], '1');
    expect(one.status).toBe(0);
    const a = (await readXlsx(new Uint8Array(readFileSync(join(dir, 'two.xlsx'))))).view;
    const b = (await readXlsx(new Uint8Array(readFileSync(join(dir, 'one.xlsx'))))).view;
    expect(a.sheetNames).toEqual(b.sheetNames);
    for (const name of a.sheetNames) {
      const s = a.sheet(name)!;
      for (let r = 1; r <= s.rowCount; r++) for (let c = 1; c <= s.colCount; c++) expect(s.cell(r, c)).toEqual(b.sheet(name)!.cell(r, c));
    }
    const check2 = spawn(['check', 'returns', '--json', '--report', 'review.html'], '2');
    const check1 = spawn(['check', 'returns', '--json'], '1');
    expect(check2.status).toBe(0);
    expect(check2.stdout).toBe(check1.stdout);
    expect(readFileSync(join(dir, 'review.html'), 'utf8')).toContain('县4');
  }, 120_000);

  it('uses os.availableParallelism() threads for many files on 3 CPUs or more, one for a handful or on 2 CPUs, and FULIAN_RETURNS_JOBS when set', () => {
    const lots = 64 * FILE_BUDGET_BYTES;
    expect(chooseJobs({}, MIN_FILES_FOR_WORKERS - 1, lots, 8)).toBe(1);
    expect(chooseJobs({}, 300, lots, 8)).toBe(8);
    expect(chooseJobs({}, 300, lots, MIN_CPUS_FOR_WORKERS)).toBe(MIN_CPUS_FOR_WORKERS);
    // two cores: the main thread competes with the workers, so one thread (bench/reader.bench.ts)
    expect(chooseJobs({}, 300, lots, 2)).toBe(1);
    expect(chooseJobs({ FULIAN_RETURNS_JOBS: '2' }, 300, lots, 2)).toBe(2);
    expect(chooseJobs({}, 300)).toBe(availableParallelism() >= MIN_CPUS_FOR_WORKERS ? Math.min(availableParallelism(), 300) : 1);
    expect(chooseJobs({ FULIAN_RETURNS_JOBS: '1' }, 300)).toBe(1);
    expect(chooseJobs({ FULIAN_RETURNS_JOBS: '3' }, 2)).toBe(2);
    expect(chooseJobs({ FULIAN_RETURNS_JOBS: 'many' }, 3)).toBe(1);
    // never more threads than the free memory holds at one file's budget each, asked for or not
    expect(chooseJobs({}, 300, 3 * FILE_BUDGET_BYTES + 1, 8)).toBe(3);
    expect(chooseJobs({ FULIAN_RETURNS_JOBS: '8' }, 300, 2 * FILE_BUDGET_BYTES)).toBe(2);
    expect(chooseJobs({ FULIAN_RETURNS_JOBS: '8' }, 300, FILE_BUDGET_BYTES / 2)).toBe(1);
  });

  it('fails the tasks of a worker that cannot start instead of waiting for ever', async () => {
    const pool = new TaskPool(1, { template: standardTemplate(), lang: 'zh-CN', cwd: dir }, { file: join(dir, 'no-such-worker.js'), typescript: false });
    await expect(pool.run({ kind: 'check', file: 'returns/r1.xlsx' })).rejects.toThrow(/no-such-worker|Cannot find module/);
    await pool.close();
  });
});

describe('a worker that dies mid-task', () => {
  const crash = (args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NODE_PATH: join(root, 'node_modules'), NO_COLOR: '1', FULIAN_RETURNS_JOBS: '2', FULIAN_RETURNS_TEST_WORKER_EXIT: 'r2.xlsx' },
    });

  it('check: that file gets its own entry and one stderr line, the others are checked, exit 2, no hang', () => {
    const r = crash(['check', 'returns', '--json']);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as { file: string; error?: string; counts?: unknown }[];
    expect(out.map((e) => [e.file.split(/[\\/]/).pop(), 'error' in e])).toEqual([
      ['r1.xlsx', false],
      ['r2.xlsx', true],
      ['r3.xlsx', false],
      ['r4.xlsx', false],
    ]);
    expect(out[1]!.error).toBe('检查时出错（worker exited with code 70）');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/r2\.xlsx.*检查时出错（worker exited with code 70）/)]);
  }, 90_000);

  it('merge: refuses naming that file in one line, writes nothing, no hang', () => {
    const r = crash(['merge', 'returns', '-o', 'crashed.xlsx']);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('r2.xlsx')]);
    expect(existsSync(join(dir, 'crashed.xlsx'))).toBe(false);
  }, 90_000);
});
