/**
 * The HTML review report in Debian's headless Chromium: opened from disk with no network, its table's rows in the
 * needing-a-call-first order, the chart drawn, no request leaving the file, cards on a phone with nothing wider than
 * the screen. Screenshots go to test/e2e/screenshots/ (git-ignored). Never skipped: without Chromium it fails, saying why.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { text } from '../../src/engine/cell';
import { cleanReturn, colOf, rowOf, runCli, tempDir, textFileBytes, writeReturn } from '../cli/helpers';
import { launchChromium, SCREENSHOTS } from './support';

let dir: string;
let cleanup: () => void;
let url: string;
const UNIT_MARKUP = '<b>戊县</b>妇联';

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-report-e2e-'));
  const r = join(dir, 'returns');
  mkdirSync(r);
  await writeReturn(join(r, '1.xlsx'), cleanReturn({ seed: 51, unit: '甲县妇联' }));
  const bad = cleanReturn({ seed: 52, unit: '乙县妇联' });
  bad.sheet('创业就业')!.set(rowOf(bad, '创业就业', 'A01'), colOf(bad, '创业就业', '第二季度'), { value: text('无') });
  await writeReturn(join(r, '2.xlsx'), bad);
  await writeReturn(join(r, '3.xlsx'), cleanReturn({ seed: 53, unit: '丙县妇联' }));
  await writeReturn(join(r, '4.xlsx'), cleanReturn({ seed: 54, unit: UNIT_MARKUP }));
  writeFileSync(join(r, '5.xlsx'), textFileBytes());
  const res = await runCli(['check', 'returns', '--report', 'review.html'], { cwd: dir });
  expect(res.code).toBe(2);
  url = pathToFileURL(join(dir, 'review.html')).href;
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(() => cleanup());

describe('HTML review report in Chromium', () => {
  it('shows one row per return, those that need a call first, and a bar per readable return', async () => {
    const { context, close } = await launchChromium({ width: 1280, height: 900 });
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(url);
      const rows = await page.$$eval('table.review tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => (td.textContent ?? '').trim())),
      );
      expect(rows).toHaveLength(5);
      expect(rows[0]).toEqual(['（未填单位）', '5.xlsx']);
      expect(rows[1]).toEqual(['乙县妇联', '2.xlsx']);
      expect(rows.map((r) => r[0]).slice(2).sort()).toEqual(['<b>戊县</b>妇联', '丙县妇联', '甲县妇联'].sort());
      // The markup in a unit name is text, not an element.
      expect(await page.$$eval('table.review b', (bs) => bs.length)).toBe(0);
      expect(await page.$$eval('figure.chart rect.bar', (r) => r.length)).toBe(4);
      expect(await page.$$eval('section[id^="r"]', (s) => s.length)).toBe(5);
      // Following a unit's link lands on its findings.
      await page.click('table.review tbody tr:nth-child(2) td.unit a');
      expect(await page.evaluate(() => location.hash)).toBe('#r2');
      expect(await page.textContent('#r2')).toContain('not-a-number');
      expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, 'report-desktop.png'), fullPage: true });
    } finally {
      await close();
    }
  }, 120_000);

  it('turns into cards on a phone, nothing wider than the screen', async () => {
    const { context, close } = await launchChromium({ width: 375, height: 740 });
    try {
      const page = await context.newPage();
      await page.goto(url);
      expect(await page.$eval('table.review thead', (t) => getComputedStyle(t).display)).toBe('none');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(375);
      const label = await page.$eval('table.review tbody tr:nth-child(2) td:nth-child(4)', (td) => getComputedStyle(td, '::before').content);
      expect(label).toBe('"完整率(%)"');
      const planLabel = await page.$eval('table.review tbody tr:nth-child(2) td:nth-child(9)', (td) => getComputedStyle(td, '::before').content);
      expect(planLabel).toBe('"A01 妇女技能培训人数"');
      await page.screenshot({ path: join(SCREENSHOTS, 'report-phone.png'), fullPage: true });
    } finally {
      await close();
    }
  }, 120_000);
});
