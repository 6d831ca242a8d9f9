/*
 * main.js, the ribbon's callbacks, run as WPS runs it (a classic script in the add-in's page) with the fake WPS API:
 * 检查报表 opens the task pane once and shows the same pane again afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { FakeWorkbookModel } from '../../src/office-fake';
import { createFakeWps } from '../../src/wps-fake';

const MAIN = readFileSync(join(__dirname, '..', '..', 'src', 'wps', 'addin', 'main.js'), 'utf8');

function load(source: string) {
  const env = createFakeWps(FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(standardTemplate(), { quarter: 1, seed: 1 })));
  const window: Record<string, unknown> = { Application: env.Application };
  const scope: Record<string, unknown> = { window, document: { location: 'https://intranet.example.cn/fulian/wps/index.html' } };
  runInNewContext(source, scope);
  const call = (name: string, ...args: unknown[]): unknown => (scope[name] as (...a: unknown[]) => unknown)(...args);
  return { env, window, call };
}

describe('main.js', () => {
  test('检查报表 creates the pane at the built address, then shows that pane again instead of a second one', () => {
    const { env, window, call } = load(MAIN.replace("'__FULIAN_PANE_URL__'", "'https://intranet.example.cn/fulian/wps/taskpane.html'"));
    const ribbonUI = { InvalidateControl() {} };
    expect(call('OnAddinLoad', ribbonUI)).toBe(true);
    expect((window.Application as { ribbonUI?: unknown }).ribbonUI).toBe(ribbonUI);
    expect(call('OnAction', { Id: 'fulianCheckReturn' })).toBe(true);
    expect(env.taskPanes.map((p) => [p.url, p.Visible])).toEqual([['https://intranet.example.cn/fulian/wps/taskpane.html', true]]);
    env.taskPanes[0]!.Visible = false; // the user closed it
    call('OnAction', { Id: 'fulianCheckReturn' });
    expect(env.taskPanes.map((p) => p.Visible)).toEqual([true]);
    expect(call('GetImage', { Id: 'fulianCheckReturn' })).toBe('images/icon-32.png');
  });

  test('without a built address the pane is beside the add-in page; a pane WPS lost is made again', () => {
    const { env, call } = load(MAIN);
    call('OnAction', { Id: 'fulianCheckReturn' });
    expect(env.taskPanes[0]!.url).toBe('https://intranet.example.cn/fulian/wps/taskpane.html');
    env.taskPanes.splice(0); // GetTaskPane now throws, as for a pane WPS no longer has
    call('OnAction', { Id: 'fulianCheckReturn' });
    expect(env.taskPanes).toHaveLength(1);
    expect(env.taskPanes[0]!.Visible).toBe(true);
  });
});
