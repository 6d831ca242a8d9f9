/* Engine benchmark: median time to check the standard return (all sheets filled) and a 2,000-data-row stress return. */
import { checkReturn, formatFindings, num, planFill, standardTemplate, text, type Template, type WorkbookView } from '../src/engine';
import { buildFilledReturn, stressTemplate } from '../src/engine/testing';
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

  // A real city's two-plan sheet: 200 rows, targets in every form plans write (relative, qualitative, approximate).
  const city = buildFilledReturn(t, { quarter: 4, seed: 2 });
  const tp = city.sheet(t.sheets.twoPlan)!;
  const forms: [string, number | string, number | undefined, number][] = [
    ['≤', '比2020年降20%', 10, 7.9],
    ['≥', '提高5个百分点', 60, 64],
    ['≥', '逐步提高', 30, 31],
    ['≥', '50%左右', undefined, 51],
    ['≤', 12, 15, 11],
  ];
  for (let i = 0; i < 200; i++) {
    const [dir, target, base, value] = forms[i % forms.length]!;
    const r = 3 + i;
    const cells: (string | number | undefined)[] = [`C${String(i + 1).padStart(3, '0')}`, i % 2 ? '儿童' : '妇女', '健康', `城市指标${i + 1}`, '%', dir, base, undefined, target, value];
    cells.forEach((v, c) => tp.set(r, c + 1, { value: v === undefined ? { kind: 'blank' } : typeof v === 'number' ? num(v) : text(v) }));
  }
  console.log('city two-plan sheet: 200 rows of relative, qualitative, approximate and numeric targets');
  // The engine's budget for a whole return is the stress figure's 50 ms.
  time('checkReturn (200 two-plan rows)', 100, () => checkReturn(city, t), 50);
  time('checkReturn + planFill (200 two-plan rows)', 100, () => planFill(city, t, checkReturn(city, t)), 50);
}
