/**
 * The deployment build (contract section 9, issue #14): one `FULIAN_BASE_URL=https://fulian.example.gov.cn/addin/
 * npm run build` into a temporary dist/, then its manifest (office-addin-manifest's own reader), the syntax level of
 * every script it ships (acorn: the loader at ES5, everything else at ES2017), and taskpane.html in Debian's
 * Chromium when Office.js cannot be had, outside Office, and in an engine too old for the bundle.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, relative } from 'node:path';
import * as acorn from 'acorn';
import type { BrowserContext, Page } from 'playwright-core';
import { readManifestInfo } from '../manifest-reader';
import { buildWeb, launchChromium, requireChromium, serveStatic, TMP } from './support';

const BASE = 'https://fulian.example.gov.cn/addin/';
const ADDIN = `${BASE}web/`;
const DIST = join(TMP, 'deploy');
const CDN = 'appsforoffice.microsoft.com';

let server: Server | undefined;
let origin = '';
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;

jest.setTimeout(60_000);

beforeAll(async () => {
  requireChromium();
  rmSync(DIST, { recursive: true, force: true });
  const build = await buildWeb(DIST, { env: { FULIAN_BASE_URL: BASE, FULIAN_WPS_OUT: join(DIST, 'wps') } });
  process.stdout.write(`deployment build in ${(build.ms / 1000).toFixed(1)} s\n`);
  ({ server, origin } = await serveStatic(DIST));
  browser = await launchChromium({ width: 400, height: 700 });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('dist/manifest.xml for FULIAN_BASE_URL', () => {
  const manifest = () => readFileSync(join(DIST, 'manifest.xml'), 'utf8');
  const urls = () => [...manifest().matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]!);

  test('names no localhost, only the deployment address, and has a SupportUrl', () => {
    expect(manifest()).not.toMatch(/localhost/i);
    expect(urls().length).toBeGreaterThanOrEqual(8);
    for (const u of urls()) expect(u.startsWith(ADDIN)).toBe(true);
    expect(manifest()).toContain(`<SupportUrl DefaultValue="${ADDIN}support.html"/>`);
  });

  test("validates with office-addin-manifest's local reader", () => {
    const info = readManifestInfo(join(DIST, 'manifest.xml'));
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.defaultSettings?.sourceLocation).toBe(`${ADDIN}taskpane.html`);
    expect(info.iconUrl).toBe(`${ADDIN}assets/icon-32.png`);
    expect(info.highResolutionIconUrl).toBe(`${ADDIN}assets/icon-64.png`);
    expect(info.supportUrl).toBe(`${ADDIN}support.html`);
  });

  test('every file it names exists in dist/', () => {
    const missing = urls().map((u) => join(DIST, 'web', decodeURIComponent(new URL(u).pathname.slice(new URL(ADDIN).pathname.length)))).filter((p) => !existsSync(p));
    expect(missing).toEqual([]);
  });

  test('the office.js copy Excel falls back to is beside the pane, with its Excel host scripts', () => {
    for (const f of ['office.js', 'excel-win32-16.01.js', 'excel-web-16.00.js', 'excel-mac-16.00.js', 'zh-cn/office_strings.js', 'en-us/office_strings.js']) {
      expect([f, existsSync(join(DIST, 'web', 'office', f))]).toEqual([f, true]);
    }
  });
});

describe('syntax levels (acorn)', () => {
  test('the loader parses as ES5; every other shipped script (files and inline) as ES2017', () => {
    const all = files(DIST);
    const scripts = all.filter((f) => f.endsWith('.js') && !f.includes(`${join('web', 'office')}`));
    expect(scripts.some((f) => f.endsWith(join('web', 'loader.js')))).toBe(true);
    expect(scripts.length).toBeGreaterThan(4);
    const failures: string[] = [];
    const parse = (code: string, ecmaVersion: 5 | 2017, where: string, sourceType: 'script' | 'module' = 'script') => {
      try {
        acorn.parse(code, { ecmaVersion, sourceType });
      } catch (e) {
        failures.push(`${where} (ES${ecmaVersion}): ${(e as Error).message}`);
      }
    };
    for (const f of scripts) parse(readFileSync(f, 'utf8'), f.endsWith(join('web', 'loader.js')) ? 5 : 2017, relative(DIST, f));
    for (const f of all.filter((x) => x.endsWith('.html'))) {
      const html = readFileSync(f, 'utf8');
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const attrs = m[1]!;
        const type = /type="([^"]+)"/.exec(attrs)?.[1] ?? 'text/javascript';
        if (!/javascript|module/.test(type) || m[2]!.trim() === '') continue;
        parse(m[2]!, 2017, `${relative(DIST, f)} inline`, type === 'module' ? 'module' : 'script');
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('taskpane.html in Chromium', () => {
  async function openPane(setup: (page: Page) => Promise<void>): Promise<Page> {
    const page = await browser!.context.newPage();
    await page.route(new RegExp(CDN), (route) => route.abort('namenotresolved'));
    await setup(page);
    await page.goto(`${origin}/web/taskpane.html`);
    return page;
  }

  test('with office.js unreachable (the CDN and the copy beside it), it says so instead of a blank page', async () => {
    const page = await openPane(async (p) => {
      await p.route(/\/web\/office\/office\.js$/, (route) => route.abort('failed'));
    });
    const note = page.locator('#fulian-no-office');
    await note.waitFor({ state: 'visible' });
    await expect(note.innerText()).resolves.toMatch(/无法加载 Office\.js[\s\S]*Office\.js could not be loaded/);
    expect(await page.locator('#fulian-loading').isVisible()).toBe(false);
    await page.close();
  });

  test('with only the CDN blocked, the copy beside the pane loads; outside Office the page says what it is', async () => {
    const requested: string[] = [];
    const page = await openPane(async (p) => void p.on('request', (r) => requested.push(r.url())));
    const note = page.locator('#fulian-outside');
    await note.waitFor({ state: 'visible', timeout: 45_000 });
    await expect(note.innerText()).resolves.toMatch(/Excel 加载项[\s\S]*Excel add-in/);
    expect(await note.locator('a').first().getAttribute('href')).toBe('../fulian-returns.html');
    expect(requested.some((u) => u.endsWith('/web/office/office.js'))).toBe(true);
    expect(requested.some((u) => /\/web\/taskpane\.[0-9a-f]{8}\.js$/.test(u))).toBe(true);
    // office.js's next files come from the copy's folder, not from the CDN that did not answer.
    expect(requested.filter((u) => u.includes(CDN))).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
    await page.close();
  });

  test("with the loader's feature test failing (an engine without Array.prototype.flat), it shows the old-Office message and loads no bundle", async () => {
    const requested: string[] = [];
    const page = await openPane(async (p) => {
      p.on('request', (r) => requested.push(r.url()));
      await p.addInitScript(() => {
        delete (Array.prototype as { flat?: unknown }).flat;
      });
    });
    const note = page.locator('#fulian-old-office');
    await note.waitFor({ state: 'visible' });
    await expect(note.innerText()).resolves.toMatch(/Microsoft 365[\s\S]*Office 2021[\s\S]*Office 2019[\s\S]*fulian-returns\.html/);
    expect(requested.filter((u) => /taskpane\.[0-9a-f]{8}\.js$/.test(u))).toEqual([]);
    await page.close();
  });
});
