/* The .xlsx layer: write a new return, read it, patch a fill into it — standard and 5,000-row returns. */
import { checkReturn, planFill, standardTemplate } from '../src/engine';
import { buildFilledReturn, stressTemplate } from '../src/engine/testing';
import { patchXlsx, readXlsx, writeNewXlsx } from '../src/xlsx';
import { openPackage } from '../src/xlsx/zip';
import { buildRichWorkbook } from '../test/fixtures/rich-workbook';

async function time<T>(runs: number, fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  let result = await fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) result = await fn();
  return { ms: (performance.now() - t0) / runs, result };
}

const fmt = (ms: number): string => `${ms.toFixed(1).padStart(8)} ms`;
const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;

export default async function bench(): Promise<void> {
  const base = standardTemplate();
  const cases: [string, ReturnType<typeof standardTemplate>, number][] = [
    ['standard (51 indicators)', base, 20],
    ['stress 5,000 indicators', stressTemplate(base, 5000), 3],
  ];
  for (const [label, template, runs] of cases) {
    const view = buildFilledReturn(template, { quarter: 3, seed: 1 });
    const written = await time(runs, () => writeNewXlsx(view));
    const bytes = written.result;
    const opened = await time(runs, () => openPackage(bytes));
    const read = await time(runs, () => readXlsx(bytes));
    const report = checkReturn(read.result.view, template);
    const plan = planFill(read.result.view, template, report);
    const patched = await time(runs, () => patchXlsx(bytes, plan));
    console.log(`${label}: ${kb(bytes.length)} → patched ${kb(patched.result.length)}, ${plan.toolOwned.length} tool-owned cells, ${plan.summary.cells.length} 汇总 cells`);
    console.log(`  writeNewXlsx ${fmt(written.ms)}   unzip+vet ${fmt(opened.ms)}   readXlsx ${fmt(read.ms)}   patchXlsx ${fmt(patched.ms)}`);
  }
  const rich = await buildRichWorkbook(buildFilledReturn(base, { quarter: 3, seed: 1 }));
  const rv = (await readXlsx(rich)).view;
  const rplan = planFill(rv, base, checkReturn(rv, base));
  const rp = await time(20, () => patchXlsx(rich, rplan));
  console.log(`user-like workbook (ExcelJS, chart, comment …) ${kb(rich.length)}: patchXlsx ${fmt(rp.ms)}`);
}
