/* Figures summary and revisions: time to draft a summary from a checked return, and to compare two returns. */
import { checkReturn, standardTemplate } from '../src/engine';
import { buildFilledReturn } from '../src/engine/testing';
import { draftSummary, formatSummary } from '../src/engine/summary';
import { checkRevisions } from '../src/engine/validate/revisions';

function time(label: string, n: number, f: () => unknown): void {
  for (let i = 0; i < Math.min(5, n); i++) f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  const ms = (performance.now() - t0) / n;
  console.log(`${label.padEnd(52)} ${ms.toFixed(3)} ms/op  (${n} runs)`);
}

export default async function bench(): Promise<void> {
  const t = standardTemplate();
  const q4 = buildFilledReturn(t, { quarter: 4, seed: 1 });
  const report = checkReturn(q4, t);
  time('draftSummary (Q4, standard template, zh-CN)', 500, () => draftSummary(report, t, 'zh-CN'));
  time('draftSummary + text format (en)', 500, () => formatSummary(draftSummary(report, t, 'en'), 'text'));
  time('checkReturn + draftSummary (Q4)', 50, () => draftSummary(checkReturn(q4, t), t, 'zh-CN'));

  const cur = buildFilledReturn(t, { quarter: 3, seed: 2 });
  const prev = buildFilledReturn(t, { quarter: 2, seed: 2 });
  const cr = checkReturn(cur, t);
  const pr = checkReturn(prev, t);
  time('checkRevisions (Q3 vs Q2, reports given)', 500, () => checkRevisions(cur, prev, t, cr, pr));
  time('check both + checkRevisions (Q3 vs Q2)', 50, () => checkRevisions(cur, prev, t, checkReturn(cur, t), checkReturn(prev, t)));
  const chars = formatSummary(draftSummary(report, t, 'zh-CN'), 'text').length;
  console.log(`summary text length (Q4 sample, zh-CN): ${chars} characters`);
}
