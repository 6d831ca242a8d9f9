/*
 * Task pane rendering: how long the pane takes to show a check with many findings, to open a bundle of one rule's
 * findings and to switch the severity filter, in jsdom (layout-free, so a floor of what Excel's webview does).
 * The findings are mixed as a broken return's are: half one rule (bundled per sheet, as the pane shows a blank
 * column), the rest spread over the other rules (single rows until a rule reaches BUNDLE_MIN on a sheet).
 * Run: npx tsx bench/run.ts taskpane
 */
import { performance } from 'node:perf_hooks';
import { JSDOM } from 'jsdom';
import type { Finding } from '../src/engine/findings';

const SIZES = [100, 1000, 3000];
const LIMIT_MS = 120_000;
/** A pane whose DOM has not changed for this long is not going to show what is awaited. */
const STALL_MS = 10_000;

function installDom(): JSDOM {
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
  return dom;
}

const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

/**
 * What went wrong while the pane rendered: React logs errors through console.error, jsdom reports its window's
 * 'error' events, and React 18 rethrows an error no boundary caught from its scheduler (Node's uncaughtException,
 * which would otherwise end `npm run bench` with the other benches' figures). Returns the undo.
 */
const problems: string[] = [];
function watchProblems(dom: JSDOM): () => void {
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    problems.push(args.map(describe).join(' '));
    consoleError(...args);
  };
  dom.window.addEventListener('error', (e) => problems.push(`uncaught: ${describe(e.error ?? e.message)}`));
  const uncaught = (e: unknown) => problems.push(`uncaught: ${describe(e)}`);
  process.on('uncaughtException', uncaught);
  return () => {
    console.error = consoleError;
    process.off('uncaughtException', uncaught);
  };
}

/**
 * Polls (yielding to React's scheduler) until `ready()` holds; returns the elapsed milliseconds. If it cannot hold
 * (an error logged, the DOM still for STALL_MS, or LIMIT_MS gone), the error says what the pane shows instead
 * (`shows()`), any pane message and the errors logged meanwhile.
 */
async function until(what: string, ready: () => boolean, shows: () => string, since: number): Promise<number> {
  let changed = performance.now();
  const observer = new MutationObserver(() => (changed = performance.now()));
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  try {
    for (;;) {
      if (ready()) return performance.now() - since;
      await new Promise((r) => setTimeout(r, 0));
      const now = performance.now();
      const why =
        problems.length > 0
          ? 'after an error'
          : now - changed > STALL_MS
            ? `(nothing changed for ${STALL_MS / 1000} s)`
            : now - since > LIMIT_MS
              ? `within ${LIMIT_MS / 1000} s`
              : null;
      if (why !== null) throw new Error(failure(what, why, shows()));
    }
  } finally {
    observer.disconnect();
  }
}

function failure(what: string, why: string, shows: string): string {
  const bars = [...document.querySelectorAll('.fui-MessageBar')].map((b) => `“${b.textContent ?? ''}”`);
  return [
    `the pane did not show ${what} ${why}: it shows ${shows}`,
    ...(bars.length > 0 ? [`pane message: ${bars.join(' ')}`] : []),
    ...problems.slice(0, 3).map((p) => `logged: ${p}`),
  ].join('; ');
}

export default async function bench(): Promise<string[]> {
  // React's production build, as the webpack bundle ships it (the development build is several times slower).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const unwatch = watchProblems(installDom());
  try {
    return await measure();
  } finally {
    unwatch();
    process.env.NODE_ENV = nodeEnv;
  }
}

async function measure(): Promise<string[]> {
  const { createElement } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { FluentProvider, webLightTheme } = await import('@fluentui/react-components');
  const { App } = await import('../src/taskpane/App');
  const { GROUP_LIMIT, bundleByRule, groupBySheet } = await import('../src/taskpane/components/FindingsList');
  const { RULE_IDS } = await import('../src/engine/findings');
  const { standardTemplate } = await import('../src/engine/template/load');
  const fixtures = await import('../test/taskpane/fixtures');
  const template = standardTemplate();
  const sheets = template.sheets.data.map((d) => d.name);
  const severities = ['error', 'warning', 'info'] as const;
  const frequent = 'required-missing';
  const others = RULE_IDS.filter((r) => r !== frequent);

  /** Lines on screen for these findings: per sheet, single rows and bundle lines, at most GROUP_LIMIT of them. */
  const lines = (fs: readonly Finding[]) =>
    groupBySheet(fs, []).reduce((n, g) => n + Math.min(bundleByRule(g.findings).length, GROUP_LIMIT), 0);

  const rows: string[] = [];
  for (const n of SIZES) {
    const findings = Array.from({ length: n }, (_, i): Finding => {
      const k = Math.floor(i / sheets.length); // the finding's place on its sheet
      const r = k % 2 === 0 ? -1 : Math.floor(k / 2) % others.length;
      const rule = r < 0 ? frequent : others[r]!;
      const severity = r < 0 ? 'error' : severities[r % 3]!;
      return fixtures.finding(severity, sheets[i % sheets.length]!, `E${3 + (k % 200)}`, rule, `第 ${i} 个问题：${rule}`);
    });
    const host = new fixtures.FakeHost(fixtures.sampleOutcome(findings));
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);

    const rowCount = () => container.querySelectorAll('[data-severity]').length;
    const bundleCount = () => container.querySelectorAll('[data-bundle]').length;
    const shows = () => `${rowCount()} finding rows and ${bundleCount()} bundle lines`;

    const t0 = performance.now();
    root.render(createElement(FluentProvider, { theme: webLightTheme }, createElement(App, { host, template })));
    const shown = lines(findings);
    const renderMs = await until(`${shown} lines`, () => rowCount() + bundleCount() === shown, shows, t0);

    // the first sheet's bundle of the frequent rule: its rows, at most GROUP_LIMIT, appear under its line
    const bundle = container.querySelector<HTMLElement>(`[data-bundle="${frequent}"]`);
    const bundled = findings.filter((f) => f.sheet === sheets[0] && f.rule === frequent).length;
    if (!bundle) throw new Error(`no bundle line for ${frequent}: the pane shows ${shows()}`);
    const opened = shown + Math.min(bundled, GROUP_LIMIT);
    const t1 = performance.now();
    bundle.click();
    const openMs = await until(`${opened} lines with the bundle open`, () => rowCount() + bundleCount() === opened, shows, t1);

    const warnings = lines(findings.filter((f) => f.severity === 'warning'));
    const severityTabs = container.querySelectorAll<HTMLElement>('[role="tablist"][aria-label="按严重程度筛选"] [role="tab"]');
    const warningTab = [...severityTabs].find((t) => t.getAttribute('value') === 'warning');
    if (!warningTab) throw new Error(`no 警告 tab: the pane shows ${shows()}`);
    const t2 = performance.now();
    warningTab.click();
    const filterMs = await until(`${warnings} warning lines`, () => rowCount() + bundleCount() === warnings, shows, t2);

    rows.push(
      `${String(n).padStart(5)} findings: check shown ${renderMs.toFixed(0).padStart(5)} ms (${shown} lines), ` +
        `bundle opened ${openMs.toFixed(0).padStart(4)} ms (+${opened - shown} rows), ` +
        `filter to warnings ${filterMs.toFixed(0).padStart(4)} ms (${warnings} lines)`,
    );
    root.unmount();
    container.remove();
  }
  console.log('task pane in jsdom (first size includes module warm-up):');
  for (const r of rows) console.log(`  ${r}`);
  return [];
}
