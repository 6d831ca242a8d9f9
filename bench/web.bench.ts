/**
 * The web page against the CLI on the same 300 returns, measured in the same run: dist/fulian-returns.html built into a
 * temp folder and opened over file:// in Debian's Chromium, its reviewer view given the folder through the real file
 * input, timed from the files' arrival to the last result (the page's own clock, data-ms) and from the input to the
 * table (wall clock); then `check DIR` serially (FULIAN_RETURNS_JOBS=1) in this process. Target: the page within 2×.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { run } from '../src/cli/main';
import type { CliIO } from '../src/cli/io';
import { buildFilledReturn } from '../src/engine/testing';
import { standardTemplate } from '../src/engine/template/load';
import { writeNewXlsx } from '../src/xlsx';
import { buildWeb, launchChromium } from '../test/e2e/support';

const RETURNS = 300;

const serial: CliIO = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  isTTY: false,
  stderrIsTTY: false,
  env: { FULIAN_RETURNS_JOBS: '1' },
  cwd: process.cwd(),
};

export default async function bench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'fulian-web-bench-'));
  const dir = join(root, 'returns');
  mkdirSync(dir);
  try {
    const build = buildWeb(join(root, 'page'), { page: true });
    const template = standardTemplate();
    for (let i = 0; i < RETURNS; i++) {
      const view = buildFilledReturn(template, { quarter: 3, seed: i + 1, unit: `示例县${i + 1}妇联`, extraRows: i % 3 });
      writeFileSync(join(dir, `unit-${String(i + 1).padStart(3, '0')}.xlsx`), await writeNewXlsx(view));
    }
    await build;

    const browser = await launchChromium({ width: 1366, height: 768 });
    let pageMs = 0;
    let wallMs = 0;
    let cores = 0;
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      // The page's own errors are the cause when it never finishes: an uncaught one ends the wait at once, and every
      // console error goes into the message of a wait that fails (rather than only Playwright's timeout).
      const logged: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') logged.push(`console error: ${m.text()}`);
      });
      const crashed = new Promise<never>((_, reject) => {
        page.on('pageerror', (e) => reject(new Error(`the page threw: ${e.stack ?? e.message}`)));
      });
      crashed.catch(() => undefined);
      const step = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
        try {
          return await Promise.race([f(), crashed]);
        } catch (e) {
          const cause = (e instanceof Error ? e.message : String(e)).split('\n')[0];
          throw new Error([`web page: ${what}: ${cause}`, ...logged.slice(0, 3)].join('; '), { cause: e });
        }
      };
      await step('open', () => page.goto(pathToFileURL(join(root, 'page', 'fulian-returns.html')).href));
      await step('reviewer view', () => page.getByTestId('mode-review').click());
      cores = await page.evaluate(() => navigator.hardwareConcurrency);
      const t0 = performance.now();
      await step('give the folder', () => page.getByTestId('folder-input').setInputFiles(dir));
      const done = page.locator('[data-testid="review-progress"][data-done]');
      await step(`check ${RETURNS} returns`, () => done.waitFor({ timeout: 600_000 }));
      await step(`show ${RETURNS} rows`, () => page.getByTestId('review-table').locator('tbody tr').nth(RETURNS - 1).waitFor());
      wallMs = performance.now() - t0;
      pageMs = Number(await done.getAttribute('data-ms'));
    } finally {
      await browser.close();
    }

    const t1 = performance.now();
    const code = await run(['check', dir], serial);
    const cliMs = performance.now() - t1;
    if (code !== 0) throw new Error(`check over the generated returns exited ${code}`);

    const ratio = pageMs / cliMs;
    console.log(`web page, ${RETURNS} returns (Chromium, ${cores} cores, page workers): ${(pageMs / 1000).toFixed(2)} s checked, ${(wallMs / 1000).toFixed(2)} s to the full table`);
    console.log(`CLI check, same ${RETURNS} returns, serial:                        ${(cliMs / 1000).toFixed(2)} s`);
    console.log(`page / CLI: ${ratio.toFixed(2)}× (target ≤ 2×)${ratio <= 2 ? '' : '  ← over target'}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
