import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BUNDLE_MIN, FindingsList, GROUP_LIMIT, countBySeverity, groupBySheet } from '../../src/taskpane/components/FindingsList';
import { uiStrings } from '../../src/taskpane/i18n';
import { finding, sampleFindings } from './fixtures';
import type { Finding } from '../../src/engine/findings';

// Room for a loaded two-core CI machine: role queries compute accessible names over the whole pane.
jest.setTimeout(30_000);

describe('FindingsList helpers', () => {
  test('groupBySheet follows the sheet order, then unknown sheets by first finding, and drops empty groups', () => {
    const fs = [
      finding('error', '乙', 'A1', 'not-a-number', 'x'),
      finding('error', '未知', 'A1', 'missing-sheet', 'y'),
      finding('error', '甲', 'A2', 'not-a-number', 'z'),
      finding('error', '乙', 'A3', 'not-a-number', 'w'),
    ];
    expect(groupBySheet(fs, ['甲', '丙', '乙']).map((g) => [g.sheet, g.findings.map((f) => f.cell)])).toEqual([
      ['甲', ['A2']],
      ['乙', ['A1', 'A3']],
      ['未知', ['A1']],
    ]);
  });

  test('countBySeverity', () => {
    expect(countBySeverity(sampleFindings)).toEqual({ error: 3, warning: 2, info: 1 });
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, info: 0 });
  });
});

describe('FindingsList', () => {
  test(`shows ${GROUP_LIMIT} rows of a sheet, then the rest on request; selection works on both`, async () => {
    const user = userEvent.setup();
    const onSelect = jest.fn();
    const many = Array.from({ length: GROUP_LIMIT + 7 }, (_, i) =>
      finding('error', '创业就业', `E${i + 3}`, `rule-${i}` as Finding['rule'], `第 ${i + 3} 行缺少数据`),
    );
    render(
      <FluentProvider theme={webLightTheme}>
        <FindingsList
          findings={[...many, finding('warning', '封面', 'B6', 'cover-field-missing', '审核人未填写')]}
          sheetOrder={['封面', '创业就业']}
          strings={uiStrings('zh-CN')}
          onSelect={onSelect}
        />
      </FluentProvider>,
    );
    const group = screen.getByRole('region', { name: `创业就业（${GROUP_LIMIT + 7} 项）` });
    expect(within(group).getAllByRole('listitem')).toHaveLength(GROUP_LIMIT);
    await user.click(within(group).getByRole('button', { name: '显示其余 7 项' }));
    expect(within(group).getAllByRole('listitem')).toHaveLength(GROUP_LIMIT + 7);
    expect(within(group).queryByRole('button', { name: /显示其余/ })).toBeNull();
    const rows = group.querySelectorAll<HTMLButtonElement>('button[data-severity]');
    expect(rows[GROUP_LIMIT + 6]).toHaveAccessibleName(`错误，创业就业 E${GROUP_LIMIT + 9} 第 ${GROUP_LIMIT + 9} 行缺少数据`);
    await user.click(rows[GROUP_LIMIT + 6]);
    expect(onSelect).toHaveBeenLastCalledWith(many[GROUP_LIMIT + 6]);
    // the other sheet never had a button
    expect(within(screen.getByRole('region', { name: '封面（1 项）' })).getAllByRole('button')).toHaveLength(1);
  });

  test('English labels for the rest', async () => {
    const many = Array.from({ length: GROUP_LIMIT + 1 }, (_, i) => finding('info', 'S', `A${i + 1}`, `outlier-${i}` as Finding['rule'], 'm'));
    render(
      <FluentProvider theme={webLightTheme}>
        <FindingsList findings={many} sheetOrder={[]} strings={uiStrings('en')} onSelect={() => undefined} />
      </FluentProvider>,
    );
    expect(screen.getByRole('button', { name: 'Show 1 more finding' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent(`S (${GROUP_LIMIT + 1} findings)`);
  });

  test(`a rule found ${BUNDLE_MIN} times on a sheet is one line that opens to its cells; fewer stay single rows`, async () => {
    const user = userEvent.setup();
    const onSelect = jest.fn();
    const blanks = Array.from({ length: 12 }, (_, i) =>
      finding('error', '创业就业', `D${i + 5}`, 'required-missing', `A${String(i + 1).padStart(2, '0')} 第二季度未填写`),
    );
    const few = Array.from({ length: BUNDLE_MIN - 1 }, (_, i) => finding('warning', '创业就业', `F${i + 5}`, 'plan-missing', `缺少年计划 ${i}`));
    render(
      <FluentProvider theme={webLightTheme}>
        <FindingsList findings={[few[0]!, ...blanks, ...few.slice(1)]} sheetOrder={['创业就业']} strings={uiStrings('zh-CN')} onSelect={onSelect} />
      </FluentProvider>,
    );
    const group = screen.getByRole('region', { name: '创业就业（16 项）' });
    // the first screen: one row of the few, the bundle where the rule first appears, the rest of the few
    expect([...group.querySelectorAll('li > button')].map((b) => b.getAttribute('data-bundle') ?? b.getAttribute('data-rule'))).toEqual([
      'plan-missing',
      'required-missing',
      ...few.slice(1).map(() => 'plan-missing'),
    ]);
    const bundle = within(group).getByRole('button', { name: /同类错误 12 项/ });
    expect(bundle).toHaveAttribute('aria-expanded', 'false');
    expect(bundle).toHaveTextContent('如：A01 第二季度未填写');
    await user.click(bundle);
    expect(bundle).toHaveAttribute('aria-expanded', 'true');
    const cells = [...group.querySelectorAll<HTMLButtonElement>('button[data-rule="required-missing"]')];
    expect(cells.map((b) => b.textContent?.match(/D\d+/)?.[0])).toEqual(blanks.map((f) => f.cell));
    await user.click(cells[11]!);
    expect(onSelect).toHaveBeenLastCalledWith(blanks[11]);
  });
});
