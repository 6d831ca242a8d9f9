import * as fs from 'node:fs';
import * as path from 'node:path';

const html = fs.readFileSync(path.resolve(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const doc = new DOMParser().parseFromString(html, 'text/html');

function csp(): Map<string, string[]> {
  const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
  if (!meta) throw new Error('no CSP meta');
  return new Map(
    meta
      .getAttribute('content')!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values] as [string, string[]]),
  );
}

describe('taskpane.html', () => {
  test('loads office.js from Office’s script host, then the ES5 loader, which loads the bundle (named at build time)', () => {
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts.map((s) => s.getAttribute('src'))).toEqual([
      'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
      'loader.js',
    ]);
    expect(scripts[1]!.getAttribute('data-office')).toBe('office/office.js');
    expect(scripts[1]!.getAttribute('data-bundles')).toMatch(/htmlWebpackPlugin\.files\.js/);
    // Every notice the loader or the entry may show is in the page itself, hidden until then.
    for (const id of ['fulian-old-office', 'fulian-no-office', 'fulian-outside', 'fulian-no-bundle']) {
      expect([id, doc.getElementById(id)?.hasAttribute('hidden')]).toEqual([id, true]);
    }
    expect(doc.getElementById('container')).not.toBeNull();
    expect(doc.documentElement.lang).toBe('zh-CN');
  });

  test('its CSP allows scripts only from self and Office, inline styles for Griffel, no other origin', () => {
    const p = csp();
    expect(p.get('default-src')).toEqual(["'self'"]);
    expect(p.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(p.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(p.get('object-src')).toEqual(["'none'"]);
    for (const [name, values] of p) {
      for (const v of values) {
        const allowed = ["'self'", "'none'", "'unsafe-inline'"];
        if (name === 'script-src') allowed.push('https://appsforoffice.microsoft.com');
        expect([name, v, allowed.includes(v)]).toEqual([name, v, true]);
      }
    }
    expect(html).not.toMatch(/unsafe-eval/);
  });
});
