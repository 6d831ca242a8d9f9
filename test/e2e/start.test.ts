/**
 * `npm start` on a fresh checkout: makes dev certificates (in a throwaway HOME, never trusting them system-wide),
 * comes up over https, serves the task pane and the web page, and prints how to sideload. Never launches Excel.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT } from './support';

function get(url: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { rejectUnauthorized: false, timeout: 120_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`timeout fetching ${url}`)));
    req.end();
  });
}

async function waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let child: ChildProcess | undefined;
let home = '';
let output = '';
let exited: number | null | undefined;

afterAll(async () => {
  if (child?.pid && exited === undefined) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    await waitFor(() => exited !== undefined, 'npm start to stop', 10_000).catch(() => {
      try {
        process.kill(-child!.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    });
  }
  if (home) rmSync(home, { recursive: true, force: true });
});

it('npm start comes up over https and serves the task pane and the web page', async () => {
  const port = await freePort();
  home = mkdtempSync(join(tmpdir(), 'fulian-start-home-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  child = spawn(npm, ['start'], {
    cwd: ROOT,
    detached: true, // its own process group: the test stops npm, node and webpack together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: home, PORT: String(port), FULIAN_SKIP_CERT_TRUST: '1', npm_config_update_notifier: 'false' },
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  child.on('exit', (code) => (exited = code));

  await waitFor(() => /Listening on https:\/\/localhost:\d+/.test(output) || exited !== undefined, 'the dev server', 60_000);
  expect(exited).toBeUndefined();
  // Certificates were made locally, in the (throwaway) home directory.
  expect(existsSync(join(home, '.office-addin-dev-certs', 'localhost.crt'))).toBe(true);

  const taskpane = await get(`https://localhost:${port}/taskpane.html`);
  expect(taskpane.status).toBe(200);
  expect(taskpane.body).toMatch(/<script[^>]+src="loader\.js"[^>]*data-bundles="taskpane\.js"/); // the ES5 loader loads the bundle
  expect(taskpane.headers['access-control-allow-origin']).toBe('*');

  // The web page: one self-contained file (every script inline), also at /.
  for (const path of ['fulian-returns.html', '']) {
    const page = await get(`https://localhost:${port}/${path}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="fulian-worker-source"');
    expect(page.body).not.toMatch(/<script[^>]+src=/);
    expect(page.body.length).toBeGreaterThan(100_000);
  }
  const manifest = await get(`https://localhost:${port}/manifest.xml`);
  expect(manifest.status).toBe(200);

  // The banner says where everything is and how to sideload; the first build finished.
  await waitFor(() => /First build done/.test(output), 'the first build', 60_000);
  expect(output).toContain(`https://localhost:${port}/taskpane.html`);
  expect(output).toContain(`https://localhost:${port}/fulian-returns.html`);
  expect(output).toContain('manifest.xml');
  expect(output).toContain('上传我的加载项');
  expect(output).toContain('受信任的加载项目录');
  expect(output).toContain('Documents/wef/');
  // office-addin-debugging is not a dependency (its keytar build needs the network): never suggested.
  expect(output).not.toContain('office-addin-debugging');
  expect(output).not.toMatch(/First build done[^\n]*error/);
}, 180_000);

it('never waits on trusting the dev CA: the attempt gives up after its timeout', async () => {
  // The attempt runs in its own session without a terminal (sudo cannot prompt) and is killed at the timeout;
  // 1 ms is far less than a node process takes to start, so nothing is installed here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script
  const certs = require('../../scripts/dev-certs') as { trustInChild(ms: number): Promise<{ ok: boolean; reason: string }> };
  const r = await certs.trustInChild(1);
  expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^gave up after/) });
});

it('tells root on Linux to trust the CA without sudo (containers have none)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script
  const certs = require('../../scripts/dev-certs') as { trustHint(): string };
  const hint = certs.trustHint();
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    expect(hint).not.toContain('sudo');
    expect(hint).toContain('update-ca-certificates');
  } else {
    expect(hint).toMatch(/sudo|office-addin-dev-certs install/);
  }
});
