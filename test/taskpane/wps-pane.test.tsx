/**
 * The real pane (App) inside WPS 表格: the WPS host (src/wps/host.ts) over the fake WPS API (src/wps-fake), on the
 * sample return: the CLI's findings on screen, a click selects the cell on its sheet, fill writes 汇总, marks come
 * and go without touching the cells.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import { standardTemplate } from '../../src/engine';
import { FakeWorkbookModel } from '../../src/office-fake';
import { App } from '../../src/taskpane/App';
import { MARK_FORMULA } from '../../src/taskpane/excel-marks';
import { createWpsHost } from '../../src/wps/host';
import { createFakeWps } from '../../src/wps-fake';
import { readXlsx } from '../../src/xlsx';

const template = standardTemplate();
/** The whole workbook is read and checked in-process on every action: generous waits on a loaded machine. */
const SLOW = { timeout: 15_000 };

// jsdom has no TextDecoder / TextEncoder; the xlsx reader (used here only to load the sample) needs Node's.
(globalThis as { TextDecoder?: unknown }).TextDecoder ??= NodeTextDecoder;
(globalThis as { TextEncoder?: unknown }).TextEncoder ??= NodeTextEncoder;

async function sample(): Promise<FakeWorkbookModel> {
  const bytes = new Uint8Array(readFileSync(join(__dirname, '..', '..', 'assets', 'sample-return.xlsx')));
  return FakeWorkbookModel.fromWorkbookView((await readXlsx(bytes)).view);
}

function renderPane(model: FakeWorkbookModel) {
  const env = createFakeWps(model);
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={createWpsHost({ application: env.Application })} template={template} lang="zh-CN" />
    </FluentProvider>,
  );
  return env;
}

jest.setTimeout(60_000);

describe('the task pane in WPS 表格 (WPS host over the fake WPS API)', () => {
  test('lists the sample return findings, selects a finding cell after activating its sheet, fills 汇总', async () => {
    const user = userEvent.setup();
    const model = await sample();
    model.removeSheet('汇总');
    model.activeSheet = '封面';
    renderPane(model);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^检查完成：\d+ 个错误，\d+ 个警告/), SLOW);
    const rows = document.querySelectorAll('[data-severity]');
    expect(rows.length).toBeGreaterThan(10);

    const group = screen.getByRole('region', { name: /^创业就业（\d+ 项）$/ });
    const first = within(group).getAllByRole('button')[0]!;
    const cell = /\b([A-Z]+\d+)\b/.exec(first.textContent ?? '')![1]!;
    await user.click(first);
    await waitFor(() => expect(model.selection).toEqual({ sheet: '创业就业', address: cell }), SLOW);
    expect(model.activeSheet).toBe('创业就业');

    await user.click(screen.getByRole('button', { name: '填写汇总' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('已写入累计公式和汇总表'), SLOW);
    expect(model.sheet('汇总')).toBeDefined();
  });

  test('marks problem cells and clears exactly the marks', async () => {
    const user = userEvent.setup();
    const model = await sample();
    const cells = () => model.sheets.map((s) => [...s.entries()]);
    const before = cells();
    renderPane(model);
    await waitFor(() => expect(screen.getByRole('button', { name: '标记问题单元格' })).toBeEnabled(), SLOW);
    await user.click(screen.getByRole('button', { name: '标记问题单元格' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '清除标记' })).toHaveAttribute('aria-pressed', 'true'), SLOW);
    const marks = () => model.sheets.flatMap((s) => s.conditionalFormats.filter((cf) => cf.formula === MARK_FORMULA));
    expect(marks().length).toBeGreaterThan(3);
    expect(cells()).toEqual(before);
    await user.click(screen.getByRole('button', { name: '清除标记' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '标记问题单元格' })).toBeEnabled(), SLOW);
    expect(marks()).toEqual([]);
    expect(cells()).toEqual(before);
  });
});
