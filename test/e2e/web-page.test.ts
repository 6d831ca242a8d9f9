/**
 * The web page as shipped: dist/fulian-returns.html built once (`--env page`), opened over file:// in Debian's
 * Chromium, every request that is not the file itself, a blob: or a data: URL failing the suite. One browser, one
 * page, walked through the staff's jobs, then the reviewer's, then the hostile files of #13 item 7.
 * Outputs are judged against the CLI run on the same files, cell by cell through openpyxl (a reader we did not write).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as acorn from 'acorn';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { checkReturn, formatFindings, type Finding, type ReturnReport } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { standardTemplate } from '../../src/engine/template/load';
import { uiStrings } from '../../src/taskpane/i18n';
import { readXlsx } from '../../src/xlsx';
import { toXlsx } from '../../scripts/make-sample';
import { runCli } from '../cli/helpers';
import { recalcInLibreOffice } from '../libreoffice/soffice';
import { withSpoiledCaches } from '../libreoffice/spoiled';
import { PYTHON, readWithOpenpyxl } from '../fixtures/openpyxl';
import { buildWeb, launchChromium, requireChromium, ROOT, SCREENSHOTS, TMP } from './support';

const template = standardTemplate();
const zh = uiStrings('zh-CN');
const en = uiStrings('en');
const SAMPLE = join(ROOT, 'assets', 'sample-return.xlsx');
const OUT = join(TMP, 'web-page');
const WORK = join(TMP, 'web-page-files');
const FOLDER = 'returns';
const UNITS = ['甲县妇联', '乙县妇联', '丙县妇联', '丁县妇联'];

let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
let pageUrl = '';
const requests: string[] = [];
const pageErrors: string[] = [];
let report: ReturnReport;
let findingsZh: Finding[];
let findingsEn: Finding[];
let buildOutput = '';
/** `check --json` of the folder, by file as the CLI names it (`returns/unit-1.xlsx`). */
let cliChecks: Map<string, { unit: string | null; errors: number; warnings: number }>;

jest.setTimeout(60_000);

beforeAll(async () => {
  requireChromium();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, FOLDER), { recursive: true });
  const build = buildWeb(OUT, { page: true });

  // The sample return, and what the CLI's fill makes of it.
  copyFileSync(SAMPLE, join(WORK, 'my-return.xlsx'));
  // Exit 1: the sample has error findings, and fill writes anyway.
  expect((await runCli(['fill', 'my-return.xlsx', '-o', 'cli-filled.xlsx'], { cwd: WORK })).code).toBe(1);
  // A folder as a county sends it: four clean returns, the sample (with errors), a legacy .xls and a note.
  for (let i = 0; i < UNITS.length; i++) {
    writeFileSync(join(WORK, FOLDER, `unit-${i + 1}.xlsx`), await toXlsx(buildFilledReturn(template, { quarter: 3, seed: 10 + i, unit: UNITS[i] })));
  }
  copyFileSync(SAMPLE, join(WORK, FOLDER, 'unit-5.xlsx'));
  writeFileSync(join(WORK, FOLDER, 'old-format.xls'), Buffer.from('d0cf11e0a1b11ae10000000000000000', 'hex'));
  writeFileSync(join(WORK, FOLDER, 'notes.txt'), '请于10月10日前报送');
  const checked = await runCli(['check', FOLDER, '--json'], { cwd: WORK });
  cliChecks = new Map(
    (JSON.parse(checked.stdout) as { file: string; unit: string | null; counts?: { error: number; warning: number } }[])
      .filter((r) => r.counts)
      .map((r) => [r.file, { unit: r.unit, errors: r.counts!.error, warnings: r.counts!.warning }]),
  );
  // merge of the folder's returns (a folder holding files that are no returns is refused by merge; the page lists them).
  const merged = await runCli(['merge', ...[...cliChecks.keys()].sort(), '-o', 'cli-merged.xlsx', '--allow-errors'], { cwd: WORK });
  expect(merged.code).toBe(0);
  // #13 item 7, written by openpyxl: a cover cell at XFD1048576, and a unit typed as a megabyte of text.
  execFileSync(PYTHON, [
    '-c',
    `import openpyxl,sys
wb=openpyxl.load_workbook(sys.argv[1]); wb['封面']['XFD1048576']='远处的单元格'; wb.save(sys.argv[2])
wb=openpyxl.load_workbook(sys.argv[1]); wb['封面']['B2']='妇'*(1024*1024); wb.save(sys.argv[3])`,
    SAMPLE,
    join(WORK, 'far-cell.xlsx'),
    join(WORK, 'huge-cell.xlsx'),
  ]);

  const { view } = await readXlsx(new Uint8Array(readFileSync(SAMPLE)));
  report = checkReturn(view, template);
  findingsZh = formatFindings(report.issues, template, 'zh-CN');
  findingsEn = formatFindings(report.issues, template, 'en');

  const built = await build;
  buildOutput = built.output;
  process.stdout.write(`page build in ${(built.ms / 1000).toFixed(1)} s\n`);
  pageUrl = pathToFileURL(join(OUT, 'fulian-returns.html')).href;

  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // Nothing may leave the page: any request other than the file itself, blob: and data: fails the suite (and is cut).
  await browser.context.route(/^(?!file:|blob:|data:)/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  browser.context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

const pane = (): Locator => page.getByTestId('task-pane');
const findingButtons = (): Locator => pane().locator('button[data-severity]');
const cellAt = (address: string): Locator => page.locator(`[role="gridcell"][data-cell="${address}"]`);

/**
 * The active sheet's cells as text, row by row (row 1 first): the grid renders only what is in view, so this scrolls
 * it across and down and collects each rendered cell by its address, then scrolls back.
 */
async function gridText(): Promise<string[][]> {
  return page.evaluate(async () => {
    const grid = document.querySelector('[role="grid"]')!;
    const scroller = grid.closest('[role="region"]') as HTMLElement;
    const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    const rows: string[][] = [];
    for (let top = 0; ; top += Math.max(1, scroller.clientHeight - 60)) {
      for (let left = 0; ; left += Math.max(1, scroller.clientWidth - 120)) {
        scroller.scrollTo({ top, left });
        await frame();
        for (const row of grid.querySelectorAll('[role="row"]')) {
          const r = Number(row.getAttribute('aria-rowindex')) - 1;
          if (r < 1) continue;
          for (const cell of row.querySelectorAll('[role="gridcell"]')) {
            const c = Number(cell.getAttribute('aria-colindex')) - 1;
            (rows[r - 1] ??= [])[c - 1] = cell.textContent ?? '';
          }
        }
        if (left + scroller.clientWidth >= scroller.scrollWidth) break;
      }
      if (top + scroller.clientHeight >= scroller.scrollHeight) break;
    }
    scroller.scrollTo({ top: 0, left: 0 });
    await frame();
    return Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? ''));
  });
}

async function showSheet(name: string): Promise<void> {
  await page.locator(`[data-sheet-tab="${name}"]`).click();
  await page.locator(`[role="grid"][data-sheet="${name}"]`).waitFor();
}

/** Opens a file for staff and waits until the pane has checked it (the toolbar names it). */
async function openStaffFile(path: string): Promise<void> {
  await page.getByTestId('mode-staff').click();
  await page.getByTestId('file-input').setInputFiles(path);
  await page.getByText(basename(path)).first().waitFor({ timeout: 30_000 });
  await pane().getByRole('button', { name: zh.fill }).waitFor({ timeout: 30_000 });
}

/** What openpyxl reads of two files must be the same, sheet by sheet and cell by cell. */
function sameCells(a: string, b: string): void {
  const read = readWithOpenpyxl([a, b]);
  const ra = read[a]!;
  const rb = read[b]!;
  if (!ra.ok || !rb.ok) throw new Error(`openpyxl: ${JSON.stringify([ra, rb])}`);
  expect(Object.keys(rb.sheets)).toEqual(Object.keys(ra.sheets));
  for (const sheet of Object.keys(ra.sheets)) expect({ sheet, cells: rb.sheets[sheet] }).toEqual({ sheet, cells: ra.sheets[sheet] });
}

async function download(button: Locator, saveTo: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  await d.saveAs(saveTo);
  return d.suggestedFilename();
}

const KNOWN_AXE_ISSUES: readonly string[] = [];

async function axeSeriousViolations(): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const axe = (await import('axe-core')) as unknown as { source: string };
  // Under the page's CSP a script cannot be added; axe runs through the DevTools protocol instead (evaluate).
  await page.evaluate(axe.source);
  return page.evaluate(async (known) => {
    const w = window as unknown as {
      axe: { run: (ctx: object, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
    };
    // Fluent UI's focus manager parks aria-hidden focus guards (data-tabster-dummy) on purpose; they are not content.
    const r = await w.axe.run({ include: [['body']], exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .filter((v) => !known.includes(v.id))
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, KNOWN_AXE_ISSUES);
}

describe('the web page, one file over file:// (Chromium)', () => {
  it('is built as one file, its size printed, nothing else written', () => {
    const size = statSync(join(OUT, 'fulian-returns.html')).size;
    expect(buildOutput).toContain(`fulian-returns.html: ${size} bytes`);
    expect(size).toBeLessThan(2.5 * 1024 * 1024);
    const html = readFileSync(join(OUT, 'fulian-returns.html'), 'utf8');
    // No src= or href= to anything: every script is inline, and the policy allows no other origin.
    expect(html).not.toMatch(/<script[^>]+src=/);
    // …its one link is an empty data: icon, so a served page asks for no /favicon.ico
    expect([...html.matchAll(/<link[^>]*>/g)].map((m) => m[0])).toEqual(['<link rel="icon" href="data:," />']);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
    // Workbooks are read by src/xlsx's own reader: ExcelJS is no part of the page.
    expect(html).not.toMatch(/exceljs/i);
  });

  it('holds two scripts, the page’s and its worker’s, each parsing as ES2017', () => {
    const html = readFileSync(join(OUT, 'fulian-returns.html'), 'utf8');
    const scripts = [...html.matchAll(/<script( [^>]*)?>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1] ?? '', code: m[2]! }));
    expect(scripts.map((x) => x.attrs.trim())).toEqual(['type="text/plain" id="fulian-worker-source"', '']);
    for (const { code } of scripts) {
      expect(code.length).toBeGreaterThan(100_000);
      // acorn at 2017 refuses ?., ??, object spread, class fields, optional catch bindings and the like.
      expect(() => acorn.parse(code, { ecmaVersion: 2017, sourceType: 'script' })).not.toThrow();
    }
  });

  it('opens on the sample return and lists its findings, zh-CN first', async () => {
    expect(findingsZh.length).toBeGreaterThanOrEqual(10);
    await page.goto(pageUrl);
    await expect(findingButtons()).toHaveCountEventually(findingsZh.length);
    const shown = await findingButtons().evaluateAll((bs) => bs.map((b) => [b.textContent ?? '', b.getAttribute('data-rule')]));
    // the rule id rides on the row (its tooltip), not in the text staff read
    for (const f of findingsZh) expect(shown.some(([t, rule]) => t!.includes(f.message) && !t!.includes(f.rule) && rule === f.rule)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.locator('[role="grid"][data-sheet="封面"]').waitFor();
    expect((await gridText())[6]?.[1]).toBe('1389382123');
    await page.screenshot({ path: join(SCREENSHOTS, 'first-screen.png') });
    // The README's screenshots are tracked files: refreshed only when asked (FULIAN_UPDATE_SCREENSHOT=1).
    if (process.env.FULIAN_UPDATE_SCREENSHOT === '1') copyFileSync(join(SCREENSHOTS, 'first-screen.png'), join(ROOT, 'assets', 'preview.png'));
  });

  it('loads a return through the file input and selects a finding’s cell on its sheet', async () => {
    await openStaffFile(join(WORK, 'my-return.xlsx'));
    await expect(findingButtons()).toHaveCountEventually(findingsZh.length);
    for (const f of [findingsZh.find((x) => x.rule === 'part-exceeds-total')!, findingsZh.find((x) => x.rule === 'target-missing')!]) {
      await findingButtons().filter({ hasText: f.message }).first().click();
      await page.locator(`[role="grid"][data-sheet="${f.sheet}"]`).waitFor();
      const selected = page.locator('[role="gridcell"][aria-selected="true"]');
      await expect(selected).toHaveCountEventually(1);
      expect(await selected.getAttribute('data-cell')).toBe(f.cell);
      expect(await page.getByTestId('name-box').textContent()).toBe(f.cell);
      expect(await selected.isVisible()).toBe(true);
    }
  });

  it('shows values as Excel does: percent formats, error values, typed text', async () => {
    await showSheet('维权服务');
    const b03 = (await gridText()).find((r) => r[0] === 'B03')!;
    expect(b03[4]).toMatch(/^\d+\.\d{2}%$/);
    expect(b03[5]).toBe('#DIV/0!');
  });

  it('marks the findings’ cells and clears the marks again', async () => {
    await pane().getByRole('button', { name: zh.mark }).click();
    await pane().getByRole('button', { name: zh.clearMarks }).waitFor();
    const sheet = '创业就业';
    await showSheet(sheet);
    // Excel's own Bad / Neutral / note fills (#FFC7CE, #FFEB9C, #DDEBF7), the worst finding of a cell winning.
    const fillOf = { error: 'rgb(255, 199, 206)', warning: 'rgb(255, 235, 156)', info: 'rgb(221, 235, 247)' } as const;
    const rank = { error: 3, warning: 2, info: 1 } as const;
    const worst = new Map<string, Finding['severity']>();
    for (const f of findingsZh) {
      if (f.sheet !== sheet || !f.cell) continue;
      const had = worst.get(f.cell);
      if (!had || rank[f.severity] > rank[had]) worst.set(f.cell, f.severity);
    }
    expect(worst.size).toBeGreaterThan(0);
    for (const [c, severity] of worst) {
      expect(await cellAt(c).getAttribute('data-marked')).toBe('true');
      expect([c, await cellAt(c).evaluate((el) => getComputedStyle(el).backgroundColor)]).toEqual([c, fillOf[severity]]);
    }
    await pane().getByRole('button', { name: zh.clearMarks }).click();
    await pane().getByRole('button', { name: zh.mark }).waitFor();
    await expect(page.locator('[role="gridcell"][data-marked]')).toHaveCountEventually(0);
  });

  it('fills the formulas and 汇总 in the pane, whose completion figures match the engine', async () => {
    const summary = template.sheets.summary;
    await pane().getByRole('button', { name: zh.fill }).click();
    await page.locator(`[data-sheet-tab="${summary}"]`).waitFor({ timeout: 20_000 });
    // #20: the fill says what it did where staff look (the live region says it too), and its button opens 汇总.
    const done = pane().getByTestId('pane-done');
    await done.getByText(zh.announceFilled).waitFor({ timeout: 20_000 });
    expect(await pane().getByRole('status').textContent()).toBe(zh.announceFilled);
    await done.getByRole('button', { name: zh.openSummary(summary) }).click();
    await page.locator(`[role="grid"][data-sheet="${summary}"]`).waitFor();
    const rows = await gridText();
    const h1 = template.summary.indicatorBlock.headers;
    const head1 = rows.findIndex((r) => r[0] === h1[0] && r[1] === h1[1]);
    expect(head1).toBeGreaterThanOrEqual(0);
    for (const fig of report.indicators) {
      const row = rows.slice(head1 + 1).find((r) => r[0] === fig.indicator.code)!;
      expect(row[1]).toBe(fig.indicator.name);
      expect(row[7]).toBe(fig.progressStatus);
    }
  });

  it('downloads the filled workbook, equal cell for cell to the CLI’s fill', async () => {
    const name = await download(page.getByRole('button', { name: /下载已填写的工作簿/ }), join(WORK, 'page-filled.xlsx'));
    expect(name).toBe('my-return-已填写.xlsx');
    sameCells(join(WORK, 'cli-filled.xlsx'), join(WORK, 'page-filled.xlsx'));
    // LibreOffice, not our figures, judges the page's 汇总: recalculated from spoiled caches, each indicator's
    // 进度状态 is the engine's.
    const { page: recalced } = recalcInLibreOffice({ page: await withSpoiledCaches((await readXlsx(new Uint8Array(readFileSync(join(WORK, 'page-filled.xlsx'))))).view) });
    const summary = (await readXlsx(recalced!)).view.sheet(template.sheets.summary)!;
    const statusOf = new Map<string, unknown>();
    for (let r = 1; r <= summary.rowCount; r++) {
      const code = summary.cell(r, 1).value;
      if (code.kind === 'text' && !statusOf.has(code.value)) statusOf.set(code.value, summary.cell(r, 8).value);
    }
    for (const fig of report.indicators) expect([fig.indicator.code, statusOf.get(fig.indicator.code)]).toEqual([fig.indicator.code, { kind: 'text', value: fig.progressStatus }]);
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    try {
      await pane().getByRole('button', { name: en.fill }).waitFor();
      await expect(findingButtons()).toHaveCountEventually(findingsEn.length);
      const shown = await findingButtons().allTextContents();
      for (const f of findingsEn) expect(shown.some((t) => t.includes(f.message))).toBe(true);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await axeSeriousViolations()).toEqual([]);
    } finally {
      await page.getByRole('button', { name: '中文' }).click();
      await pane().getByRole('button', { name: zh.fill }).waitFor();
    }
  });

  it('keeps the actions in reach at the end of the findings, and says what 重新检查 found', async () => {
    const actions = pane().getByTestId('pane-actions');
    await pane().evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    expect(await pane().evaluate((el) => el.scrollTop)).toBeGreaterThan(200);
    const [box, bar] = [await pane().boundingBox(), await actions.boundingBox()];
    expect(bar!.y).toBeGreaterThanOrEqual(box!.y - 1);
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(box!.y + box!.height);
    await actions.getByRole('button', { name: zh.checkAgain }).click();
    const said = zh.announceChecked({ error: report.counts.error, warning: report.counts.warning, info: report.counts.info });
    await pane().getByTestId('pane-done').getByText(said).waitFor({ timeout: 30_000 });
    await pane().evaluate((el) => el.scrollTo({ top: 0 }));
  });

  it('never scrolls the page into blank space (toolbar, End)', async () => {
    await page.getByTestId('mode-staff').focus();
    await page.keyboard.press('End');
    const sizes = await page.evaluate(() => {
      const doc = document.scrollingElement!;
      const paneEl = document.querySelector<HTMLElement>('[data-testid="task-pane"]')!;
      const content = paneEl.firstElementChild!.getBoundingClientRect().height;
      return { scroll: doc.scrollHeight, view: innerHeight, paneScroll: paneEl.scrollHeight, paneView: paneEl.clientHeight, content };
    });
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.view);
    // the pane scrolls as far as its content reaches, not further
    expect(sizes.paneScroll).toBeLessThanOrEqual(Math.max(sizes.paneView, Math.ceil(sizes.content)) + 1);
  });

  it('clips no text in a 320 px pane, in Chinese and in English; its picture at 350 px', async () => {
    /** Text nodes whose text overflows its own box or a clipping ancestor inside the pane (visually hidden ones aside). */
    const clipped = () =>
      pane().evaluate((root) => {
        const out: string[] = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n.textContent?.trim();
          if (!text) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          const r = range.getBoundingClientRect();
          if (r.width === 0) continue;
          let hidden = false;
          const problems: string[] = [];
          for (let el = n.parentElement; el && el !== root.parentElement; el = el.parentElement) {
            const st = getComputedStyle(el);
            if (el.getBoundingClientRect().width <= 1 || st.clip !== 'auto' || st.display === 'none') hidden = true;
            if (st.display !== 'inline' && el.scrollWidth > el.clientWidth + 1 && st.overflowX !== 'visible') problems.push(`scroll ${el.scrollWidth} > ${el.clientWidth}`);
            const b = el.getBoundingClientRect();
            if (st.overflowX !== 'visible' && (r.left < b.left - 1 || r.right > b.right + 1)) problems.push(`outside ${el.tagName}`);
          }
          if (!hidden && problems.length) out.push(`${text.slice(0, 40)}: ${problems[0]}`);
        }
        return out;
      });
    await pane().evaluate((el) => (el.style.width = '320px'));
    try {
      for (const [lang, button, strings] of [
        ['zh-CN', '中文', zh],
        ['en', 'English', en],
      ] as const) {
        await page.getByRole('button', { name: button }).click();
        await pane().getByRole('button', { name: strings.fill }).waitFor();
        await expect(findingButtons()).toHaveCountEventually(lang === 'en' ? findingsEn.length : findingsZh.length);
        expect({ lang, clipped: await clipped() }).toEqual({ lang, clipped: [] });
      }
      await page.getByRole('button', { name: '中文' }).click();
      await pane().getByRole('button', { name: zh.fill }).waitFor();
      await pane().evaluate((el) => (el.style.width = '350px'));
      await pane().evaluate((el) => el.scrollTo({ top: 0 }));
      await pane().screenshot({ path: join(SCREENSHOTS, 'pane-350.png') });
      if (process.env.FULIAN_UPDATE_SCREENSHOT === '1') copyFileSync(join(SCREENSHOTS, 'pane-350.png'), join(ROOT, 'assets', 'pane-350.png'));
    } finally {
      await pane().evaluate((el) => (el.style.width = ''));
    }
  });

  it('has no serious or critical accessibility violation in the staff view (axe-core)', async () => {
    expect(await axeSeriousViolations()).toEqual([]);
  });

  it('reviews a folder: every unit with the CLI’s error counts, the .xls and the note listed with the reason', async () => {
    await page.getByTestId('mode-review').click();
    await page.getByTestId('folder-input').setInputFiles(join(WORK, FOLDER));
    await page.locator('[data-testid="review-progress"][data-done]').waitFor({ timeout: 60_000 });
    const table = page.getByTestId('review-table');
    expect(cliChecks.size).toBe(5);
    for (const [file, cli] of cliChecks) {
      const row = table.locator(`tr[data-file="${file}"]`);
      expect(await row.count()).toBe(1);
      expect(await row.locator('[data-errors]').getAttribute('data-errors')).toBe(String(cli.errors));
      expect(await row.locator('[data-warnings]').getAttribute('data-warnings')).toBe(String(cli.warnings));
      expect(await row.textContent()).toContain(cli.unit!);
    }
    const skipped = page.getByTestId('skipped-table');
    expect(await skipped.locator(`tr[data-file="${FOLDER}/old-format.xls"]`).textContent()).toMatch(/\.xls.*另存为 \.xlsx/);
    expect(await skipped.locator(`tr[data-file="${FOLDER}/notes.txt"]`).textContent()).toContain('不是报表文件');
    // The chart shows each unit's lagging indicators: the sample's 8, none averaged away.
    const sampleRow = page.getByTestId('lag-chart').locator('li[data-unit="示例县妇联"]');
    expect(await sampleRow.getAttribute('data-behind')).toBe(String(report.indicators.filter((f) => f.progressStatus === template.progress.statuses.behind).length));
    await page.screenshot({ path: join(SCREENSHOTS, 'reviewer.png'), fullPage: false });
    if (process.env.FULIAN_UPDATE_SCREENSHOT === '1') copyFileSync(join(SCREENSHOTS, 'reviewer.png'), join(ROOT, 'assets', 'web-reviewer.png'));
  });

  it('refuses the roll-up of returns with errors as merge does, then rolls up equal cell for cell to merge --allow-errors', async () => {
    const button = page.getByRole('button', { name: '下载汇总报表' });
    await button.click();
    await expect(page.getByTestId('review-notice').filter({ hasText: `${FOLDER}/unit-5.xlsx` })).toHaveCountEventually(1);
    await page.getByRole('checkbox', { name: /有错误的报表也汇总/ }).check();
    await download(button, join(WORK, 'page-merged.xlsx'));
    sameCells(join(WORK, 'cli-merged.xlsx'), join(WORK, 'page-merged.xlsx'));
  });

  it('downloads the review workbook and the annotated returns as one zip', async () => {
    const book = await download(page.getByRole('button', { name: /下载审核报告/ }), join(WORK, 'page-review.xlsx'));
    expect(book).toBe('审核报告.xlsx');
    const read = readWithOpenpyxl([join(WORK, 'page-review.xlsx')])[join(WORK, 'page-review.xlsx')]!;
    expect(read.ok).toBe(true);
    const zipName = await download(page.getByRole('button', { name: /下载退回修改的报表/ }), join(WORK, 'annotated.zip'));
    expect(zipName).toBe('退回修改.zip');
    const { unzipSync } = await import('fflate');
    const names = Object.keys(unzipSync(new Uint8Array(readFileSync(join(WORK, 'annotated.zip'))))).sort();
    expect(names).toEqual([...cliChecks.keys()].map((f) => f.slice(f.indexOf('/') + 1)).sort());
  });

  it('shows 报送情况 against a pasted unit list', async () => {
    await page.getByTestId('expect-list').fill(['甲县妇联', '乙县妇联', '戊县妇联'].join('\n'));
    expect(await page.getByTestId('status-missing').textContent()).toContain('戊县妇联');
    expect(await page.getByTestId('status-received').textContent()).toContain(`${FOLDER}/unit-1.xlsx`);
    expect(await page.getByTestId('status-reminder').textContent()).toContain('戊县妇联');
  });

  it('checks the batch again in English after a switch (reasons too), keeping the pasted list', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    try {
      await page.locator('[data-testid="review-progress"][data-done]').filter({ hasText: 'Checked 5 returns' }).waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('skipped-table').locator(`tr[data-file="${FOLDER}/old-format.xls"]`).textContent()).toContain('save it as .xlsx');
      expect(await page.getByTestId('status-missing').textContent()).toContain('戊县妇联');
    } finally {
      await page.getByRole('button', { name: '中文' }).click();
      await page.locator('[data-testid="review-progress"][data-done]').filter({ hasText: '已检查 5 份报表' }).waitFor({ timeout: 30_000 });
    }
  });

  it('has no serious or critical accessibility violation in the reviewer view (axe-core)', async () => {
    expect(await axeSeriousViolations()).toEqual([]);
  });

  it('fits a 1366×768 laptop and a phone without sideways scrolling, in both views', async () => {
    const overflow = (): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    try {
      for (const size of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
        await page.setViewportSize(size);
        expect({ size, review: await overflow() }).toEqual({ size, review: 0 });
        await page.getByTestId('mode-staff').click();
        await pane().getByRole('button', { name: zh.fill }).waitFor();
        expect({ size, staff: await overflow() }).toEqual({ size, staff: 0 });
        await page.getByTestId('mode-review').click();
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('opens a row of the review table in the staff view', async () => {
    await page.getByTestId('review-table').locator(`tr[data-file="${FOLDER}/unit-2.xlsx"] button`).click();
    await pane().getByText(zh.noFindings).waitFor({ timeout: 20_000 });
    expect(await page.getByText(`${FOLDER}/unit-2.xlsx`).count()).toBeGreaterThan(0);
  });

  it('takes files dropped on the page: one return opens for staff, several go to the reviewer view', async () => {
    const drop = async (files: { name: string; path: string }[]): Promise<void> => {
      const payload = files.map((f) => ({ name: f.name, b64: readFileSync(f.path).toString('base64') }));
      await page.evaluate((list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
        // Dropped on whatever is in view (the task pane, or the reviewer view): the page takes drops anywhere.
        const root = document.querySelector('[data-testid="task-pane"], [data-testid="review-view"]')!;
        root.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        root.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, payload);
    };
    await page.getByTestId('mode-staff').click();
    await drop([{ name: 'dropped.xlsx', path: join(WORK, FOLDER, 'unit-3.xlsx') }]);
    await page.getByText('dropped.xlsx').first().waitFor({ timeout: 20_000 });
    await pane().getByText(zh.noFindings).waitFor({ timeout: 20_000 });
    await drop([
      { name: 'a.xlsx', path: join(WORK, FOLDER, 'unit-1.xlsx') },
      { name: 'b.xlsx', path: join(WORK, FOLDER, 'unit-5.xlsx') },
    ]);
    await page.locator('[data-testid="review-progress"][data-done]').filter({ hasText: '已检查 2 份报表' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('review-table').locator('tr[data-file="b.xlsx"] [data-errors]').getAttribute('data-errors')).toBe(
      String(cliChecks.get(`${FOLDER}/unit-5.xlsx`)!.errors),
    );
  });

  it.each([
    ['far-cell.xlsx', 'a cover cell at XFD1048576'],
    ['huge-cell.xlsx', 'a unit cell of a megabyte'],
  ])('#13 item 7: %s (%s) loads and the pane answers a click within 2 s', async (file) => {
    await openStaffFile(join(WORK, file));
    const target = findingsZh.find((x) => x.rule === 'target-missing')!;
    const button = findingButtons().filter({ hasText: target.message }).first();
    await button.waitFor({ timeout: 30_000 });
    const started = Date.now();
    await button.click();
    await page.locator(`[role="gridcell"][aria-selected="true"][data-cell="${target.cell}"]`).waitFor({ timeout: 2_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('made no request beyond the file itself and logged no error', () => {
    expect(requests.filter((u) => !/^(file|blob|data):/.test(u))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Firefox ESR as Debian ships it, driven over WebDriver BiDi by puppeteer-core (no browser download, no Marionette
 * client of our own): the same file loads, the staff view lists the findings and selects a finding's cell, the
 * reviewer view checks several returns through the real file input, axe finds nothing serious, no request, no error.
 */
describe('the same page in Firefox ESR (WebDriver BiDi)', () => {
  const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  let ff: import('puppeteer-core').Browser | undefined;
  let fp: import('puppeteer-core').Page;
  const ffRequests: string[] = [];
  const ffErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(FIREFOX)) throw new Error(`Firefox ESR not found at ${FIREFOX} (Debian: apt-get install firefox-esr; CI installs it)`);
    const puppeteer = (await import('puppeteer-core')).default;
    ff = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, protocol: 'webDriverBiDi', timeout: 90_000 });
    fp = await ff.newPage();
    fp.on('request', (r) => void ffRequests.push(r.url()));
    fp.on('pageerror', (e) => void ffErrors.push(String((e as Error).message ?? e)));
    fp.on('console', (m) => {
      if (m.type() === 'error') ffErrors.push(`console: ${m.text()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await ff?.close();
  });

  const ffCount = (selector: string): Promise<number> => fp.$$eval(selector, (els) => els.length);
  async function ffEventually(selector: string, n: number, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while ((await ffCount(selector)) !== n && Date.now() < until) await new Promise((r) => setTimeout(r, 150));
    expect(await ffCount(selector)).toBe(n);
  }
  async function ffAxe(): Promise<{ id: string; impact: string; nodes: string[] }[]> {
    const axe = (await import('axe-core')) as unknown as { source: string };
    await fp.evaluate(axe.source);
    return fp.evaluate(async (known: readonly string[]) => {
      const w = window as unknown as {
        axe: { run: (c: object, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> };
      };
      const r = await w.axe.run({ include: [['body']], exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => (v.impact === 'serious' || v.impact === 'critical') && !known.includes(v.id))
        .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`) }));
    }, KNOWN_AXE_ISSUES);
  }

  it('opens the file, lists the sample’s findings and selects a finding’s cell', async () => {
    await fp.goto(pageUrl);
    await ffEventually('[data-testid="task-pane"] button[data-severity]', findingsZh.length);
    const f = findingsZh.find((x) => x.rule === 'target-missing')!;
    const clicked = await fp.$$eval(
      '[data-testid="task-pane"] button[data-severity]',
      (buttons, message) => {
        const b = buttons.find((x) => (x.textContent ?? '').includes(message as string)) as HTMLButtonElement | undefined;
        b?.click();
        return Boolean(b);
      },
      f.message,
    );
    expect(clicked).toBe(true);
    await ffEventually(`[role="gridcell"][aria-selected="true"][data-cell="${f.cell}"]`, 1);
    expect(await ffAxe()).toEqual([]);
  });

  it('checks several returns in the reviewer view through the file input', async () => {
    await fp.click('[data-testid="mode-review"]');
    const input = await fp.waitForSelector('[data-testid="files-input"]');
    const files = [...cliChecks.keys()].map((f) => join(WORK, f));
    await (input as import('puppeteer-core').ElementHandle<HTMLInputElement>).uploadFile(...files);
    await fp.waitForSelector('[data-testid="review-progress"][data-done]', { timeout: 60_000 });
    for (const [file, cli] of cliChecks) {
      const errors = await fp.$eval(`[data-testid="review-table"] tr[data-file="${basename(file)}"] [data-errors]`, (el) => el.getAttribute('data-errors'));
      expect(errors).toBe(String(cli.errors));
    }
    expect(await ffAxe()).toEqual([]);
  });

  it('made no request beyond the file itself and logged no error', () => {
    expect(ffRequests.filter((u) => !/^(file|blob|data):/.test(u))).toEqual([]);
    expect(ffErrors).toEqual([]);
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
