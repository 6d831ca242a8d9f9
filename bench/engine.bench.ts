/* Engine benchmark: median time to check the standard return (all sheets filled) and a 2,000-data-row stress return. */
import { buildFilledReturn, checkReturn, formatFindings, planFill, standardTemplate, stressTemplate, type Template, type WorkbookView } from '../src/engine';
import { median, sampleMs } from './timing';

function time(label: string, runs: number, fn: () => void, target?: number): number {
  const xs = sampleMs(runs, fn);
  const m = median(xs);
  const p90 = [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
  console.log(`${label.padEnd(52)} median ${m.toFixed(3)} ms  p90 ${p90.toFixed(3)} ms${target ? `  (target < ${target} ms: ${m < target ? 'ok' : 'MISSED'})` : ''}`);
  return m;
}

function rows(view: WorkbookView, t: Template): number {
  return t.sheets.data.reduce((n, d) => n + (view.sheet(d.name)?.rowCount ?? 0) - 2, 0);
}

export default async function main(): Promise<void> {
  const t = standardTemplate();
  const wb = buildFilledReturn(t, { quarter: 4, seed: 1 });
  console.log(`standard return: ${rows(wb, t)} data rows, Q4, every sheet filled`);
  time('checkReturn (standard)', 500, () => checkReturn(wb, t), 2);
  const report = checkReturn(wb, t);
  time('checkReturn + formatFindings + planFill (standard)', 300, () => {
    const r = checkReturn(wb, t);
    formatFindings(r.issues, t, 'zh-CN');
    planFill(wb, t, r);
  });
  void report;

  const st = stressTemplate(t, 2000);
  const big = buildFilledReturn(st, { quarter: 4, seed: 1 });
  console.log(`stress return: ${rows(big, st)} data rows`);
  time('checkReturn (stress, 2,000 data rows)', 40, () => checkReturn(big, st), 50);
  time('checkReturn + planFill (stress)', 20, () => planFill(big, st, checkReturn(big, st)));
}
