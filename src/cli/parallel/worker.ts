/**
 * The worker thread's side of the pool: receives `{ id, task }`, answers `{ id, result }` (or `{ id, error }` when
 * the task itself throws, which runTask avoids by turning every failure into a result).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runTask, taskContext, type Task, type TaskSetup } from './task';

export interface WorkerRequest {
  readonly id: number;
  readonly task: Task;
}

export type WorkerResponse =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: string };

const port = parentPort;
if (port) {
  const setup = (workerData as { setup: TaskSetup }).setup;
  const ctx = taskContext(setup);
  // Test hook: the worker dies on the file of this name, as a crash would (process.exit in a worker ends its thread).
  const dieOn = process.env['FULIAN_RETURNS_TEST_WORKER_EXIT'];
  port.on('message', (msg: WorkerRequest) => {
    if (dieOn && msg.task.file.endsWith(dieOn)) process.exit(70);
    runTask(msg.task, setup, ctx).then(
      (result) => port.postMessage({ id: msg.id, result } satisfies WorkerResponse),
      (e: unknown) => port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerResponse),
    );
  });
}
