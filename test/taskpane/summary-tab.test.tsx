import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { checkReturn, draftSummary, formatFindings, num, text } from '../../src/engine';
import { QUARTER_ROLES } from '../../src/engine/template/quarters';
import { buildFilledReturn } from '../../src/engine/testing';
import type { CheckOptions } from '../../src/engine/check';
import type { Lang } from '../../src/engine/findings';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import type { Template } from '../../src/engine/template/schema';
import type { WorkbookView } from '../../src/engine/workbook';
import { App } from '../../src/taskpane/App';
import { PreviousReturn, type PickedPrevious } from '../../src/taskpane/components/PreviousReturn';
import { SummaryPanel } from '../../src/taskpane/components/SummaryPanel';
import type { CheckOutcome, Diagnosis, WorkbookHost } from '../../src/taskpane/host';
import { template } from './fixtures';

jest.mock('../../src/xlsx', () => ({ readXlsx: jest.fn() }));

jest.setTimeout(60_000);
beforeAll(() => {
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

/** A host over an in-memory workbook that runs the real engine, recording the options of each check. */
class MemoryHost implements WorkbookHost {
  readonly checks: (CheckOptions | undefined)[] = [];
  constructor(readonly view: MemoryWorkbook) {}
  async check(t: Template, lang: Lang, options?: CheckOptions): Promise<CheckOutcome> {
    this.checks.push(options);
    const report = checkReturn(this.view, t, options);
    return { report, findings: formatFindings(report.issues, t, lang), sheetNames: this.view.sheetNames };
  }
  async fill(): Promise<void> {}
  async select(): Promise<void> {}
  async highlight(t: Template, lang: Lang, options?: CheckOptions): Promise<CheckOutcome> {
    return this.check(t, lang, options);
  }
  async clearHighlights(): Promise<void> {}
  async diagnose(): Promise<Diagnosis> {
    return { host: 'memory', version: '', platform: '', apiSupport: [], steps: [] };
  }
}

const wrap = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

function cellOf(view: MemoryWorkbook, code: string, q: number): { sheet: string; row: number; col: number } {
  const rep = checkReturn(view, template);
  const ind = template.indicators.find((i) => i.code === code)!;
  const l = rep.layout.dataSheets.find((d) => d.sheet === ind.sheet)!;
  return { sheet: ind.sheet, row: l.rows[code]!, col: l.columns[QUARTER_ROLES[q - 1]!] };
}

/** A File whose bytes do not matter: the picker's reader is replaced by one returning a prepared view. */
const xlsxFile = (name: string) =>
  new File([new Uint8Array([80, 75, 3, 4])], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

describe('摘要 tab', () => {
  test('shows the drafted summary of the last check, and copies the prose', async () => {
    const user = userEvent.setup();
    const view = buildFilledReturn(template, { quarter: 3, seed: 9 });
    wrap(<App host={new MemoryHost(view)} template={template} />);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('检查完成'));
    await user.click(screen.getByRole('tab', { name: '摘要' }));
    const expected = draftSummary(checkReturn(view, template), template, 'zh-CN');
    expect(screen.getByRole('heading', { level: 2, name: expected.title })).toBeInTheDocument();
    for (const p of expected.paragraphs) {
      const block = screen.getByRole('article', { name: p.heading });
      expect(within(block).getByText(p.text)).toBeInTheDocument();
    }
    await user.click(screen.getByRole('button', { name: '复制摘要' }));
    await screen.findByText('已复制到剪贴板');
    // what the screen shows: the title, then each block's heading, its paragraph and its notes
    const pasted = await navigator.clipboard.readText();
    expect(pasted.split('\n\n')).toEqual([
      expected.title,
      ...expected.paragraphs.map((p) => [p.heading, p.text, ...p.notes.map((n) => `注：${n}`)].join('\n')),
    ]);
    expect(pasted.startsWith(`${expected.title}\n\n${expected.paragraphs[0]!.heading}\n`)).toBe(true);
    await user.click(screen.getByRole('button', { name: '复制「两纲监测」段' }));
    expect(await navigator.clipboard.readText()).toBe(expected.paragraphs.find((p) => p.sheet === 'twoPlan')!.text);
  });

  test('names blank figures in notes, in English too, and says when copying fails', async () => {
    const user = userEvent.setup();
    const view = buildFilledReturn(template, { quarter: 2, seed: 9 });
    const at = cellOf(view, 'B09', 2);
    view.sheet(at.sheet)!.set(at.row, at.col, { value: text('') });
    const report = checkReturn(view, template);
    const copy = jest.fn(async () => {
      throw new Error('denied');
    });
    const { container } = wrap(<SummaryPanel report={report} template={template} lang="en" copy={copy} />);
    const block = screen.getByRole('article', { name: 'Rights protection' });
    expect(within(block).getByText(/^In the first half: letters and visits received/)).toBeInTheDocument();
    expect(within(block).getByText('Note: Blank or unreadable, left out of the summary: B09 domestic violence interventions')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy summary' }));
    await screen.findByText(/Could not write to the clipboard/);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } }, resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  test('before the first check, says the summary will follow', () => {
    wrap(<SummaryPanel report={null} template={template} lang="zh-CN" />);
    expect(screen.getByText('检查完成后显示摘要。')).toBeInTheDocument();
  });
});

describe('previous return in the task pane', () => {
  test('picking the Q2 return of a Q3 workbook with one Q1 figure changed adds exactly that warning', async () => {
    const user = userEvent.setup();
    const cur = buildFilledReturn(template, { quarter: 3, seed: 12 });
    const prev = buildFilledReturn(template, { quarter: 2, seed: 12 });
    const at = cellOf(cur, 'E02', 1);
    cur.sheet(at.sheet)!.set(at.row, at.col, { value: num(999) });
    const host = new MemoryHost(cur);
    // The App's picker reads with readXlsx; here the reading is stood in for by the prepared view.
    const { readXlsx } = jest.requireMock<{ readXlsx: jest.Mock }>('../../src/xlsx');
    readXlsx.mockImplementation(async () => ({ view: prev, date1904: false }));
    wrap(<App host={host} template={template} />);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('检查完成'));
    expect(screen.queryByText(/与上期报表不一致/)).toBeNull();
    await user.upload(screen.getByTestId('previous-file'), xlsxFile('2026Q2.xlsx'));
    await screen.findByText('正在与上期报表「2026Q2.xlsx」（2026Q2）比对');
    expect(readXlsx).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(host.checks.at(-1)?.previous).toBe(prev));
    const revised = await screen.findAllByText(/与上期报表不一致/);
    expect(revised).toHaveLength(1);
    expect(revised[0]!.closest('button')?.textContent).toMatch(
      new RegExp(`^警告，组织建设 ${String.fromCharCode(64 + at.col)}${at.row} E02「妇联干部培训期数」第一季度与上期报表不一致：上期 \\d+，本期 999`),
    );

    await user.click(screen.getByRole('button', { name: '取消比对' }));
    await waitFor(() => expect(host.checks.at(-1)).toBeUndefined());
    await waitFor(() => expect(screen.queryByText(/与上期报表不一致/)).toBeNull());
  });

  test('refuses another unit or a non-adjacent quarter with one line, and keeps comparing nothing', async () => {
    const user = userEvent.setup();
    const current = checkReturn(buildFilledReturn(template, { quarter: 3, seed: 1 }), template);
    const other = buildFilledReturn(template, { quarter: 2, seed: 1, unit: '和政县妇联' });
    const q1 = buildFilledReturn(template, { quarter: 1, seed: 1 });
    const onChange = jest.fn<void, [PickedPrevious | null]>();
    let next: WorkbookView = other;
    wrap(
      <PreviousReturn template={template} lang="zh-CN" current={current} previous={null} onChange={onChange} read={async () => next} />,
    );
    await user.upload(screen.getByTestId('previous-file'), xlsxFile('other.xlsx'));
    await screen.findByText('上期报表的填报单位「和政县妇联」与本期「示例县妇联」不同');
    next = q1;
    await user.upload(screen.getByTestId('previous-file'), xlsxFile('q1.xlsx'));
    await screen.findByText('上期报表的报告期为2026年第1季度，应为本期（2026年第3季度）的上一季度2026年第2季度');
    expect(onChange).not.toHaveBeenCalled();
  });

  test('an unreadable file is named with the reader’s reason', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    wrap(
      <PreviousReturn
        template={template}
        lang="en"
        current={null}
        previous={null}
        onChange={onChange}
        read={async () => {
          throw new Error('not an .xlsx workbook');
        }}
      />,
    );
    await user.upload(screen.getByTestId('previous-file'), xlsxFile('notes.xlsx'));
    await screen.findByText('Cannot read “notes.xlsx”: not an .xlsx workbook');
    expect(onChange).not.toHaveBeenCalled();
  });
});
