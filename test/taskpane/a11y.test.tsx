import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { App } from '../../src/taskpane/App';
import { FakeHost, template } from './fixtures';

// Generous: axe walks the whole tree, and CI's machine has two cores shared with the other jest workers.
jest.setTimeout(60_000);

// axe probes icon ligatures with a canvas; jsdom has none (it would log "not implemented"), and no font either.
beforeAll(() => {
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

/** axe-core over the rendered pane; colour contrast needs layout and computed colours, which jsdom lacks. */
async function violations(root: Element) {
  const result = await axe.run(root, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.html.slice(0, 120)) }));
}

describe('task pane accessibility', () => {
  test('no axe violations after a check, with an error bar, and with the marks on', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <App host={host} template={template} />
      </FluentProvider>,
    );
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('检查完成'));
    expect(await violations(container)).toEqual([]);

    host.fail.set('fill', '无法写入');
    await user.click(screen.getByRole('button', { name: '填写汇总' }));
    await screen.findByText('无法写入');
    await user.click(screen.getByRole('button', { name: '标记问题单元格' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '清除标记' })).toBeEnabled());
    await user.click(screen.getByRole('tab', { name: /警告/ }));
    await waitFor(() => expect(screen.getByRole('tab', { name: /警告/ })).toHaveAttribute('aria-selected', 'true'));
    expect(await violations(container)).toEqual([]);
  });

  test('landmarks and headings: one main, one h1, a heading per section and per sheet group', async () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <App host={new FakeHost()} template={template} />
      </FluentProvider>,
    );
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('检查完成'));
    expect(screen.getAllByRole('main')).toHaveLength(1);
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      '完整率',
      '问题清单',
      '年计划完成进度',
      '与上期报表比对',
      '模板',
    ]);
    expect(screen.getByRole('status')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByRole('group', { name: '操作' })).toBeInTheDocument();
    expect(screen.getByRole('tablist', { name: '按严重程度筛选' })).toBeInTheDocument();
  });
});
