/**
 * A reviewer's batch: the files picked or dropped, each read and checked in the page's workers (a bounded number in
 * flight, so memory stays flat over 300 returns), with progress as results arrive.
 */
import * as React from 'react';
import type { Lang } from '../../engine/findings';
import type { Template } from '../../engine/template/schema';
import type { ReviewItem } from '../work';
import type { WorkPool } from '../worker-client';
import { triage, type PickedFile } from './files';

export interface Batch {
  readonly files: readonly PickedFile[];
  /** Files not read, with the reason. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  /** The results in file order, once all are done (empty while checking). */
  readonly items: readonly ReviewItem[];
  readonly total: number;
  readonly done: number;
  readonly ms: number | null;
}

export function useReviewBatch(pool: () => WorkPool, template: Template, lang: Lang) {
  const [batch, setBatch] = React.useState<Batch | null>(null);
  const run = React.useRef(0);

  const start = React.useCallback(
    async (files: readonly PickedFile[]) => {
      const id = ++run.current;
      const started = performance.now();
      const skipped: { name: string; reason: string }[] = [];
      const readable: PickedFile[] = [];
      for (const f of files) {
        const t = triage(f, lang);
        if (t.read) readable.push(f);
        else skipped.push({ name: f.name, reason: t.reason });
      }
      const results: (ReviewItem | undefined)[] = new Array(readable.length);
      let done = 0;
      const update = (final: boolean): void => {
        if (run.current !== id) return;
        // While checking, only the count changes: the table and chart are drawn once, at the end.
        setBatch({
          files,
          skipped,
          items: final ? (results as ReviewItem[]) : [],
          total: readable.length,
          done,
          ms: final ? performance.now() - started : null,
        });
      };
      update(readable.length === 0);
      if (readable.length === 0) return;
      const workers = pool();
      const inFlight = Math.max(2, workers.size * 2);
      let next = 0;
      let lastPaint = 0;
      const worker = async (): Promise<void> => {
        while (next < readable.length && run.current === id) {
          const i = next++;
          const f = readable[i]!;
          let item: ReviewItem;
          try {
            const bytes = new Uint8Array(await f.file.arrayBuffer());
            item = await workers.check(f.name, bytes, template, lang);
          } catch (e) {
            item = { file: f.name, ok: false, error: e instanceof Error ? e.message : String(e) };
          }
          results[i] = item;
          done++;
          // A progress repaint at most every 100 ms.
          const now = performance.now();
          if (now - lastPaint > 100) {
            lastPaint = now;
            update(false);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(inFlight, readable.length) }, worker));
      update(true);
    },
    [pool, template, lang],
  );

  const clear = React.useCallback(() => {
    run.current++;
    setBatch(null);
  }, []);

  return { batch, start, clear };
}
