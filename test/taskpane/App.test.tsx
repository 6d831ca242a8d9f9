import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { buildFilledReturn } from '../../src/engine/testing';
import type { Lang } from '../../src/engine/findings';
import { FakeWorkbookModel, createFakeOffice } from '../../src/office-fake';
import { createExcelHost } from '../../src/taskpane/excel';
import { HostError } from '../../src/taskpane/host';
import { App } from '../../src/taskpane/App';
import { FakeHost, finding, sampleOutcome, template } from './fixtures';

// Room for a loaded two-core CI machine: role queries compute accessible names over the whole pane.
jest.setTimeout(30_000);

function renderApp(host: FakeHost, lang?: Lang) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} template={template} lang={lang} />
    </FluentProvider>,
  );
}

/** Waits for the first check to land (the live region announces it). */
async function ready() {
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/检查完成|Check complete/));
}

/** Tab labels (Fluent renders an unselected tab's text twice, once hidden to reserve its bold width). */
const tabNames = () =>
  screen.getAllByRole('tab').map((t) => t.querySelector('.fui-Tab__content')?.textContent ?? t.textContent);

const groupNames = () =>
  screen
    .getAllByRole('heading', { level: 3 })
    .map((h) => h.textContent);

describe('task pane App', () => {
  test('checks on load in Chinese and shows the header, completeness and the live announcement', async () => {
    const host = new FakeHost();
    renderApp(host);
    await ready();
    expect(host.calls[0]).toEqual({ op: 'check', lang: 'zh-CN' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('妇联指标报表助手');
    expect(screen.getByText(`妇联工作季度统计报表 · 版本 2026.1`)).toBeInTheDocument();
    expect(screen.getByText('临夏州妇联')).toBeInTheDocument();
    expect(screen.getByText('2026年第三季度')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('检查完成：3 个错误，2 个警告，1 个提示');
    expect(screen.getByRole('progressbar', { name: '总体完整率 90.00%' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: '创业就业完整率 80.00%' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: '维权服务完整率 100.00%' })).toBeInTheDocument();
  });

  test('groups findings by sheet in workbook order, with counts per severity', async () => {
    renderApp(new FakeHost());
    await ready();
    expect(groupNames()).toEqual(['封面（1 项）', '创业就业（4 项）', '维权服务（1 项）']);
    expect(tabNames()).toEqual(['检查', '摘要', '诊断', '全部 (6)', '错误 (3)', '警告 (2)', '提示 (1)']);
    const jobs = screen.getByRole('region', { name: '创业就业（4 项）' });
    // within a group, the engine's order is kept
    expect(within(jobs).getAllByRole('button').map((b) => b.textContent)).toEqual([
      expect.stringContaining('E7'),
      expect.stringContaining('F3'),
      expect.stringContaining('整表'),
      expect.stringContaining('D12'),
    ]);
    // a row shows the cell and the message; the rule id is its tooltip, and shows under it only on request
    const row = within(jobs).getAllByRole('button')[0];
    expect(row).toHaveTextContent('E7');
    expect(row).toHaveTextContent('创业就业 E7：“无” 不是数字');
    expect(row).not.toHaveTextContent('not-a-number');
    expect(row).toHaveAttribute('title', 'not-a-number');
    expect(row).toHaveAccessibleName('错误，创业就业 E7 创业就业 E7：“无” 不是数字');
    await userEvent.setup().click(screen.getByRole('switch', { name: '显示规则编号' }));
    expect(within(jobs).getAllByRole('button')[0]).toHaveTextContent('not-a-number');
  });

  test('filters by severity', async () => {
    const user = userEvent.setup();
    renderApp(new FakeHost());
    await ready();
    await user.click(screen.getByRole('tab', { name: '错误 (3)' }));
    expect(groupNames()).toEqual(['创业就业（2 项）', '维权服务（1 项）']);
    expect(screen.getAllByRole('listitem').filter((li) => li.querySelector('[data-severity]'))).toHaveLength(3);
    for (const b of document.querySelectorAll('[data-severity]')) expect(b).toHaveAttribute('data-severity', 'error');

    await user.click(screen.getByRole('tab', { name: '警告 (2)' }));
    expect(groupNames()).toEqual(['封面（1 项）', '创业就业（1 项）']);

    await user.click(screen.getByRole('tab', { name: '提示 (1)' }));
    expect(groupNames()).toEqual(['创业就业（1 项）']);

    await user.click(screen.getByRole('tab', { name: '全部 (6)' }));
    expect(document.querySelectorAll('[data-severity]')).toHaveLength(6);
  });

  test('an empty severity says so', async () => {
    const user = userEvent.setup();
    renderApp(new FakeHost(sampleOutcome([finding('warning', '封面', 'B5', 'cover-field-missing', '审核人未填写')])));
    await ready();
    await user.click(screen.getByRole('tab', { name: '错误 (0)' }));
    expect(screen.getByText('没有错误。')).toBeInTheDocument();
    expect(screen.queryAllByRole('heading', { level: 3 })).toHaveLength(0);
  });

  test('clicking a finding selects its sheet and cell; Enter and Space on a focused row do too', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    renderApp(host);
    await ready();
    await user.click(screen.getByRole('button', { name: /维权服务 F9/ }));
    expect(host.calls.at(-1)).toEqual({ op: 'select', sheet: '维权服务', cell: 'F9' });

    screen.getByRole('button', { name: /封面 B5/ }).focus();
    await user.keyboard('{Enter}');
    expect(host.calls.at(-1)).toEqual({ op: 'select', sheet: '封面', cell: 'B5' });

    screen.getByRole('button', { name: /模板中没有 Z99/ }).focus();
    await user.keyboard(' ');
    expect(host.calls.at(-1)).toEqual({ op: 'select', sheet: '创业就业', cell: null });
  });

  test('the actions and the finding rows are native buttons in the Tab order, in reading order', async () => {
    // Fluent's tabster owns the Tab key and measures layout, which jsdom lacks, so user.tab() cannot walk the pane
    // here; assert what makes the order right instead: focusable native buttons, none removed from the order.
    renderApp(new FakeHost());
    await ready();
    const rows = document.querySelectorAll('[data-severity]');
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.tagName).toBe('BUTTON');
      expect(r).toHaveAttribute('type', 'button');
      expect(r).not.toHaveAttribute('tabindex');
    }
    const stops = [...document.querySelectorAll<HTMLElement>('button:not([disabled])')].filter(
      (b) => b.getAttribute('tabindex') !== '-1' && b.getAttribute('role') !== 'tab',
    );
    expect(stops.map((b) => b.getAttribute('aria-label') ?? b.textContent)).toEqual([
      '重新检查',
      '填写汇总',
      '标记问题单元格',
      // the check's confirmation bar: its dismiss button
      '关闭',
      expect.stringMatching(/^警告，封面 B5/),
      expect.stringMatching(/^错误，创业就业 E7/),
      expect.stringMatching(/^警告，创业就业 F3/),
      expect.stringMatching(/^提示，创业就业 整表/),
      expect.stringMatching(/^错误，创业就业 D12/),
      expect.stringMatching(/^错误，维权服务 F9/),
      '选择上期报表…',
      '载入模板文件…',
    ]);
    for (const b of stops) {
      b.focus();
      expect(document.activeElement).toBe(b);
    }
  });

  test('fill acts on the workbook as it is, not as the last check saw it: a row inserted since and a note typed in I3 survive', async () => {
    // Issue #11: check, insert a row in 创业就业, type a note in I3, then 填写汇总. The real Excel host over the fake.
    const user = userEvent.setup();
    const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter: 3, seed: 7 }));
    const env = createFakeOffice(model);
    render(
      <FluentProvider theme={webLightTheme}>
        <App host={createExcelHost({ excel: env.Excel as unknown as typeof Excel })} template={template} />
      </FluentProvider>,
    );
    await ready();
    const s = model.sheet('创业就业')!;
    expect(s.cell(16, 1).value).toEqual({ kind: 'text', value: 'A14' });
    s.insertRows(3);
    s.setCell(3, 9, { value: { kind: 'text', value: '见附件' } });
    env.stats.reset();
    await user.click(screen.getByRole('button', { name: '填写汇总' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('已写入累计公式和汇总表'));
    expect(env.stats.syncCount).toBe(3); // fill: read + write; then the re-check: read
    expect(s.cell(3, 9)).toMatchObject({ value: { kind: 'text', value: '见附件' } });
    expect(s.cell(3, 9).formula).toBeUndefined();
    expect(s.cell(17, 1).value).toEqual({ kind: 'text', value: 'A14' });
    expect(s.cell(17, 9).formula).toBe('=G17'); // A14 is a stock: its latest quarter, on its own row
    expect(s.cell(4, 9).formula).toBe('=SUM(E4:G4)'); // A01, one row down
  });

  test('mark / clear is a toggle: highlight with the findings, then clearHighlights', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    renderApp(host);
    await ready();
    const toggle = screen.getByRole('button', { name: '标记问题单元格' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    await waitFor(() => expect(screen.getByRole('button', { name: '清除标记' })).toHaveAttribute('aria-pressed', 'true'));
    expect(host.calls.at(-1)).toEqual({ op: 'highlight', count: 6 });
    // five findings point at a cell, one at a whole sheet
    expect(screen.getByRole('status')).toHaveTextContent('已标记 5 个问题单元格');

    await user.click(screen.getByRole('button', { name: '清除标记' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '标记问题单元格' })).toHaveAttribute('aria-pressed', 'false'));
    expect(host.ops()).toEqual(['check', 'highlight', 'clearHighlights']);
    expect(screen.getByRole('status')).toHaveTextContent('已清除标记');
  });

  test('while marked, a re-check marks the cells of the new findings', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    renderApp(host);
    await ready();
    await user.click(screen.getByRole('button', { name: '标记问题单元格' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '清除标记' })).toBeEnabled());
    host.outcome = sampleOutcome([finding('error', '维权服务', 'F9', 'part-exceeds-total', 'B02 大于 B01', 'B02')]);
    await user.click(screen.getByRole('button', { name: '重新检查' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('检查完成：1 个错误，0 个警告'));
    // While marked, the re-check is the marking read itself: one call, marks placed from what it read.
    expect(host.calls.at(-1)).toEqual({ op: 'highlight', count: 1 });
    expect(host.ops().slice(-2)).toEqual(['highlight', 'highlight']);
    // unmarked: a re-check leaves the workbook alone
    await user.click(screen.getByRole('button', { name: '清除标记' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '标记问题单元格' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: '重新检查' }));
    await waitFor(() => expect(host.calls.at(-1)).toEqual({ op: 'check', lang: 'zh-CN' }));
    expect(host.ops().filter((o) => o === 'highlight')).toHaveLength(2);
  });

  test('a host error shows in an error MessageBar, and the pane stays usable', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    host.fail.set('fill', '工作表“汇总”受保护，无法写入');
    renderApp(host);
    await ready();
    await user.click(screen.getByRole('button', { name: '填写汇总' }));
    const alert = await screen.findByText('工作表“汇总”受保护，无法写入');
    expect(screen.getByText('操作失败')).toBeInTheDocument();
    // Fluent's MessageBar marks its intent on the root
    expect(alert.closest('.fui-MessageBar')).not.toBeNull();
    expect(host.ops()).toEqual(['check', 'fill']);
    // a failed highlight leaves the toggle off
    host.fail.set('highlight', 'ExcelApi 1.6 不可用');
    await user.click(screen.getByRole('button', { name: '标记问题单元格' }));
    await screen.findByText('ExcelApi 1.6 不可用');
    expect(screen.getByRole('button', { name: '标记问题单元格' })).toHaveAttribute('aria-pressed', 'false');
    // dismiss
    await user.click(screen.getByRole('button', { name: '关闭' }));
    expect(screen.queryByText('ExcelApi 1.6 不可用')).not.toBeInTheDocument();
  });

  test("the host's refusals are said in the pane's language: a protected sheet, a lost focus", async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    renderApp(host);
    await ready();
    host.fill = () => Promise.reject(new HostError({ kind: 'protected', sheets: ['创业就业'] }, 'protected: 创业就业'));
    await user.click(screen.getByRole('button', { name: '填写汇总' }));
    await screen.findByText(/工作表 创业就业 受保护，未做任何更改/);
    host.select = () => Promise.reject(new HostError({ kind: 'focus' }, 'GeneralException'));
    await user.click(screen.getAllByRole('button', { name: /E7/ })[0]!);
    await screen.findByText(/另一个窗口获得了焦点，未做任何更改/);
  });

  test('a failing check and a failing select are shown too', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    host.fail.set('check', '无法读取工作簿');
    renderApp(host);
    await screen.findByText('无法读取工作簿');
    expect(screen.queryByRole('heading', { level: 2, name: '问题清单' })).not.toBeInTheDocument();
    host.fail.delete('check');
    host.fail.set('select', '找不到工作表“维权服务”');
    await user.click(screen.getByRole('button', { name: '重新检查' }));
    await ready();
    expect(screen.queryByText('无法读取工作簿')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /维权服务 F9/ }));
    await screen.findByText('找不到工作表“维权服务”');
  });

  test('per-indicator progress: plan indicators only, a mark at the time progress, those behind highlighted', async () => {
    renderApp(new FakeHost());
    await ready();
    const bars = screen.getAllByRole('progressbar', { name: /完成年计划/ });
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual([
      'A01 妇女技能培训人数：完成年计划 107.06%，序时进度 75.00%',
      'A03 技能培训班期数：完成年计划 50.00%，序时进度 75.00%',
      'A14 巾帼创业就业基地数：完成年计划 无计划，序时进度 75.00%',
    ]);
    const a01 = document.querySelector('[data-indicator="A01"]') as HTMLElement;
    const a03 = document.querySelector('[data-indicator="A03"]') as HTMLElement;
    expect(a01).toHaveTextContent('A01 妇女技能培训人数107.06%');
    expect(a01).toHaveAttribute('data-behind', 'false');
    expect(a03).toHaveAttribute('data-behind', 'true');
    expect(a03).toHaveTextContent('50.00% · 滞后');
    expect(document.querySelector('[data-indicator="A02"]')).toBeNull();
    const marker = a01.querySelector('[title="序时进度 75.00%"]') as HTMLElement;
    expect(marker.style.left).toBe('75%');
    expect(screen.getByText('1 项滞后序时进度')).toBeInTheDocument();
  });

  test('English when lang is en: UI strings and the check request', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    renderApp(host, 'en');
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Check complete: 3 errors, 2 warnings, 1 note'),
    );
    expect(host.calls[0]).toEqual({ op: 'check', lang: 'en' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent("Federation Indicator Returns");
    for (const name of ['Check again', 'Fill totals', 'Mark problem cells']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    expect(tabNames()).toEqual(['Check', 'Summary', 'Self-test', 'All (6)', 'Errors (3)', 'Warnings (2)', 'Notes (1)']);
    expect(groupNames()).toContain('创业就业 (4 findings)');
    expect(screen.getByRole('progressbar', { name: 'Completeness of Overall 90.00%' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Mark problem cells' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('5 problem cells marked'));
  });

  test('the buttons are disabled while a task runs, with a spinner saying what runs', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    let release: () => void = () => undefined;
    renderApp(host);
    await ready();
    host.fill = () =>
      new Promise<void>((resolve) => {
        host.calls.push({ op: 'fill' });
        release = resolve;
      });
    await user.click(screen.getByRole('button', { name: '填写汇总' }));
    expect(await screen.findByText('正在填写公式和汇总…')).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('button', { name: '重新检查' })).toBeDisabled();
    expect(screen.getByRole('button', { name: '填写汇总' })).toBeDisabled();
    release();
    await waitFor(() => expect(screen.getByRole('button', { name: '重新检查' })).toBeEnabled());
    expect(screen.queryByText('正在填写公式和汇总…')).not.toBeInTheDocument();
  });
});
