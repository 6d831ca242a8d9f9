/**
 * Workers for the page's heavy work, started from the worker script the build inlines into the page (a
 * `<script type="text/plain">` turned into a blob: URL, which works under file://). The page's own bundle never holds
 * the reader: every workbook is read in a worker.
 */
import type { Lang } from '../engine/findings';
import type { Template } from '../engine/template/schema';
import type { MergeInput } from '../xlsx/merge';
import type { AnnotateInput, RollupResult } from './review/rollup-work';
import type { ReadResult, ReviewItem } from './work';
import type { WorkAnswer, WorkRequest } from './worker-protocol';

export const WORKER_ELEMENT_ID = 'fulian-worker-source';

type Pending = { resolve: (a: WorkAnswer) => void; reject: (e: Error) => void };
type Job = { req: WorkRequest; transfer: Transferable[]; pending: Pending };

let workerUrl: string | null | undefined;

function workerScriptUrl(): string | null {
  if (workerUrl !== undefined) return workerUrl;
  const el = typeof document !== 'undefined' ? document.getElementById(WORKER_ELEMENT_ID) : null;
  const code = el?.textContent;
  workerUrl = code && typeof Worker !== 'undefined' ? URL.createObjectURL(new Blob([code], { type: 'text/javascript' })) : null;
  return workerUrl;
}

/** A small pool: each worker takes the next job when it answers its last. */
export class WorkPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, Job>();
  private nextId = 1;
  /** Why no worker could start, or null. */
  readonly unavailable: string | null;

  constructor(size: number) {
    const url = workerScriptUrl();
    let started = 0;
    let why: string | null = null;
    if (url) {
      for (let i = 0; i < size; i++) {
        try {
          const w = new Worker(url);
          w.onmessage = (e: MessageEvent<WorkAnswer>) => this.answered(w, e.data);
          w.onerror = (e: ErrorEvent) => {
            e.preventDefault();
            this.failed(w, new Error(e.message || 'worker failed'));
          };
          this.all.push(w);
          this.idle.push(w);
          started++;
        } catch (e) {
          why = e instanceof Error ? e.message : String(e);
          break;
        }
      }
    }
    this.unavailable = started > 0 ? null : (why ?? 'no worker script in this page');
  }

  get size(): number {
    return Math.max(1, this.all.length);
  }

  read(bytes: Uint8Array, lang: Lang): Promise<ReadResult> {
    return this.post({ id: this.nextId++, kind: 'read', bytes, lang }, []).then((a) => {
      if (a.kind === 'read') return a.result;
      throw new Error(a.kind === 'failed' ? a.error : 'unexpected answer');
    });
  }

  /** Reads and checks one return; `bytes` are handed over to the worker (the caller must not use them again). */
  check(file: string, bytes: Uint8Array, template: Template, lang: Lang): Promise<ReviewItem> {
    return this.post({ id: this.nextId++, kind: 'check', file, bytes, lang, template }, [bytes.buffer as ArrayBuffer]).then(
      (a) => (a.kind === 'check' ? a.result : { file, ok: false, error: a.kind === 'failed' ? a.error : 'unexpected answer' }),
    );
  }

  rollup(
    inputs: readonly MergeInput[],
    template: Template,
    options: { lang: Lang; allowErrors: boolean; allowDuplicates: boolean },
  ): Promise<RollupResult> {
    return this.post({ id: this.nextId++, kind: 'rollup', inputs, template, ...options }, []).then((a) => {
      if (a.kind === 'rollup') return a.result;
      throw new Error(a.kind === 'failed' ? a.error : 'unexpected answer');
    });
  }

  reviewWorkbook(items: readonly ReviewItem[], template: Template, lang: Lang): Promise<Uint8Array> {
    return this.post({ id: this.nextId++, kind: 'review-xlsx', items, template, lang }, []).then((a) => {
      if (a.kind === 'review-xlsx') return a.bytes;
      throw new Error(a.kind === 'failed' ? a.error : 'unexpected answer');
    });
  }

  annotatedZip(returns: readonly AnnotateInput[], lang: Lang): Promise<{ zip: Uint8Array; failed: readonly { name: string; error: string }[] }> {
    return this.post({ id: this.nextId++, kind: 'annotate-zip', returns, lang }, []).then((a) => {
      if (a.kind === 'annotate-zip') return { zip: a.zip, failed: a.failed };
      throw new Error(a.kind === 'failed' ? a.error : 'unexpected answer');
    });
  }

  close(): void {
    for (const w of this.all) w.terminate();
    this.all.length = 0;
    this.idle.length = 0;
    for (const job of this.queue.splice(0)) job.pending.reject(new Error('closed'));
  }

  private post(req: WorkRequest, transfer: Transferable[]): Promise<WorkAnswer> {
    if (this.unavailable !== null) return Promise.reject(new Error(this.unavailable));
    return new Promise((resolve, reject) => {
      this.queue.push({ req, transfer, pending: { resolve, reject } });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(w, job);
      w.postMessage(job.req, job.transfer);
    }
  }

  private answered(w: Worker, a: WorkAnswer): void {
    this.release(w)?.pending.resolve(a);
    this.pump();
  }

  private failed(w: Worker, e: Error): void {
    this.release(w)?.pending.reject(e);
    this.pump();
  }

  /** The worker is idle again; its job, if it had one. */
  private release(w: Worker): Job | undefined {
    const job = this.running.get(w);
    this.running.delete(w);
    this.idle.push(w);
    return job;
  }
}

/** Worker threads worth starting here: one per core, at most four (the page thread mostly waits). */
export function poolSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.min(4, Math.max(1, cores));
}
