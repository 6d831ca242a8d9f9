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
import type { Finding, Lang } from '../../engine/findings';
import { formatFindings } from '../../engine/messages';
import type { Period } from '../../engine/report';
import {
  contributionOf,
  twoPlanRowsOf,
  unitRowOf,
  type CarriedTwoPlanRow,
  type RollupContribution,
  type UnitRow,
} from '../../engine/rollup';
import type { Template } from '../../engine/template/schema';
import type { WorkbookView } from '../../engine/workbook';
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

/** What `merge` needs of one return: its identity, counts, typed numbers and 各单位 row. */
export type MergeItem =
  | { readonly file: string; readonly ok: false; readonly error: string }
  | {
      readonly file: string;
      readonly ok: true;
      readonly template: { readonly id: string; readonly version: string };
      /** The return's own template stamp (封面), null when it has none. */
      readonly stamp: { readonly id: string; readonly version: string } | null;
      readonly unit: string | null;
      /** 行政区划代码 when it reads as 6 digits, and the SHA-256 of the file: merge refuses two returns of one unit. */
      readonly divisionCode: string | null;
      readonly digest: string;
      readonly periodText: string | null;
      readonly period: Period | null;
      readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
      /** The error findings, rendered (listed when the return is refused). */
      readonly errors: readonly Finding[];
      readonly contribution: RollupContribution;
      readonly unitRow: UnitRow;
      /** The two-plan rows, when asked for (the first return). */
      readonly twoPlan: readonly CarriedTwoPlanRow[] | null;
      /** The template the return carries, where it was checked with that one (no shipped version is sent back). */
      readonly carried: Template | null;
    };

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
  const choice = chooseTemplate(loaded.view, setup.explicit ? setup.template : undefined);
  // For merge, a return of an unknown version is checked as the template in force and refused for its stamp.
  if (!choice.ok && !(task.kind === 'merge' && choice.reason === 'unknown-version')) {
    return { file, ok: false, error: choiceError(ctx, choice) };
  }
  const template = choice.ok ? choice.template : setup.template;
  try {
    const report = checkReturn(loaded.view, template);
    if (task.kind === 'check') {
      return { file, ok: true, report, findings: formatFindings(report.issues, template, setup.lang) };
    }
    const errorIssues = formatFindings(report.issues, template, setup.lang).filter((f) => f.severity === 'error');
    return {
      file,
      ok: true,
      template: choice.ok ? report.template : report.stamp ?? report.template,
      stamp: report.stamp ?? null,
      unit: report.unit,
      divisionCode: report.divisionCode ?? null,
      digest: loaded.digest,
      periodText: report.periodText,
      period: report.period,
      counts: { error: report.counts.error, warning: report.counts.warning, info: report.counts.info },
      errors: errorIssues,
      contribution: contributionOf(report),
      unitRow: unitRowOf(report, file),
      twoPlan: task.carryTwoPlan ? twoPlanRowsOf(loaded.view, report) : null,
      carried: choice.ok && choice.source === 'embedded' ? template : null,
    };
  } catch (e) {
    return { file, ok: false, error: ctx.m.readFailure('check-failed', oneLine(e instanceof Error ? e.message : String(e))) };
  }
}
