/**
 * The pane applies the template a return carries (spec section 7), over the real Excel host and the fake Office.js:
 * a federation's own template embedded by `new --template` (its hidden 模板定义 sheet), a shipped version named by the
 * stamp, an unknown version refused with one line, and a template the user loads once and the pane remembers.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { buildBlankReturn, embedTemplate, knownTemplates, standardTemplate, text, type Template } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { FakeWorkbookModel, createFakeOffice } from '../../src/office-fake';
import { App } from '../../src/taskpane/App';
import type { TemplateMemory } from '../../src/taskpane/applied-template';
import { createExcelHost } from '../../src/taskpane/excel';

jest.setTimeout(60_000);

const standard = standardTemplate();

/** A federation's template: the standard one under its own id and version, with an extra flow indicator A16. */
function federationTemplate(): Template {
  const t = JSON.parse(JSON.stringify(standard)) as Template & { indicators: Template['indicators'][number][] };
  t.indicators.splice(15, 0, { code: 'A16', sheet: '创业就业', name: '巾帼电商培训人数', unit: '人次', kind: 'flow', plan: true, integer: true });
  return { ...t, id: 'linxia-quarterly', version: '2026.5' };
}

function memoryStub(initial: string | null = null): TemplateMemory & { saved: (string | null)[] } {
  let value = initial;
  const saved: (string | null)[] = [];
  return {
    saved,
    load: () => value,
    save: (json) => {
      value = json;
      saved.push(json);
    },
  };
}

function renderPane(wb: MemoryWorkbook, memory: TemplateMemory = memoryStub()) {
  const model = FakeWorkbookModel.fromMemoryWorkbook(wb);
  const env = createFakeOffice(model);
  const host = createExcelHost({ excel: env.Excel as unknown as typeof Excel });
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} template={standard} memory={memory} />
    </FluentProvider>,
  );
  return { env, model };
}

const checked = () => waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^检查完成/), { timeout: 20_000 });

function restamp(wb: MemoryWorkbook, stamp: string): MemoryWorkbook {
  const cover = wb.sheet(standard.sheets.cover)!;
  for (let r = 1; r <= cover.rowCount; r++) {
    const v = cover.cell(r, 1).value;
    if (v.kind === 'text' && v.value === '模板版本') cover.set(r, 2, { value: text(stamp) });
  }
  return wb;
}

describe('the template the pane applies', () => {
  test("a return made by new --template: the pane checks it with the template it carries and says so in its header", async () => {
    const fed = federationTemplate();
    const wb = buildBlankReturn(fed, { unit: '临夏县妇联', period: '2026Q3' });
    embedTemplate(wb, fed);
    renderPane(wb);
    await checked();
    expect(screen.getByText('妇联工作季度统计报表 · 版本 2026.5')).toBeInTheDocument();
    expect(screen.getByText('报表自带的模板')).toBeInTheDocument();
    // A16 exists only in the federation's template: its blank quarters and plan are findings of this check (a blank
    // return's repeated rules come as one line per sheet, opened here).
    for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-bundle][aria-expanded="false"]')) await userEvent.setup().click(b);
    expect(screen.getAllByRole('button', { name: /创业就业 E18/ }).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/A16/).length).toBeGreaterThan(0);
    // No loading offered: the return decides.
    expect(screen.queryByRole('button', { name: '载入模板文件…' })).toBeNull();
  });

  test('a return stamped 2026.2 (a shipped version) is checked with 2026.2', async () => {
    const v2 = knownTemplates().find((t) => t.version === '2026.2')!;
    renderPane(buildFilledReturn(v2, { quarter: 3, seed: 5 }));
    await checked();
    expect(screen.getByText('妇联工作季度统计报表 · 版本 2026.2')).toBeInTheDocument();
    expect(screen.getByText('按报表的模板版本')).toBeInTheDocument();
  });

  test('a return stamped with an unknown version: one line naming it', async () => {
    renderPane(restamp(buildFilledReturn(standard, { quarter: 3, seed: 5 }), 'fulian-quarterly 2099.1'));
    await checked();
    expect(screen.getByText('报表的模板版本「fulian-quarterly 2099.1」未知：请载入该版本的模板文件')).toBeInTheDocument();
  });

  test('a plain return: the standard template; a template file the user loads applies at once and is remembered', async () => {
    const user = userEvent.setup();
    const memory = memoryStub();
    renderPane(buildFilledReturn(standard, { quarter: 3, seed: 5 }), memory);
    await checked();
    expect(screen.getByText('妇联工作季度统计报表 · 版本 2026.1')).toBeInTheDocument();
    expect(screen.queryByText('已载入的模板')).toBeNull();

    const fed = federationTemplate();
    const file = new File([JSON.stringify(fed)], 'linxia.json', { type: 'application/json' });
    await user.upload(screen.getByTestId('template-file'), file);
    await waitFor(() => expect(screen.getByText('妇联工作季度统计报表 · 版本 2026.5')).toBeInTheDocument(), { timeout: 20_000 });
    expect(screen.getByText('已载入的模板')).toBeInTheDocument();
    expect(memory.saved).toHaveLength(1);
    expect(JSON.parse(memory.saved[0]!)).toEqual(JSON.parse(JSON.stringify(fed)));
    // The standard return lacks A16: the loaded template finds its row missing.
    await checked();
    expect(screen.getAllByText(/A16/).length).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: '改用标准模板' }));
    await waitFor(() => expect(screen.getByText('妇联工作季度统计报表 · 版本 2026.1')).toBeInTheDocument());
    expect(memory.saved.at(-1)).toBeNull();
  });

  test('a remembered template applies to the next workbook opened', async () => {
    renderPane(buildFilledReturn(standard, { quarter: 3, seed: 5 }), memoryStub(JSON.stringify(federationTemplate())));
    await checked();
    expect(screen.getByText('妇联工作季度统计报表 · 版本 2026.5')).toBeInTheDocument();
    expect(screen.getByText('已载入的模板')).toBeInTheDocument();
  });
});
