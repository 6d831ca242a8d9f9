/**
 * The WPS add-in as `npm run build` writes it (dist/wps; here one production build into a temp folder with
 * `--env wps` and FULIAN_BASE_URL set): ribbon.xml is Office 2006 customUI as its schema structures it, every callback
 * it names is a function of main.js, every file the deployment files (jsplugins.xml, publish.html) and main.js name is
 * there, every script parses as ES2017; and in Debian's Chromium, with the fake WPS API as `window.Application`, the
 * bundle boots under the page's CSP, checks the sample return, selects a finding's cell on its sheet and fills 汇总.
 * Outside WPS the page says what it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJs } from 'acorn';
import type { Page } from 'playwright-core';
import { SaxesParser } from 'saxes';
import { checkReturn } from '../../src/engine';
import { standardTemplate } from '../../src/engine/template/load';
import { FakeWorkbookModel } from '../../src/office-fake';
import { readXlsx } from '../../src/xlsx';
import { launchChromium, requireChromium, ROOT, serveStatic } from './support';

const template = standardTemplate();
const BASE = 'https://intranet.example.cn/fulian/';
const WPS_URL = `${BASE}wps/`;
let out = '';
let server: Server | undefined;
let origin = '';
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let fake = '';
let workbookJson = '';
let expectedFindings = 0;

jest.setTimeout(60_000);

beforeAll(async () => {
  requireChromium();
  out = mkdtempSync(join(tmpdir(), 'fulian-wps-e2e-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--env', 'wps'], {
    cwd: ROOT,
    env: { ...process.env, FULIAN_WPS_OUT: out, FULIAN_BASE_URL: BASE, NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`webpack --env wps failed:\n${(r.stdout + r.stderr).slice(-3000)}`);
  ({ server, origin } = await serveStatic(out));

  // The fake WPS API for the page: esbuild (tsx's, already installed) bundles it as one classic script.
  const esbuild = await import('esbuild');
  const bundle = esbuild.buildSync({ entryPoints: [join(__dirname, 'wps-fake-entry.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2017' });
  fake = bundle.outputFiles[0]!.text;

  const { view } = await readXlsx(new Uint8Array(readFileSync(join(ROOT, 'assets', 'sample-return.xlsx'))));
  expectedFindings = checkReturn(view, template).issues.length;
  const model = FakeWorkbookModel.fromWorkbookView(view);
  workbookJson = JSON.stringify(model.sheets.map((s) => [s.name, [...s.entries()]]));
  browser = await launchChromium({ width: 420, height: 900 });
}, 330_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  if (out) rmSync(out, { recursive: true, force: true });
});

interface El {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: El[];
  readonly ns: string;
}

function parseXml(text: string): El {
  const p = new SaxesParser({ xmlns: true });
  const stack: El[] = [];
  let root: El | undefined;
  p.on('opentag', (t) => {
    const el: El = { name: t.local, ns: t.uri, attrs: Object.fromEntries(Object.values(t.attributes).filter((a) => a.prefix !== 'xmlns' && a.name !== 'xmlns').map((a) => [a.local, a.value])), children: [] };
    stack[stack.length - 1]?.children.push(el);
    stack.push(el);
    root ??= el;
  });
  p.on('closetag', () => void stack.pop());
  p.write(text).close();
  return root!;
}

/*
 * The part of the customUI schema (Office 2006, http://schemas.microsoft.com/office/2006/01/customui; [MS-CUSTOMUI]
 * 2.3) this ribbon uses: each element's allowed children in order, its attributes, and which are required.
 */
const CONTROL_ATTRS = ['id', 'idMso', 'idQ', 'label', 'getLabel', 'screentip', 'supertip', 'getScreentip', 'getSupertip', 'visible', 'getVisible', 'enabled', 'getEnabled', 'image', 'imageMso', 'getImage', 'showImage', 'showLabel', 'size', 'getSize', 'onAction', 'keytip', 'tag', 'insertAfterMso', 'insertBeforeMso', 'description'];
const SCHEMA: Record<string, { children: string[]; attrs: string[]; oneOf?: string[] }> = {
  customUI: { children: ['commands', 'ribbon'], attrs: ['onLoad', 'loadImage'] },
  ribbon: { children: ['officeMenu', 'qat', 'tabs', 'contextualTabs'], attrs: ['startFromScratch'] },
  tabs: { children: ['tab'], attrs: [] },
  tab: { children: ['group'], attrs: ['id', 'idMso', 'idQ', 'label', 'getLabel', 'visible', 'getVisible', 'keytip', 'tag', 'insertAfterMso', 'insertBeforeMso'], oneOf: ['id', 'idMso', 'idQ'] },
  group: { children: ['button', 'toggleButton', 'separator', 'box', 'menu', 'splitButton', 'dialogBoxLauncher'], attrs: ['id', 'idMso', 'idQ', 'label', 'getLabel', 'image', 'imageMso', 'getImage', 'visible', 'getVisible', 'screentip', 'supertip', 'keytip', 'tag', 'insertAfterMso', 'insertBeforeMso'], oneOf: ['id', 'idMso', 'idQ'] },
  button: { children: [], attrs: CONTROL_ATTRS, oneOf: ['id', 'idMso', 'idQ'] },
};
const CALLBACK_ATTRS = ['onLoad', 'loadImage', 'onAction', 'getLabel', 'getImage', 'getVisible', 'getEnabled', 'getScreentip', 'getSupertip', 'getSize'];

function validateCustomUi(root: El): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  if (root.name !== 'customUI' || root.ns !== 'http://schemas.microsoft.com/office/2006/01/customui') problems.push(`root ${root.ns} ${root.name}`);
  const visit = (el: El): void => {
    const rule = SCHEMA[el.name];
    if (!rule) {
      problems.push(`<${el.name}> is not part of customUI here`);
      return;
    }
    for (const a of Object.keys(el.attrs)) if (!rule.attrs.includes(a)) problems.push(`<${el.name}> has no attribute ${a}`);
    if (rule.oneOf && rule.oneOf.filter((a) => a in el.attrs).length !== 1) problems.push(`<${el.name}> needs exactly one of ${rule.oneOf.join(', ')}`);
    const id = el.attrs.id;
    if (id !== undefined) {
      if (!/^[A-Za-z_][\w.-]*$/.test(id)) problems.push(`id ${id} is not an NCName`);
      if (ids.has(id)) problems.push(`id ${id} twice`);
      ids.add(id);
    }
    for (const a of ['label', 'screentip', 'supertip']) if ((el.attrs[a] ?? '').length > 1024) problems.push(`${a} too long`);
    if (el.attrs.size !== undefined && !['normal', 'large'].includes(el.attrs.size)) problems.push(`size ${el.attrs.size}`);
    for (const a of ['startFromScratch', 'visible', 'enabled', 'showImage', 'showLabel']) {
      if (el.attrs[a] !== undefined && !['true', 'false', '1', '0'].includes(el.attrs[a])) problems.push(`${a}=${el.attrs[a]}`);
    }
    let last = -1;
    for (const c of el.children) {
      const at = rule.children.indexOf(c.name);
      if (at < 0) problems.push(`<${c.name}> inside <${el.name}>`);
      // Sequences (customUI, ribbon) keep the schema's order; choices (tabs, group) repeat freely.
      else if (['customUI', 'ribbon'].includes(el.name) && at <= last) problems.push(`<${c.name}> out of order in <${el.name}>`);
      last = at;
      visit(c);
    }
  };
  visit(root);
  return problems;
}

function callbacks(el: El): string[] {
  return [...CALLBACK_ATTRS.filter((a) => a in el.attrs).map((a) => el.attrs[a]!), ...el.children.flatMap(callbacks)];
}

function find(el: El, name: string): El[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => find(c, name))];
}

/** Top-level function declarations of a classic script. */
function functionsOf(js: string): Set<string> {
  const ast = parseJs(js, { ecmaVersion: 5, sourceType: 'script' }) as unknown as { body: { type: string; id?: { name: string } }[] };
  return new Set(ast.body.filter((n) => n.type === 'FunctionDeclaration').map((n) => n.id!.name));
}

describe('dist/wps', () => {
  test('ribbon.xml: a 检查报表 button on the 开始 tab, valid customUI, every callback defined in main.js (ES5)', () => {
    const ribbon = parseXml(readFileSync(join(out, 'ribbon.xml'), 'utf8'));
    expect(validateCustomUi(ribbon)).toEqual([]);
    const tab = find(ribbon, 'tab');
    expect(tab.map((t) => t.attrs.idMso)).toEqual(['TabHome']);
    const buttons = find(ribbon, 'button');
    expect(buttons.map((b) => b.attrs.label)).toEqual(['检查报表']);
    const defined = functionsOf(readFileSync(join(out, 'main.js'), 'utf8'));
    for (const cb of callbacks(ribbon)) expect([cb, defined.has(cb)]).toEqual([cb, true]);
  });

  test('the structural check refuses what the schema refuses', () => {
    const bad = parseXml(
      '<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui"><ribbon><tabs><tab id="a" idMso="TabHome"><button id="b" size="huge"/><group id="b"><button label="x"/></group></tab></tabs></ribbon></customUI>',
    );
    expect(validateCustomUi(bad)).toEqual(
      expect.arrayContaining([
        '<tab> needs exactly one of id, idMso, idQ',
        '<button> inside <tab>',
        'size huge',
        'id b twice',
        '<button> needs exactly one of id, idMso, idQ',
      ]),
    );
  });

  test('jsplugins.xml and publish.html name the add-in at FULIAN_BASE_URL + wps/, and main.js the pane there', () => {
    const list = parseXml(readFileSync(join(out, 'jsplugins.xml'), 'utf8'));
    expect(list.name).toBe('jsplugins');
    const entries = find(list, 'jspluginonline');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.attrs).toEqual({ name: 'fulian-returns', type: 'et', url: WPS_URL });
    const publish = readFileSync(join(out, 'publish.html'), 'utf8');
    expect(publish).toContain(`<code id="addin-url">${WPS_URL}</code>`);
    expect(publish).toContain("addonType: 'et'");
    expect(publish).not.toContain('__FULIAN');
    const main = readFileSync(join(out, 'main.js'), 'utf8');
    expect(main).toContain(`var FULIAN_PANE_URL = '${WPS_URL}taskpane.html';`);
  });

  test('every file the deployment names is in dist/wps', () => {
    // WPS fetches the online add-in's ribbon.xml and main.js from its url (wpsoa publish.html checks url + ribbon.xml);
    // main.js opens taskpane.html there and GetImage names the icon.
    const main = readFileSync(join(out, 'main.js'), 'utf8');
    const html = readFileSync(join(out, 'taskpane.html'), 'utf8');
    const named = [
      'ribbon.xml',
      'main.js',
      'taskpane.html',
      ...[...main.matchAll(/return '([^']+\.png)'/g)].map((m) => m[1]!),
      ...[...html.matchAll(/<(?:script[^>]*src|link[^>]*href)="([^"]+)"/g)].map((m) => m[1]!),
    ];
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const f of named) expect([f, existsSync(join(out, f))]).toEqual([f, true]);
    expect(html).not.toMatch(/https?:\/\//); // the pane loads nothing from another origin
  });

  test('every script parses as ES2017', () => {
    const scripts = readdirSync(out).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const f of scripts) {
      const src = readFileSync(join(out, f), 'utf8');
      let problem = 'ok';
      try {
        parseJs(src, { ecmaVersion: 2017, sourceType: 'script' });
      } catch (e) {
        problem = (e as Error).message;
      }
      expect([f, problem]).toEqual([f, 'ok']);
    }
  });
});

async function openPane(withWps: boolean): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser!.context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('request', (q) => requests.push(q.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  if (withWps) await page.addInitScript({ content: `window.__WPS_WORKBOOK__ = ${workbookJson};\n${fake}` });
  await page.goto(`${origin}/taskpane.html`);
  return { page, errors, requests };
}

test('inside WPS: the sample return checked, a finding selects its cell on its sheet, fill writes 汇总, 诊断 passes', async () => {
  const { page, errors, requests } = await openPane(true);
  await page.getByRole('status').filter({ hasText: /^检查完成/ }).waitFor();
  await page.locator('[data-severity]').first().waitFor();
  expect(await page.locator('[data-severity]').count()).toBe(expectedFindings);

  const group = page.getByRole('region', { name: /^创业就业（\d+ 项）$/ });
  const first = group.getByRole('button').first();
  const cell = /\b([A-Z]+\d+)\b/.exec((await first.textContent()) ?? '')![1]!;
  await first.click();
  await page.waitForFunction((c) => {
    const m = (window as unknown as { __wpsModel: { selection: { sheet: string; address: string } | null; activeSheet: string } }).__wpsModel;
    return m.selection?.sheet === '创业就业' && m.selection.address === c && m.activeSheet === '创业就业';
  }, cell);

  await page.getByRole('button', { name: '填写汇总' }).click();
  await page.getByRole('status').filter({ hasText: '已写入累计公式和汇总表' }).waitFor();
  const hasSummary = await page.evaluate(() => Boolean((window as unknown as { __wpsModel: { sheet(n: string): unknown } }).__wpsModel.sheet('汇总')));
  expect(hasSummary).toBe(true);

  // 诊断: WPS's self-test through the same tab, every step passing on the fake, WPS's version in the report.
  await page.getByRole('tab', { name: '诊断' }).click();
  await page.getByRole('button', { name: '运行诊断' }).click();
  await page.getByText('11 / 11 项通过', { exact: true }).waitFor();
  expect(await page.locator('[data-step][data-ok="true"]').count()).toBe(11);
  expect(await page.locator('pre').textContent()).toContain('12.1.0.16910');
  expect(errors).toEqual([]);
  expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
  await page.close();
});

test('outside WPS the page says what it is instead of failing', async () => {
  const { page, errors } = await openPane(false);
  await page.getByText('这是妇联指标报表助手在 WPS 表格中的任务窗格').waitFor();
  expect(errors).toEqual([]);
  await page.close();
});
