/**
 * @jest-environment jsdom
 */
// jsdom for DOMParser (namespace-aware XML); office-addin-manifest's own reader for the fields Office reads first.
// Offline: nothing here reaches the network (`npm run validate` is the online check).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readManifestInfo } from './manifest-reader';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};
const ORIGIN = 'https://localhost:3000';

const xml = fs.readFileSync(MANIFEST, 'utf8');
const doc = new DOMParser().parseFromString(xml, 'application/xml');
const root = doc.documentElement;

const children = (el: Element, ns: string, name?: string) =>
  [...el.children].filter((c) => c.namespaceURI === ns && (name === undefined || c.localName === name));
const child = (el: Element, ns: string, name: string): Element => {
  const found = children(el, ns, name);
  if (found.length !== 1) throw new Error(`expected one <${name}> under <${el.localName}>, found ${found.length}`);
  return found[0];
};
const all = (ns: string, name: string) => [...doc.getElementsByTagNameNS(ns, name)];
const xsiType = (el: Element) => el.getAttributeNS(NS.xsi, 'type');

/** Resolves a resid to its resource element under VersionOverrides/Resources. */
function resource(kind: 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings', id: string): Element {
  const group = all(NS.bt, kind)[0];
  const found = [...group.children].filter((c) => c.getAttribute('id') === id);
  if (found.length !== 1) throw new Error(`resource ${kind}/${id}: ${found.length} found`);
  return found[0];
}

describe('manifest.xml', () => {
  test('is well-formed XML whose root is an OfficeApp TaskPaneApp', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(root.namespaceURI).toBe(NS.app);
    expect(root.localName).toBe('OfficeApp');
    expect(xsiType(root)).toBe('TaskPaneApp');
  });

  test("office-addin-manifest's local reader sees the expected fields", () => {
    const info = readManifestInfo(MANIFEST);
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // the GUID is ours, not the one of Microsoft's template project
    expect(info.id).not.toBe('05c2e1c9-3e1d-406e-9a91-e9ac64854143');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(info.defaultLocale).toBe('zh-CN');
    expect(info.displayName).toBe('妇联指标报表助手');
    expect(info.description).toMatch(/妇联/);
    expect(info.providerName).toBeTruthy();
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.iconUrl).toBe(`${ORIGIN}/assets/icon-32.png`);
    expect(info.highResolutionIconUrl).toBe(`${ORIGIN}/assets/icon-64.png`);
    expect(info.defaultSettings?.sourceLocation).toBe(`${ORIGIN}/taskpane.html`);
    expect(info.appDomains ?? []).toEqual([]);
  });

  test('top-level elements come in the order the OfficeApp schema requires', () => {
    const order = [
      'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions',
      'AllowSnapshot', 'VersionOverrides',
    ];
    const names = [...root.children].map((c) => c.localName);
    for (const n of names) expect(order).toContain(n);
    const positions = names.map((n) => order.indexOf(n));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(names).size).toBe(names.length);
  });

  test('English overrides for the display name and description', () => {
    for (const name of ['DisplayName', 'Description']) {
      const el = child(root, NS.app, name);
      const overrides = children(el, NS.app, 'Override');
      expect(overrides.map((o) => o.getAttribute('Locale'))).toEqual(['en-US']);
      expect(overrides[0].getAttribute('Value')).toMatch(/^[\x20-\x7e]+$/);
      expect(el.getAttribute('DefaultValue')!.length).toBeLessThanOrEqual(name === 'DisplayName' ? 125 : 250);
      expect(overrides[0].getAttribute('Value')!.length).toBeLessThanOrEqual(name === 'DisplayName' ? 125 : 250);
    }
  });

  test('requires ExcelApi 1.6 (conditional formats mark the findings)', () => {
    const sets = child(child(root, NS.app, 'Requirements'), NS.app, 'Sets');
    const excel = children(sets, NS.app, 'Set').filter((s) => s.getAttribute('Name') === 'ExcelApi');
    expect(excel).toHaveLength(1);
    expect(excel[0].getAttribute('MinVersion')).toBe('1.6');
  });

  test('a Home-tab button opens the task pane, every ribbon string has an en-US override', () => {
    const vo = child(root, NS.ov, 'VersionOverrides');
    expect(xsiType(vo)).toBe('VersionOverridesV1_0');
    const host = child(child(vo, NS.ov, 'Hosts'), NS.ov, 'Host');
    expect(xsiType(host)).toBe('Workbook');
    const desktop = child(host, NS.ov, 'DesktopFormFactor');
    const fnFile = child(desktop, NS.ov, 'FunctionFile');
    expect(resource('Urls', fnFile.getAttribute('resid')!).getAttribute('DefaultValue')).toMatch(`${ORIGIN}/`);
    const ext = child(desktop, NS.ov, 'ExtensionPoint');
    expect(xsiType(ext)).toBe('PrimaryCommandSurface');
    const tab = child(ext, NS.ov, 'OfficeTab');
    expect(tab.getAttribute('id')).toBe('TabHome');
    const group = child(tab, NS.ov, 'Group');
    const button = child(group, NS.ov, 'Control');
    expect(xsiType(button)).toBe('Button');
    const action = child(button, NS.ov, 'Action');
    expect(xsiType(action)).toBe('ShowTaskpane');
    expect(child(action, NS.ov, 'TaskpaneId').textContent).toBeTruthy();
    const src = resource('Urls', child(action, NS.ov, 'SourceLocation').getAttribute('resid')!);
    expect(src.getAttribute('DefaultValue')).toBe(`${ORIGIN}/taskpane.html`);

    // icons 16/32/80 for the group and the button, each resolving to a file in assets/
    for (const el of [group, button]) {
      const images = children(child(el, NS.ov, 'Icon'), NS.bt, 'Image');
      expect(images.map((i) => i.getAttribute('size'))).toEqual(['16', '32', '80']);
      for (const img of images) {
        const url = resource('Images', img.getAttribute('resid')!).getAttribute('DefaultValue')!;
        expect(url).toBe(`${ORIGIN}/assets/icon-${img.getAttribute('size')}.png`);
      }
    }

    // every resid used resolves, and every string has zh-CN text and an en-US override within Office's limits
    const strings = [
      child(group, NS.ov, 'Label'),
      child(button, NS.ov, 'Label'),
      child(child(button, NS.ov, 'Supertip'), NS.ov, 'Title'),
      child(child(button, NS.ov, 'Supertip'), NS.ov, 'Description'),
    ];
    for (const s of strings) {
      const id = s.getAttribute('resid')!;
      const kind = s.localName === 'Description' ? 'LongStrings' : 'ShortStrings';
      const r = resource(kind, id);
      expect(r.getAttribute('DefaultValue')).toMatch(/[\u4e00-\u9fff]/);
      const o = children(r, NS.bt, 'Override');
      expect(o.map((x) => x.getAttribute('Locale'))).toEqual(['en-US']);
      expect(o[0].getAttribute('Value')).toMatch(/^[\x20-\x7e]+$/);
      expect(r.getAttribute('DefaultValue')!.length).toBeLessThanOrEqual(kind === 'LongStrings' ? 250 : 125);
    }
    for (const kind of ['ShortStrings', 'LongStrings'] as const) {
      for (const r of all(NS.bt, kind)[0].children) expect(children(r, NS.bt, 'Override')).toHaveLength(1);
    }
    // resids are at most 32 characters and unique
    const ids = [...doc.querySelectorAll('[id]')].filter((e) => e.namespaceURI === NS.bt).map((e) => e.getAttribute('id')!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(32);
  });

  test('every URL is https on the add-in origin, and every icon is a PNG of its stated size', () => {
    const urls = new Set<string>();
    for (const el of doc.querySelectorAll('[DefaultValue]')) {
      const v = el.getAttribute('DefaultValue')!;
      if (/^[a-z]+:\/\//i.test(v)) urls.add(v);
    }
    expect(urls.size).toBeGreaterThan(0);
    for (const u of urls) {
      expect(u.startsWith(`${ORIGIN}/`)).toBe(true);
      const m = /\/assets\/(icon-(\d+)\.png)$/.exec(u);
      if (!m) continue;
      const png = fs.readFileSync(path.join(ROOT, 'assets', m[1]));
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.readUInt32BE(16)).toBe(Number(m[2])); // IHDR width
      expect(png.readUInt32BE(20)).toBe(Number(m[2])); // IHDR height
    }
  });
});
