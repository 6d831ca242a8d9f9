/**
 * A small worker_threads pool for work over many returns: one task in flight per worker (so a slow file never holds
 * up a queue behind it), results delivered in input order with a bounded window (so memory stays flat however many
 * files there are), and a serial path with the very same task function when one thread is enough.
 *
 * Workers run from the CLI bundle (dist/cli/worker.js, beside the chunk this module is bundled into) or, under jest
 * and tsx where only the TypeScript sources exist, from worker.ts through tsx's CommonJS hook: the bootstrap below
 * picks whichever is there.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
// Types only: the reader and the engine load in the workers (or, on the serial path, on first use), so the thread
// that hands out work does not spend its time loading them.
import type { Task, TaskResult, TaskSetup } from './task';
import type { WorkerRequest, WorkerResponse } from './worker';

/**
 * Below this many files, starting threads costs more than it saves (unless FULIAN_RETURNS_JOBS says otherwise): each
 * worker loads the engine and the reader (~0.3 s, zod and the template most of it) and warms its own JIT, while a
 * return checks in ~4 ms. A city's 5–30 county returns
 * stay on one thread; a province's hundreds go to the pool (bench/merge.bench.ts).
 */
export const MIN_FILES_FOR_WORKERS = 50;

/**
 * Memory one file may take while it is read and checked, measured (README, "Memory per file"): the worst a package
 * within every limit reaches (500,000 cells of text, parts streamed in 8 MB pieces) is ~170 MB over the process's own
 * ~65 MB; a real return adds under 10 MB. Each worker thread is given this much of the machine's free memory.
 */
export const FILE_BUDGET_BYTES = 200 * 1024 * 1024;

/**
 * Below this many CPUs the pool is not used unless asked for: with the reader of our own a return checks in ~2.5 ms,
 * and on two cores the main thread (reading results in order, writing the output) competes with both workers. Measured
 * on 2 cores (bench/reader.bench.ts, load average ~2): 300 returns 0.78 s on one thread against 0.97–1.04 s on two
 * workers, 1,200 returns 2.14 s against 2.07 s; the pool did not pay at any size, so it stays for 3 CPUs and more.
 */
export const MIN_CPUS_FOR_WORKERS = 3;

/**
 * How many threads to use for `count` files: FULIAN_RETURNS_JOBS when set (1 = serial), else
 * os.availableParallelism() (`cpus`), and 1 for a handful of files or fewer than MIN_CPUS_FOR_WORKERS CPUs; never
 * more than the free memory holds at one file's budget each (so a small machine does not swap on a folder of hostile
 * files).
 */
export function chooseJobs(
  env: Readonly<Record<string, string | undefined>>,
  count: number,
  freeBytes: number = freemem(),
  cpus: number = availableParallelism(),
): number {
  const raw = env['FULIAN_RETURNS_JOBS'];
  const asked = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
  const byMemory = Math.max(1, Math.floor(freeBytes / FILE_BUDGET_BYTES));
  if (asked !== undefined && asked >= 1) return Math.max(1, Math.min(asked, count, byMemory));
  if (count < MIN_FILES_FOR_WORKERS || cpus < MIN_CPUS_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(cpus, count, byMemory));
}

/** Where the worker's code is: the bundled worker.js beside this file, else the TypeScript source. */
export function workerEntry(dir: string = __dirname): { readonly file: string; readonly typescript: boolean } {
  const compiled = join(dir, 'worker.js');
  if (existsSync(compiled)) return { file: compiled, typescript: false };
  return { file: join(dir, 'worker.ts'), typescript: true };
}

/**
 * The worker's bootstrap (run with `eval`): registers tsx's CommonJS hook when the entry is TypeScript and no hook
 * is in place yet (a worker of `tsx bench/run.ts` inherits tsx; one of jest does not), then loads the entry.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const boot = workerData.boot;
if (boot.typescript && !require.extensions['.ts']) require(boot.tsx).register();
require(boot.file);
`;

interface Pending {
  readonly resolve: (r: TaskResult) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  busy: number | null;
  dead: boolean;
}

export class TaskPool {
  private readonly slots: Slot[] = [];
  private readonly queue: { id: number; task: Task }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size: number,
    setup: TaskSetup,
    entry = workerEntry(),
  ) {
    const boot = { ...entry, tsx: entry.typescript ? require.resolve('tsx/cjs/api') : null };
    // Loaded with the first pool: node:worker_threads is a few ms of every start, and most runs stay on one thread.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    for (let i = 0; i < size; i++) {
      const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { boot, setup } });
      // An idle worker never keeps the process alive (a caller that stops early cannot hang it); a busy one does.
      worker.unref();
      const slot: Slot = { worker, busy: null, dead: false };
      worker.on('message', (msg: WorkerResponse) => this.settle(slot, msg));
      worker.on('error', (e) => this.fail(slot, e));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(slot, new Error(`worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  run(task: Task): Promise<TaskResult> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    const id = this.nextId++;
    return new Promise<TaskResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, task });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    for (const p of this.pending.values()) p.reject(new Error('pool closed'));
    this.pending.clear();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.dead || slot.busy !== null) continue;
      const next = this.queue.shift()!;
      slot.busy = next.id;
      slot.worker.ref();
      slot.worker.postMessage({ id: next.id, task: next.task } satisfies WorkerRequest);
    }
    if (this.queue.length > 0 && this.slots.every((s) => s.dead)) {
      for (const q of this.queue.splice(0)) this.take(q.id)?.reject(new Error('no worker left'));
    }
  }

  private take(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p;
  }

  private settle(slot: Slot, msg: WorkerResponse): void {
    slot.busy = null;
    slot.worker.unref();
    const p = this.take(msg.id);
    if ('error' in msg) p?.reject(new Error(msg.error));
    else p?.resolve(msg.result as TaskResult);
    this.pump();
  }

  private fail(slot: Slot, e: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    if (slot.busy !== null) this.take(slot.busy)?.reject(e);
    slot.busy = null;
    this.pump();
  }
}

export interface MapOptions {
  /** Threads; 1 runs the tasks in this thread, one after another. */
  readonly jobs: number;
  readonly setup: TaskSetup;
  /** Tasks started ahead of the one being delivered (default 2 × jobs): bounds what waits in memory. */
  readonly window?: number;
}

/**
 * Runs the tasks and calls `each` with every result in input order, as soon as it and all before it are done.
 * A task that fails in its worker (the thread died) yields `onCrash(task, error)` instead.
 */
export async function mapInOrder<R extends TaskResult>(
  tasks: readonly Task[],
  options: MapOptions,
  each: (result: R, index: number) => void | Promise<void>,
  onCrash: (task: Task, error: Error) => R,
): Promise<void> {
  if (options.jobs <= 1 || tasks.length <= 1) {
    const { runTask, taskContext } = await import('./task');
    const ctx = taskContext(options.setup);
    for (const [i, t] of tasks.entries()) {
      let r: R;
      try {
        r = (await runTask(t, options.setup, ctx)) as R;
      } catch (e) {
        r = onCrash(t, e instanceof Error ? e : new Error(String(e)));
      }
      await each(r, i);
    }
    return;
  }
  const pool = new TaskPool(Math.min(options.jobs, tasks.length), options.setup);
  const window = Math.max(options.jobs, options.window ?? options.jobs * 2);
  const started: Promise<R>[] = [];
  const start = (i: number): void => {
    const t = tasks[i]!;
    started[i] = pool.run(t).then(
      (r) => r as R,
      (e: Error) => onCrash(t, e),
    );
  };
  try {
    let launched = 0;
    for (; launched < Math.min(window, tasks.length); launched++) start(launched);
    for (let i = 0; i < tasks.length; i++) {
      const r = await started[i]!;
      delete started[i];
      if (launched < tasks.length) start(launched++);
      await each(r, i);
    }
  } finally {
    await pool.close();
  }
}
