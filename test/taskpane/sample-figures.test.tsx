/**
 * One figure everywhere (spec section 4), in the pane: on assets/sample-return.xlsx the progress list counts 8 plan
 * indicators behind time progress and shows A01 at 79.68% (3187 ÷ 4000 = 79.675%, shown as Excel shows it), the same
 * as 汇总, 摘要 and the reports (test/cli/sample-figures.test.ts works the numbers out by hand).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import { standardTemplate } from '../../src/engine';
import { FakeWorkbookModel, createFakeOffice } from '../../src/office-fake';
import { App } from '../../src/taskpane/App';
import { createExcelHost } from '../../src/taskpane/excel';
import { readXlsx } from '../../src/xlsx';

// jsdom has no TextDecoder / TextEncoder; the xlsx reader (used here only to load the sample) needs Node's.
(globalThis as { TextDecoder?: unknown }).TextDecoder ??= NodeTextDecoder;
(globalThis as { TextEncoder?: unknown }).TextEncoder ??= NodeTextEncoder;

jest.setTimeout(60_000);

test('the progress list: 8 behind (E03 with its blank quarter among them) and A01 at 79.68%', async () => {
  const bytes = new Uint8Array(readFileSync(join(__dirname, '..', '..', 'assets', 'sample-return.xlsx')));
  const model = FakeWorkbookModel.fromWorkbookView((await readXlsx(bytes)).view);
  const env = createFakeOffice(model, { displayLanguage: 'zh-CN' });
  const { container } = render(
    <FluentProvider theme={webLightTheme}>
      <App host={createExcelHost({ excel: env.Excel as unknown as typeof Excel })} template={standardTemplate()} lang="zh-CN" />
    </FluentProvider>,
  );
  await waitFor(() => expect(screen.getByText('8 项滞后序时进度')).toBeInTheDocument(), { timeout: 20_000 });
  const behind = [...container.querySelectorAll('[data-indicator][data-behind="true"]')].map((li) => li.getAttribute('data-indicator'));
  expect(behind).toEqual(['A03', 'A04', 'A15', 'B08', 'C04', 'C10', 'D01', 'E03']);
  const a01 = container.querySelector('[data-indicator="A01"]')!;
  expect(a01).toHaveTextContent('79.68%');
  expect(container.querySelector('[data-indicator="E03"]')).toHaveTextContent('49.83% · 滞后');
});
