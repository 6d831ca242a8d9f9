/** The 诊断 tab over the real Excel host and the fake Office.js: every step listed, copyable text for support. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { FakeWorkbookModel, installFakeOffice } from '../../src/office-fake';
import { App } from '../../src/taskpane/App';
import { DiagnosisPanel } from '../../src/taskpane/components/DiagnosisPanel';
import { diagnosisText } from '../../src/taskpane/components/diagnosis-strings';
import { createExcelHost } from '../../src/taskpane/excel';
import { DIAGNOSTIC_STEPS } from '../../src/taskpane/host';

const template = standardTemplate();

test('diagnosisText: environment, the tally, then one line per step with its detail', () => {
  const text = diagnosisText(
    {
      host: 'Excel',
      version: '16.0.17928.20114',
      platform: 'PC',
      apiSupport: ['ExcelApi 1.6: yes'],
      steps: [
        { id: 'add-sheet', ok: true, detail: '诊断-1' },
        { id: 'select', ok: false, detail: 'GeneralException: An internal error has occurred.' },
      ],
    },
    'zh-CN',
    new Date(Date.UTC(2026, 9, 8, 1, 2, 3)),
  );
  expect(text).toBe(
    [
      '妇联指标报表助手 诊断结果 · 2026-10-08T01:02:03.000Z',
      '宿主: Excel',
      '版本: 16.0.17928.20114',
      '平台: PC',
      '接口支持: ExcelApi 1.6: yes',
      '1 / 2 项通过',
      '1. [通过] 添加临时工作表 (add-sheet): 诊断-1',
      '2. [失败] 选中单元格 (select): GeneralException: An internal error has occurred.',
    ].join('\n'),
  );
});

test('the pane runs the self-test on the fake: every step passes, the workbook is as it was, the text copies', async () => {
  const user = userEvent.setup();
  const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter: 3, seed: 2 }));
  const fake = installFakeOffice(globalThis, model);
  const before = model.sheets.map((s) => s.name);
  const copied: string[] = [];
  try {
    render(
      <FluentProvider theme={webLightTheme}>
        <DiagnosisPanel diagnose={() => createExcelHost().diagnose()} lang="zh-CN" copy={async (t) => void copied.push(t)} />
      </FluentProvider>,
    );
    await user.click(screen.getByRole('button', { name: '运行诊断' }));
    await waitFor(() => expect(screen.getByText(`${DIAGNOSTIC_STEPS.length} / ${DIAGNOSTIC_STEPS.length} 项通过`)).toBeInTheDocument());
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-step'))).toEqual([...DIAGNOSTIC_STEPS]);
    expect(items.every((li) => li.getAttribute('data-ok') === 'true')).toBe(true);
    await user.click(screen.getByRole('button', { name: '复制结果' }));
    await waitFor(() => expect(copied).toHaveLength(1));
    expect(copied[0]).toMatch(/平台: OfficeOnline/);
    expect(copied[0]).toMatch(/版本: fake ExcelApi 1\.6/);
    expect(copied[0]!.split('\n').filter((l) => /^\d+\. \[通过\]/.test(l))).toHaveLength(DIAGNOSTIC_STEPS.length);
    expect(model.sheets.map((s) => s.name)).toEqual(before);
  } finally {
    fake.uninstall();
  }
});

test('the App has the 诊断 tab, which calls the host it was given', async () => {
  const user = userEvent.setup();
  const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter: 3, seed: 2 }));
  const fake = installFakeOffice(globalThis, model);
  try {
    render(
      <FluentProvider theme={webLightTheme}>
        <App host={createExcelHost()} template={template} />
      </FluentProvider>,
    );
    await waitFor(() => expect(screen.getAllByRole('status')[0]).toHaveTextContent(/检查完成/));
    await user.click(screen.getByRole('tab', { name: '诊断' }));
    await user.click(screen.getByRole('button', { name: '运行诊断' }));
    await waitFor(() => expect(screen.getByText(`${DIAGNOSTIC_STEPS.length} / ${DIAGNOSTIC_STEPS.length} 项通过`, { selector: 'p' })).toBeInTheDocument());
  } finally {
    fake.uninstall();
  }
}, 60_000);
