/// <reference lib="webworker" />
/* The page's worker: reads and checks workbooks off the page's thread (started from a blob: URL, see worker-client.ts). */
import './no-eval';
import type { WorkAnswer, WorkRequest } from './worker-protocol';
import { annotatedZipWork, reviewWorkbookWork, rollupWork } from './review/rollup-work';
import { checkWork, readWork } from './work';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<WorkRequest>): void => {
  const req = e.data;
  void (async (): Promise<WorkAnswer> => {
    try {
      if (req.kind === 'read') return { id: req.id, kind: 'read', result: await readWork(req.bytes, req.lang) };
      if (req.kind === 'check') return { id: req.id, kind: 'check', result: await checkWork(req.file, req.bytes, req.template, req.lang, true) };
      if (req.kind === 'rollup') {
        const result = await rollupWork(req.inputs, req.template, { lang: req.lang, allowErrors: req.allowErrors, allowDuplicates: req.allowDuplicates });
        return { id: req.id, kind: 'rollup', result };
      }
      if (req.kind === 'annotate-zip') return { id: req.id, kind: 'annotate-zip', ...annotatedZipWork(req.returns, req.lang) };
      return { id: req.id, kind: 'review-xlsx', bytes: await reviewWorkbookWork(req.items, req.template, req.lang) };
    } catch (err) {
      return { id: req.id, kind: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  })().then((answer) => scope.postMessage(answer));
};
