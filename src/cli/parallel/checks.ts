/**
 * `check` over many files on every core: the files go to a worker pool ahead of the command's own loop (a bounded
 * window of them), and the loop takes the results one by one in its own order, so its progress line, its
 * stderr-as-it-happens lines and its output stay exactly as in the serial path.
 */
import { standardTemplate } from '../../engine/template/load';
import type { Template } from '../../engine/template/schema';
import type { Context } from '../context';
import type { FileResult } from '../results';
import { chooseJobs, TaskPool } from './pool';

export interface OrderedChecks {
  /** Threads at work. */
  readonly jobs: number;
  /** The result of the next file, which must be `file` (the files are taken in the order given). */
  next(file: string): Promise<FileResult>;
  /** Stops the workers (done by itself once the last result is taken). */
  close(): Promise<void>;
}

/** Starts checking `files` in a pool, or returns null when one thread is the better choice (few files, one CPU). */
export function startChecks(ctx: Context, template: Template, inputs: readonly { file: string; path?: string }[]): OrderedChecks | null {
  const files = inputs.map((i) => i.file);
  const jobs = chooseJobs(ctx.io.env, files.length);
  if (jobs <= 1) return null;
  const pool = new TaskPool(jobs, { template, explicit: template !== standardTemplate(), lang: ctx.lang, cwd: ctx.io.cwd });
  const window = jobs * 2;
  const started: Promise<FileResult>[] = [];
  let launched = 0;
  let taken = 0;
  let closed = false;
  const launch = (): void => {
    while (launched < files.length && launched - taken < window) {
      const { file, path } = inputs[launched]!;
      started[launched] = pool.run({ kind: 'check', file, ...(path ? { path } : {}) }).then(
        (r) => r as FileResult,
        (e: Error) => ({ file, ok: false, error: ctx.m.readFailure('check-failed', e.message.split('\n')[0]) }),
      );
      launched++;
    }
  };
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await pool.close();
  };
  launch();
  return {
    jobs,
    async next(file) {
      const i = taken;
      if (files[i] !== file) throw new Error(`startChecks: expected ${files[i]}, asked for ${file}`);
      const r = await started[i]!;
      delete started[i];
      taken++;
      launch();
      if (taken === files.length) await close();
      return r;
    },
    close,
  };
}
