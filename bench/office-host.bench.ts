/*
 * The Office.js host over the fake Excel: syncs and estimated request/response payloads of check / fill / highlight / clear
 * on a standard return and on widened returns (stressTemplate), and the time each takes on the fake (engine + fake,
 * no network: a floor of what Excel costs). Run: npx tsx bench/run.ts office-host
 */
import { performance } from 'node:perf_hooks';
import { buildFilledReturn, stressTemplate } from '../src/engine/testing';
import { standardTemplate } from '../src/engine/template/load';
import { FakeWorkbookModel, installFakeOffice } from '../src/office-fake';
import { createExcelHost } from '../src/taskpane/excel';

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

async function measure(label: string, rows: number): Promise<void> {
  const base = standardTemplate();
  const template = rows > base.indicators.length ? stressTemplate(base, rows) : base;
  const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter: 3, seed: 1 }));
  const env = installFakeOffice(globalThis, model);
  const host = createExcelHost();
  const step = async (name: string, f: () => Promise<unknown>): Promise<void> => {
    env.stats.reset();
    const t0 = performance.now();
    await f();
    const ms = performance.now() - t0;
    const payload = env.stats.payloads.reduce((a, b) => a + b, 0);
    const response = env.stats.responses.reduce((a, b) => a + b, 0);
    const largest = Math.max(0, ...env.stats.payloads, ...env.stats.responses);
    console.log(
      `${label.padEnd(22)} ${name.padEnd(10)} syncs ${String(env.stats.syncCount).padStart(2)}  request ${kb(payload).padStart(10)}  response ${kb(response).padStart(10)}  largest ${kb(largest).padStart(10)}  ${ms.toFixed(0).padStart(6)} ms`,
    );
  };
  await step('check', () => host.check(template, 'zh-CN'));
  await step('fill', () => host.fill(template));
  await step('highlight', () => host.highlight(template, 'zh-CN'));
  await step('clear', () => host.clearHighlights());
  env.uninstall();
}

export default async function main(): Promise<void> {
  await measure('standard (51 rows)', 0);
  await measure('stress 2,000 rows', 2000);
  await measure('stress 20,000 rows', 20000);
}

if (require.main === module) void main();
