/**
 * The production build in Debian's Chromium: the preview page with the real task pane over the fake Office.
 * One build (beforeAll), one browser, one page walked through the task pane's jobs in order.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { checkReturn, formatFindings, type Finding, type ReturnReport, type WorkbookView } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/sample';
import { standardTemplate } from '../../src/engine/template/load';
import { uiStrings } from '../../src/taskpane/i18n';
import { readXlsx } from '../../src/xlsx';
import { toXlsx } from '../../scripts/make-sample';
import { buildWeb, launchChromium, requireChromium, ROOT, SCREENSHOTS, serveStatic, TMP } from './support';

const template = standardTemplate();
const zh = uiStrings('zh-CN');
const en = uiStrings('en');
const SAMPLE = join(ROOT, 'assets', 'sample-return.xlsx');

let server: Server | undefined;
let origin = '';
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];
let report: ReturnReport;
let findingsZh: Finding[];
let findingsEn: Finding[];
/** Indicators whose 年计划 and quarter cells (and, for a rate, its parts') hold only numbers or blanks. */
let plainInputs: Set<string>;
/** What `webpack --mode production` printed ('' when FULIAN_E2E_REUSE_BUILD reused an earlier build). */
let buildOutput = '';

jest.setTimeout(60_000);

beforeAll(async () => {
  requireChromium();
  const out = join(TMP, 'web');
  // FULIAN_E2E_REUSE_BUILD=1 reuses the last build in test/.tmp/web (for iterating on the tests themselves).
  if (process.env.FULIAN_E2E_REUSE_BUILD === '1' && existsSync(join(out, 'preview.html'))) {
    process.stdout.write(`reusing the build in ${out}\n`);
  } else {
    const build = await buildWeb(out);
    buildOutput = build.output;
    process.stdout.write(`production build in ${(build.ms / 1000).toFixed(1)} s\n`);
  }
  ({ server, origin } = await serveStatic(out));

  const { view } = await readXlsx(new Uint8Array(readFileSync(SAMPLE)));
  report = checkReturn(view, template);
  findingsZh = formatFindings(report.issues, template, 'zh-CN');
  findingsEn = formatFindings(report.issues, template, 'en');
  plainInputs = plainIndicators(view, report);

  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  browser.context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Console errors too: a Content-Security-Policy violation or a failed load only shows there.
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

function plainIndicators(view: WorkbookView, r: ReturnReport): Set<string> {
  const layout = new Map(r.layout.dataSheets.map((l) => [l.sheet, l]));
  const plain = new Set<string>();
  for (const ind of template.indicators) {
    const l = layout.get(ind.sheet)!;
    const row = l.rows[ind.code]!;
    const cols = ['plan', 'q1', 'q2', 'q3', 'q4'].map((c) => l.columns[c]!);
    const kinds = cols.map((c) => view.sheet(ind.sheet)!.cell(row, c).value.kind);
    if (kinds.every((k) => k === 'blank' || k === 'number')) plain.add(ind.code);
  }
  for (const ind of template.indicators) {
    if (ind.ratio && !(plain.has(ind.ratio.numerator) && plain.has(ind.ratio.denominator))) plain.delete(ind.code);
  }
  return plain;
}

const pane = (): Locator => page.getByTestId('task-pane');
const findingButtons = (): Locator => pane().locator('button[data-severity]');
const grid = (): Locator => page.locator('table[role="grid"]');

/** The active sheet's grid as text, row by row (row 1 first), without the header column. */
async function gridText(): Promise<string[][]> {
  return grid().evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );
}

async function showSheet(name: string): Promise<void> {
  await page.locator(`[data-sheet-tab="${name}"]`).click();
  await page.locator(`table[data-sheet="${name}"]`).waitFor();
}

function closeTo(shown: string, want: number | null, digits: number): void {
  if (want === null) expect(shown.trim()).toBe('');
  // The grid shows the figure rounded to `digits` decimals (half away from zero), so it lies within half a unit.
  else expect(Math.abs(shownNumber(shown)! - want)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-9);
}

/** A shown number: 1,226 → 1226; 79.68% → 0.7968; '' → null. */
function shownNumber(s: string): number | null {
  const t = s.trim().replace(/,/g, '');
  if (t === '') return null;
  if (t.endsWith('%')) return Number(t.slice(0, -1)) / 100;
  return Number(t);
}

/**
 * Serious axe findings in the task pane that are known and accepted (none today); anything else fails the suite.
 */
const KNOWN_TASK_PANE_ISSUES: readonly string[] = [];

async function axeSeriousViolations(
  scope: 'task pane' | 'whole page' = 'task pane',
): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const axe = (await import('axe-core')) as unknown as { source: string };
  await page.evaluate(axe.source);
  return page.evaluate(async ([known, whole]) => {
    const w = window as unknown as {
      axe: { run: (ctx: Element, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
    };
    // Fluent UI's focus manager (Tabster) parks focusable, aria-hidden <i data-tabster-dummy> guards at the edges
    // of focus groups on purpose; axe's aria-hidden-focus flags those, and they are not the pane's content.
    const context = { include: [[whole ? 'body' : '[data-testid="task-pane"]']], exclude: [['[data-tabster-dummy]']] };
    const r = await w.axe.run(context as unknown as Element, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .filter((v) => !known.includes(v.id))
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, [KNOWN_TASK_PANE_ISSUES, scope === 'whole page'] as const);
}

describe('browser preview (production build, Chromium)', () => {
  it('builds both pages, printing every asset with its size and no warning', () => {
    if (process.env.FULIAN_E2E_REUSE_BUILD === '1' && buildOutput === '') return;
    for (const name of [/taskpane\.[0-9a-f]+\.js/, /preview\.[0-9a-f]+\.js/, /taskpane\.html/,
      /preview\.html/, /index\.html/, /manifest\.xml/, /assets\/sample-return\.xlsx/]) {
      expect(buildOutput).toMatch(new RegExp(`asset ${name.source} [\\d.]+ (bytes|KiB|MiB)`));
    }
    expect(buildOutput).toMatch(/compiled successfully/);
    expect(buildOutput).not.toMatch(/WARNING|ERROR/);
    // Workbooks are read by src/xlsx's own reader: ExcelJS is no part of any page.
    expect(buildOutput).not.toMatch(/exceljs/i);
  });

  it('opens on the sample return and lists its findings, zh-CN first', async () => {
    expect(findingsZh.length).toBeGreaterThanOrEqual(10);
    const started = Date.now();
    await page.goto(`${origin}/preview.html`);
    await expect(findingButtons()).toHaveCountEventually(findingsZh.length);
    process.stdout.write(`first screen with ${findingsZh.length} findings in ${Date.now() - started} ms\n`);
    const shown = await findingButtons().allTextContents();
    for (const f of findingsZh) expect(shown.some((t) => t.includes(f.message) && t.includes(f.rule))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // The grid shows the workbook's first sheet with its values.
    await page.locator('table[data-sheet="封面"]').waitFor();
    expect((await gridText())[6]?.[1]).toBe('1389382123');

    await page.screenshot({ path: join(SCREENSHOTS, 'first-screen.png') });
    // The README's screenshot is a tracked file: refresh it only when asked (FULIAN_UPDATE_SCREENSHOT=1 npx jest test/e2e).
    if (process.env.FULIAN_UPDATE_SCREENSHOT === '1') {
      copyFileSync(join(SCREENSHOTS, 'first-screen.png'), join(ROOT, 'assets', 'preview.png'));
    }
  });

  it('also serves the preview at /, and the add-in’s page, manifest and icons', async () => {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<script[^>]+preview\.[0-9a-f]+\.js/);
    expect(html).not.toContain('appsforoffice.microsoft.com');
    // The add-in's own page loads Office.js from Office's CDN (unreachable here, so not opened) and its bundle.
    const pane = await (await fetch(`${origin}/taskpane.html`)).text();
    expect(pane).toMatch(/<script[^>]+taskpane\.[0-9a-f]+\.js/);
    expect(pane).toContain('appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect((await fetch(`${origin}/manifest.xml`)).status).toBe(200);
    expect((await fetch(`${origin}/assets/icon-32.png`)).status).toBe(200);
  });

  it('shows values as Excel does: percent formats, error values, typed text', async () => {
    await showSheet('维权服务');
    const rows = await gridText();
    const b03 = rows.find((r) => r[0] === 'B03')!;
    expect(b03[4]).toMatch(/^\d+\.\d{2}%$/); // 第一季度, a typed rate under 0.00%
    expect(b03[5]).toBe('#DIV/0!');
  });

  it('selects a finding’s cell on its sheet when the finding is clicked', async () => {
    for (const f of [
      findingsZh.find((x) => x.rule === 'part-exceeds-total')!,
      findingsZh.find((x) => x.rule === 'target-missing')!,
    ]) {
      await findingButtons().filter({ hasText: f.message }).first().click();
      await page.locator(`table[data-sheet="${f.sheet}"]`).waitFor();
      const selected = page.locator('td[aria-selected="true"]');
      await expect(selected).toHaveCountEventually(1);
      expect(await selected.getAttribute('data-cell')).toBe(f.cell);
      expect(await page.getByTestId('name-box').textContent()).toBe(f.cell);
      expect(await selected.isVisible()).toBe(true);
    }
  });

  it('marks the findings’ cells and clears the marks again', async () => {
    await pane().getByRole('button', { name: zh.mark }).click();
    await pane().getByRole('button', { name: zh.clearMarks }).waitFor();
    const sheet = '创业就业';
    await showSheet(sheet);
    const cells = [...new Set(findingsZh.filter((f) => f.sheet === sheet && f.cell).map((f) => f.cell!))];
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      const td = page.locator(`td[data-cell="${c}"]`);
      expect(await td.getAttribute('data-marked')).toBe('true');
      const bg = await td.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    }
    expect(await page.locator('td[data-marked]').count()).toBe(cells.length);

    await pane().getByRole('button', { name: zh.clearMarks }).click();
    await pane().getByRole('button', { name: zh.mark }).waitFor();
    await expect(page.locator('td[data-marked]')).toHaveCountEventually(0);
  });

  it('fills the formulas and 汇总, whose numbers match the engine’s figures', async () => {
    const summary = template.sheets.summary;
    await expect(page.locator(`[data-sheet-tab="${summary}"]`)).toHaveCountEventually(0);
    await pane().getByRole('button', { name: zh.fill }).click();
    await page.locator(`[data-sheet-tab="${summary}"]`).waitFor({ timeout: 20_000 });
    await showSheet(summary);
    const rows = await gridText();

    // Block 1: one row per data-sheet indicator.
    const h1 = template.summary.indicatorBlock.headers;
    const head1 = rows.findIndex((r) => r[0] === h1[0] && r[1] === h1[1] && r[7] === h1[7]);
    expect(head1).toBeGreaterThanOrEqual(0);
    let compared = 0;
    for (const fig of report.indicators) {
      const row = rows.slice(head1 + 1).find((r) => r[0] === fig.indicator.code);
      expect(row).toBeDefined();
      const [, name, unit, plan, cumulative, ofPlan, timeProgress, status] = row!;
      expect(name).toBe(fig.indicator.name);
      expect(unit).toBe(fig.indicator.unit);
      closeTo(timeProgress!, fig.timeProgress, 4);
      // Rows whose inputs hold typed text (1262余, 685万元, ３４２６, 无) or an error agree too: fill's formulas use the
      // engine's reading of such a cell while the text stays (IF(ISNUMBER(x),x,reading)).
      closeTo(plan!, fig.plan, 6);
      closeTo(cumulative!, fig.cumulative, 4);
      if (fig.percentOfPlan !== null) expect(ofPlan).toMatch(/^-?\d+\.\d{2}%$/);
      closeTo(ofPlan!, fig.percentOfPlan, 4);
      expect(status).toBe(fig.progressStatus);
      compared++;
    }
    expect(compared).toBe(template.indicators.length);
    expect(plainInputs.size).toBeLessThan(template.indicators.length); // the sample holds messy rows to compare

    // Block 2: completeness per data sheet.
    const h2 = template.summary.sheetBlock.headers;
    const head2 = rows.findIndex((r) => r[0] === h2[0] && r[3] === h2[3]);
    expect(head2).toBeGreaterThan(head1);
    for (const d of report.completeness.detail.filter((x) => template.sheets.data.some((s) => s.name === x.sheet))) {
      const row = rows.slice(head2 + 1).find((r) => r[0] === d.sheet)!;
      expect(row).toBeDefined();
      expect(shownNumber(row[1]!)).toBe(d.requiredIndicators);
      expect(shownNumber(row[2]!)).toBe(d.filledIndicators);
      expect(row[3]).toMatch(/%$/);
      expect(shownNumber(row[3]!)).toBeCloseTo(d.fraction, 4);
    }

    // Block 3: two-plan counts for 妇女, 儿童 and 合计.
    const h3 = template.summary.twoPlanBlock.headers;
    const head3 = rows.findIndex((r) => r[0] === h3[0] && r[1] === h3[1]);
    expect(head3).toBeGreaterThan(head2);
    for (const c of report.twoPlan.counts) {
      const row = rows.slice(head3 + 1).find((r) => r[0] === c.plan)!;
      expect(row).toBeDefined();
      expect([row[1], row[2], row[4], row[6], row[7]].map((x) => shownNumber(x!))).toEqual([c.total, c.final, c.mid, c.below, c.noData]);
      expect(row[3]).toMatch(/^\d+\.\d%$/);
    }

    // Tool-owned cells on a data sheet show their computed values too: B04 累计 = 300 + 480 + 420 of a plan of 1600.
    await showSheet('维权服务');
    const b04 = (await gridText()).find((r) => r[0] === 'B04')!;
    expect(shownNumber(b04[8]!)).toBe(1200);
    expect(b04[9]).toBe('75.00%');
    expect(b04[10]).toBe('75.00%');

    await showSheet(summary);
    await page.screenshot({ path: join(SCREENSHOTS, 'filled-summary.png') });
  });

  it('downloads the filled workbook, patched over the loaded bytes', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载已填写的工作簿/ }).click(),
    ]);
    const path = join(TMP, 'downloaded.xlsx');
    await download.saveAs(path);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const { view } = await readXlsx(new Uint8Array(readFileSync(path)));
    expect(view.sheetNames).toContain(template.sheets.summary);
    const again = checkReturn(view, template);
    expect(formatFindings(again.issues, template, 'zh-CN').map((f) => `${f.rule} ${f.sheet}!${f.cell}`).sort()).toEqual(
      findingsZh.map((f) => `${f.rule} ${f.sheet}!${f.cell}`).sort(),
    );
  });

  it('has no serious or critical accessibility violations in the task pane (axe-core)', async () => {
    expect(await axeSeriousViolations()).toEqual([]);
    // Nor does the preview around it (toolbar, grid, sheet tabs).
    expect(await axeSeriousViolations('whole page')).toEqual([]);
  });


  it('switches the task pane and the findings to English, and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    try {
      await pane().getByRole('button', { name: en.fill }).waitFor();
      await expect(findingButtons()).toHaveCountEventually(findingsEn.length);
      const shown = await findingButtons().allTextContents();
      for (const f of findingsEn) expect(shown.some((t) => t.includes(f.message))).toBe(true);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.getByRole('button', { name: /Download the filled workbook/ }).count()).toBe(1);
      expect(await axeSeriousViolations()).toEqual([]);
    } finally {
      await page.getByRole('button', { name: '中文' }).click();
      await pane().getByRole('button', { name: zh.fill }).waitFor();
    }
  });

  it('opens the user’s own .xlsx in the browser', async () => {
    const clean = await toXlsx(buildFilledReturn(template, { quarter: 2, seed: 3 }));
    const file = join(TMP, 'clean-q2.xlsx');
    writeFileSync(file, clean);
    await page.getByTestId('file-input').setInputFiles(file);
    await pane().getByText(zh.noFindings).waitFor();
    expect(await findingButtons().count()).toBe(0);
    expect(await page.getByText('clean-q2.xlsx').count()).toBeGreaterThan(0);
  });

  it('made no request beyond 127.0.0.1 and logged no error', async () => {
    const local = (u: string): boolean => u.startsWith(`${origin}/`) || u.startsWith('data:') || u.startsWith('blob:');
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !local(u))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/* A polling matcher for locator counts (playwright-core has no test runner's auto-waiting expect). */
declare global {
  namespace jest {
    interface Matchers<R> {
      toHaveCountEventually(n: number, timeoutMs?: number): Promise<R>;
    }
  }
}
expect.extend({
  async toHaveCountEventually(locator: Locator, n: number, timeoutMs = 15_000) {
    const until = Date.now() + timeoutMs;
    let count = await locator.count();
    while (count !== n && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      count = await locator.count();
    }
    return {
      pass: count === n,
      message: () => `expected ${n} element(s) for ${String(locator)}, found ${count} after ${timeoutMs} ms`,
    };
  },
});
