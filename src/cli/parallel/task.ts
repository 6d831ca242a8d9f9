/**
 * One unit of work over a folder of returns: read one file, check it, and give back only compact results (never the
 * workbook), so the main thread's memory does not grow with the returns' size. The same function runs inside a
 * worker thread (worker.ts) and in-process when the work is serial.
 *
 * Static imports only: a worker started from the TypeScript sources (tsx's CommonJS hook) cannot follow the CLI's
 * lazy `import()` calls.
 */
import { createHash } from 'node:crypto';
import { checkReturn } from '../../engine/check';
import type { Lang } from '../../engine/findings';
import { formatFindings } from '../../engine/messages';
import type { Template } from '../../engine/template/schema';
import type { WorkbookView } from '../../engine/workbook';
import { mergeItemOf, type MergeItem } from '../../xlsx/merge';
import { readXlsx } from '../../xlsx/read';
import { chooseTemplate } from '../../engine/template/choose';
import { choiceError, makeContext, oneLine, type Context } from '../context';
import { readInput } from '../files';
import type { FileResult } from '../results';
import { describeXlsxError } from '../workbook-file';

/** What every task of one run shares (sent once to each worker). */
export interface TaskSetup {
  /** The template in force. */
  readonly template: Template;
  /** True when the user named it (`--template`): it checks every return; else each return chooses its own. */
  readonly explicit?: boolean;
  readonly lang: Lang;
  /** Relative file names resolve against this folder. */
  readonly cwd: string;
}

/** `file` names the return in results; `path`, when set, is where to read it (a converted copy). */
export type Task =
  | { readonly kind: 'check'; readonly file: string; readonly path?: string }
  | { readonly kind: 'merge'; readonly file: string; readonly path?: string; readonly carryTwoPlan: boolean };

/** What `merge` needs of one return (src/xlsx/merge.ts, shared with the web page). */
export type { MergeItem } from '../../xlsx/merge';

export type TaskResult = FileResult | MergeItem;

/** A Context for work off the command's own thread: messages and path resolution, no output. */
export function taskContext(setup: TaskSetup): Context {
  const sink = { write: () => true };
  return makeContext({ stdout: sink, stderr: sink, isTTY: false, env: {}, cwd: setup.cwd }, setup.lang, false);
}

type Loaded = { readonly ok: true; readonly view: WorkbookView; readonly digest: string } | { readonly ok: false; readonly error: string };

/** Like the CLI's loadWorkbook (same messages), with the reader imported statically. */
async function loadReturn(ctx: Context, file: string): Promise<Loaded> {
  const input = await readInput(ctx.resolve(file));
  if (!input.ok) return { ok: false, error: ctx.m.readFailure(input.failure, input.detail) };
  if (input.bytes.length === 0) return { ok: false, error: ctx.m.readFailure('empty') };
  try {
    const { view } = await readXlsx(input.bytes);
    if (view.sheetNames.length === 0) return { ok: false, error: ctx.m.readFailure('empty') };
    return { ok: true, view, digest: createHash('sha256').update(input.bytes).digest('hex') };
  } catch (e) {
    return { ok: false, error: describeXlsxError(ctx, e) };
  }
}

export async function runTask(task: Task, setup: TaskSetup, ctx: Context = taskContext(setup)): Promise<TaskResult> {
  const { file } = task;
  const loaded = await loadReturn(ctx, task.path ?? file);
  if (!loaded.ok) return { file, ok: false, error: loaded.error };
  try {
    if (task.kind === 'merge') {
      return mergeItemOf(file, loaded.view, {
        template: setup.template,
        explicit: setup.explicit ?? false,
        lang: setup.lang,
        carryTwoPlan: task.carryTwoPlan,
        digest: loaded.digest,
        describeChoice: (c) => choiceError(ctx, c),
      });
    }
    const choice = chooseTemplate(loaded.view, setup.explicit ? setup.template : undefined);
    if (!choice.ok) return { file, ok: false, error: choiceError(ctx, choice) };
    const report = checkReturn(loaded.view, choice.template);
    return { file, ok: true, report, findings: formatFindings(report.issues, choice.template, setup.lang) };
  } catch (e) {
    return { file, ok: false, error: ctx.m.readFailure('check-failed', oneLine(e instanceof Error ? e.message : String(e))) };
  }
}
