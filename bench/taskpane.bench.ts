/*
 * Task pane rendering: how long the pane takes to show a check with many findings, and to switch the severity
 * filter, in jsdom (layout-free, so a floor of what Excel's webview does). Run: npx tsx bench/run.ts taskpane
 */
import { performance } from 'node:perf_hooks';
import { JSDOM } from 'jsdom';

const SIZES = [100, 1000, 3000];

function installDom(): void {
  const dom = new JSDOM('<!doctype html><html><body><div id="container"></div></body></html>', {
    url: 'https://localhost:3000/taskpane.html',
    pretendToBeVisual: true,
  });
  const g = globalThis as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(dom.window)) {
    if (!(key in g)) g[key] = (dom.window as unknown as Record<string, unknown>)[key];
  }
  g.window = dom.window;
  g.document = dom.window.document;
}

/** Polls (yielding to React's scheduler) until `ready()` holds; returns the elapsed milliseconds. */
async function until(ready: () => boolean, since: number): Promise<number> {
  for (;;) {
    if (ready()) return performance.now() - since;
    await new Promise((r) => setTimeout(r, 0));
    if (performance.now() - since > 120_000) throw new Error('the pane did not render within 2 minutes');
  }
}

export default async function bench(): Promise<void> {
  // React's production build, as the webpack bundle ships it (the development build is several times slower).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  installDom();
  const { createElement } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { FluentProvider, webLightTheme } = await import('@fluentui/react-components');
  const { App } = await import('../src/taskpane/App');
  const { GROUP_LIMIT } = await import('../src/taskpane/components/FindingsList');
  const { standardTemplate } = await import('../src/engine/template/load');
  const fixtures = await import('../test/taskpane/fixtures');
  const template = standardTemplate();

  const rows: string[] = [];
  for (const n of SIZES) {
    const sheets = template.sheets.data.map((d) => d.name);
    const severities = ['error', 'warning', 'info'] as const;
    const findings = Array.from({ length: n }, (_, i) =>
      fixtures.finding(severities[i % 3], sheets[i % sheets.length], `E${3 + (i % 200)}`, 'not-a-number', `第 ${i} 个问题：“无” 不是数字`),
    );
    const host = new fixtures.FakeHost(fixtures.sampleOutcome(findings));
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);

    const rowCount = () => container.querySelectorAll('[data-severity]').length;
    /** Rows on screen: at most GROUP_LIMIT per sheet until the user asks for the rest. */
    const visible = (fs: readonly { sheet: string }[]) => {
      const per = new Map<string, number>();
      for (const f of fs) per.set(f.sheet, (per.get(f.sheet) ?? 0) + 1);
      return [...per.values()].reduce((a, c) => a + Math.min(c, GROUP_LIMIT), 0);
    };
    const t0 = performance.now();
    root.render(createElement(FluentProvider, { theme: webLightTheme }, createElement(App, { host, template })));
    const shown = visible(findings);
    const renderMs = await until(() => rowCount() === shown, t0);

    const warnings = visible(findings.filter((f) => f.severity === 'warning'));
    const severityTabs = container.querySelectorAll<HTMLElement>('[role="tablist"][aria-label="按严重程度筛选"] [role="tab"]');
    const warningTab = [...severityTabs].find((t) => t.getAttribute('value') === 'warning');
    if (!warningTab) throw new Error('no 警告 tab');
    const t1 = performance.now();
    warningTab.click();
    const filterMs = await until(() => rowCount() === warnings, t1);

    rows.push(
      `${String(n).padStart(5)} findings: check shown ${renderMs.toFixed(0).padStart(5)} ms (${shown} rows), ` +
        `filter to warnings ${filterMs.toFixed(0).padStart(4)} ms (${warnings} rows)`,
    );
    root.unmount();
    container.remove();
  }
  process.env.NODE_ENV = nodeEnv;
  console.log('task pane in jsdom (first size includes module warm-up):');
  for (const r of rows) console.log(`  ${r}`);
}
