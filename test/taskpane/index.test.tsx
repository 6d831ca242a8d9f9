/**
 * The entry (index.tsx) under the fake Office.js: it waits for Office.onReady, derives the language from
 * Office.context.displayLanguage and mounts the pane over the Excel host into #container.
 */
import { screen, waitFor } from '@testing-library/react';
import { standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { FakeWorkbookModel, installFakeOffice } from '../../src/office-fake';

// The first mount loads the engine, Fluent and the host: slow on a shared two-core machine.
jest.setTimeout(60_000);

async function boot(displayLanguage: string, outsideOffice = false) {
  const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(standardTemplate(), { quarter: 2, seed: 3 }));
  const fake = installFakeOffice(globalThis, model, { displayLanguage });
  // Outside Office, office.js resolves onReady with no host.
  if (outsideOffice) (fake.Office as { onReady: unknown }).onReady = (cb: (i: unknown) => void) => Promise.resolve().then(() => cb({ host: null, platform: null }));
  document.body.innerHTML = '<div id="container"></div><p id="fulian-loading">…</p><div id="fulian-outside" hidden>Excel 加载项</div>';
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy per test (isolateModules)
    require('../../src/taskpane/index');
  });
  return fake;
}

describe('task pane entry', () => {
  let uninstall: (() => void) | undefined;
  // The entry mounts its own root, as in Excel, not through Testing Library's act()-wrapped render; tell React so.
  const g = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  let actEnvironment: boolean | undefined;
  beforeAll(() => {
    actEnvironment = g.IS_REACT_ACT_ENVIRONMENT;
    g.IS_REACT_ACT_ENVIRONMENT = false;
  });
  afterAll(() => {
    g.IS_REACT_ACT_ENVIRONMENT = actEnvironment;
  });
  afterEach(() => {
    uninstall?.();
    document.body.innerHTML = '';
  });

  test('English when Office displays en-US', async () => {
    const fake = await boot('en-US');
    uninstall = fake.uninstall;
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Check complete: 0 errors, 0 warnings'), { timeout: 30_000 });
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('button', { name: 'Check again' })).toBeInTheDocument();
  });

  test('outside Office it shows the page’s own notice and mounts no pane', async () => {
    const fake = await boot('zh-CN', true);
    uninstall = fake.uninstall;
    await waitFor(() => expect(document.getElementById('fulian-outside')!.hidden).toBe(false), { timeout: 30_000 });
    expect(document.getElementById('fulian-loading')!.hidden).toBe(true);
    expect(document.getElementById('container')!.childElementCount).toBe(0);
  });

  test('Chinese otherwise', async () => {
    const fake = await boot('zh-CN');
    uninstall = fake.uninstall;
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('检查完成：0 个错误，0 个警告'), { timeout: 30_000 });
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(screen.getByRole('button', { name: '重新检查' })).toBeInTheDocument();
  });
});
