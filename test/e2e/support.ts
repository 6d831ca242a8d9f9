/* Shared by the e2e tests: the production build, a local static server, Debian's Chromium, free ports. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const ROOT = resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test', 'e2e', 'screenshots');
export const TMP = join(ROOT, 'test', '.tmp');

/**
 * Runs `webpack --mode production` into `outDir` (a child process: webpack stays out of jest's module registry).
 * `page`: only the web page, as `dist/fulian-returns.html` is built, into `outDir/fulian-returns.html`.
 * `env`: more environment for the build (FULIAN_BASE_URL, FULIAN_WPS_OUT, …).
 */
export function buildWeb(
  outDir: string,
  options: { page?: boolean; env?: Record<string, string> } = {},
): Promise<{ ms: number; output: string }> {
  const started = Date.now();
  const args = [join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', ...(options.page ? ['--env', 'page'] : [])];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, FULIAN_WEB_OUT: join(outDir, 'web'), FULIAN_PAGE_OUT: outDir, NODE_ENV: 'production', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolvePromise({ ms: Date.now() - started, output });
      else reject(new Error(`webpack --mode production failed (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A static file server for `dir` on 127.0.0.1 at a random port. */
export async function serveStatic(dir: string): Promise<{ server: Server; origin: string }> {
  const base = resolve(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = normalize(join(base, decodeURIComponent(url.pathname)));
    if (!path.startsWith(base + sep) && path !== base) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('static server has no port');
  return { server, origin: `http://127.0.0.1:${addr.port}` };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolvePromise(port));
    });
  });
}

/** Fails with a clear message when Debian's Chromium is missing: the suite never downloads a browser, and never skips. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it (Debian: apt-get install chromium; CI does this in .ci/run) ` +
        'or point CHROMIUM_PATH at a Chromium binary. The e2e suite never downloads a browser.',
    );
  }
  const v = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (v.status !== 0) throw new Error(`${CHROMIUM} --version failed: ${v.stderr || v.error?.message}`);
  return v.stdout.trim();
}

/**
 * Debian's Chromium, headless, with a fresh user-data-dir (removed on close) and everything that phones home off.
 * Playwright wants the profile directory through launchPersistentContext rather than --user-data-dir.
 */
export async function launchChromium(viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  requireChromium();
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'fulian-e2e-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args,
    headless: true,
    viewport,
    locale: 'zh-CN',
    acceptDownloads: true,
    timeout: 60_000,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
