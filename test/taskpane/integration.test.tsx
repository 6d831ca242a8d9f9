/**
 * The pane over the real Excel host (src/taskpane/excel.ts) and the fake Office.js (src/office-fake), on a return
 * built by the engine: what a user sees and what lands in the workbook.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { num, standardTemplate, text, type Lang } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { FakeWorkbookModel, createFakeOffice } from '../../src/office-fake';
import { App } from '../../src/taskpane/App';
import { createExcelHost } from '../../src/taskpane/excel';

const template = standardTemplate();

// Each write reads the workbook first (a whole check): slow on a shared two-core machine under a full run.
jest.setTimeout(60_000);

/** A clean Q3 return with one typed `无` in A01's first quarter. */
function model(): { model: FakeWorkbookModel; cell: string } {
  const wb = buildFilledReturn(template, { quarter: 3, seed: 7 });
  const sheet = wb.sheet('创业就业');
  if (!sheet) throw new Error('no 创业就业');
  let row = 0;
  for (let r = 1; r <= 20 && !row; r++) {
    const v = sheet.cell(r, 1).value;
    if (v.kind === 'text' && v.value === 'A01') row = r;
  }
  expect(row).toBeGreaterThan(0);
  sheet.set(row, 5, { value: { kind: 'text', value: '无' } });
  return { model: FakeWorkbookModel.fromMemoryWorkbook(wb), cell: `E${row}` };
}

function renderPane(m: FakeWorkbookModel, lang: Lang = 'zh-CN') {
  const env = createFakeOffice(m, { displayLanguage: lang === 'en' ? 'en-US' : 'zh-CN' });
  const host = createExcelHost({ excel: env.Excel as unknown as typeof Excel });
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} template={template} lang={lang} />
    </FluentProvider>,
  );
  return env;
}

describe('task pane over the Excel host and the fake Office.js', () => {
  test('shows the one error, selects its cell on click, marks and clears it', async () => {
    const user = userEvent.setup();
    const { model: m, cell } = model();
    renderPane(m);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^检查完成：1 个错误，0 个警告/));
    expect(screen.getByText('示例县妇联')).toBeInTheDocument();
    const group = screen.getByRole('region', { name: '创业就业（1 项）' });
    const row = within(group).getByRole('button');
    expect(row).toHaveTextContent(cell);
    expect(row).toHaveAttribute('data-rule', 'not-a-number');

    await user.click(row);
    await waitFor(() => expect(m.selection).toEqual({ sheet: '创业就业', address: cell }));
    expect(m.activeSheet).toBe('创业就业');

    const sheet = m.sheet('创业就业')!;
    const before = sheet.conditionalFormats.length;
    await user.click(screen.getByRole('button', { name: '标记问题单元格' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '清除标记' })).toHaveAttribute('aria-pressed', 'true'));
    expect(sheet.conditionalFormats.length).toBe(before + 1);
    await user.click(screen.getByRole('button', { name: '清除标记' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '标记问题单元格' })).toBeEnabled());
    expect(sheet.conditionalFormats.length).toBe(before);
  });

  test('fill writes 汇总 and the pane re-checks; English messages come from the engine when lang is en', async () => {
    const user = userEvent.setup();
    const { model: m } = model();
    m.removeSheet('汇总');
    renderPane(m, 'en');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^Check complete/));
    const rows = document.querySelectorAll('[data-severity]');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent(/"无".*not a number/); // the engine's English message
    await user.click(screen.getByRole('button', { name: 'Fill totals' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Cumulative formulas and the totals sheet written'));
    expect(m.sheet('汇总')).toBeDefined();
    // Seed 7's A01: plan 935, quarters 无 / 263 / 239. 汇总 row 3 carries A01: cumulative 502 (无 counts 0), 53.69% of the
    // plan at 75% of the year → 滞后序时进度; the fake evaluates what the fill wrote.
    const data = m.sheet('创业就业')!;
    expect([4, 5, 6, 7].map((c) => data.cell(3, c).value)).toEqual([num(935), text('无'), num(263), num(239)]);
    const sum = m.sheet('汇总')!;
    expect(sum.cell(3, 1).value).toEqual(text('A01'));
    expect(sum.cell(3, 5)).toMatchObject({ formula: "='创业就业'!I3", value: num(502) });
    expect(sum.cell(3, 6).value).toEqual(num(502 / 935));
    expect(sum.cell(3, 8).value).toEqual(text('滞后序时进度'));
  });
});
