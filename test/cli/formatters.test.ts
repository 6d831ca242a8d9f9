import type { Finding } from '../../src/engine/findings';
import type { ReturnReport } from '../../src/engine/report';
import { json } from '../../src/cli/formatters/json';
import { displayWidth, stylish } from '../../src/cli/formatters/stylish';
import { percent } from '../../src/cli/messages';
import type { FileResult } from '../../src/cli/results';

function report(p: Partial<ReturnReport> & { counts: ReturnReport['counts'] }): ReturnReport {
  return {
    template: { id: 'fulian-quarterly', version: '2026.1' },
    unit: '某县妇联',
    periodText: '2026年第三季度',
    period: { year: 2026, quarter: 3 },
    issues: [],
    completeness: { overall: 0.9625, sheets: { 创业就业: 0.9, 维权服务: 1 }, detail: [] },
    indicators: [],
    twoPlan: { rows: [], counts: [] },
    layout: { dataSheets: [], twoPlan: null },
    ...p,
  };
}

const f = (rule: Finding['rule'], severity: Finding['severity'], sheet: string, cell: string | null, message: string): Finding => ({
  rule,
  severity,
  sheet,
  cell,
  indicator: null,
  message,
});

const findings: Finding[] = [
  f('required-missing', 'error', '创业就业', 'E12', 'A10「小额担保贷款发放笔数」第一季度未填写'),
  f('cover-field-missing', 'warning', '封面', 'B5', '审核人未填写'),
  f('approximate-value', 'warning', '创业就业', 'E3', '「1262余」按 1262 计'),
  f('missing-sheet', 'error', '组织建设', null, '缺少工作表「组织建设」'),
];

const results: FileResult[] = [
  { file: 'returns/a.xlsx', ok: true, report: report({ counts: { error: 2, warning: 2, info: 0 } }), findings },
  {
    file: 'returns/b.xlsx',
    ok: true,
    report: report({ counts: { error: 0, warning: 0, info: 0 }, completeness: { overall: 1, sheets: {}, detail: [] } }),
    findings: [],
  },
  { file: 'returns/c.xlsx', ok: false, error: '不是 .xlsx 工作簿' },
];

describe('stylish', () => {
  const out = stylish(results, 'zh-CN', false);
  const lines = out.split('\n');

  it('groups by file then sheet, with Sheet!B7 addresses, severity, message and rule id', () => {
    const a = lines.indexOf(lines.find((l) => l.startsWith('returns/a.xlsx'))!);
    expect(lines[a]).toContain('某县妇联 · 2026Q3 · 完整率 96.3%');
    const body = lines.slice(a + 1, a + 5).map((l) => l.trim().split(/\s{2,}/));
    expect(body).toEqual([
      ['创业就业!E3', '警告', '「1262余」按 1262 计', 'approximate-value'],
      ['创业就业!E12', '错误', 'A10「小额担保贷款发放笔数」第一季度未填写', 'required-missing'],
      ['封面!B5', '警告', '审核人未填写', 'cover-field-missing'],
      ['组织建设', '错误', '缺少工作表「组织建设」', 'missing-sheet'],
    ]);
  });

  it('aligns columns by terminal width (CJK counts double)', () => {
    const a = lines.findIndex((l) => l.startsWith('returns/a.xlsx'));
    const ruleCols = lines.slice(a + 1, a + 5).map((l) => displayWidth(l.slice(0, l.lastIndexOf('  ') + 2)));
    expect(new Set(ruleCols).size).toBe(1);
  });

  it('marks a clean file, names an unreadable one in the closing lines without repeating its reason', () => {
    expect(lines.find((l) => l.startsWith('returns/b.xlsx'))).toContain('✔ 未发现问题');
    // The reason went to stderr as the file was read (check.ts); stdout only names the file.
    expect(out).not.toContain('不是 .xlsx 工作簿');
    expect(out).toMatch(/✖ 4 个问题（2 个错误，2 个警告）\n✖ 1 个文件无法读取：returns\/c\.xlsx\n$/);
    expect(out).not.toContain('\u001b[');
  });

  it('speaks English on request', () => {
    const en = stylish(results.slice(0, 2), 'en', false);
    expect(en).toContain('completeness 96.3%');
    expect(en).toContain('创业就业!E12  error  ');
    expect(en).toMatch(/✖ 4 problems \(2 errors, 2 warnings\)\n$/);
    expect(stylish([results[1]!], 'en', false)).toMatch(/✔ No problems \(1 file\)\n$/);
    expect(stylish([results[1]!], 'zh-CN', false)).toMatch(/✔ 未发现问题（1 个文件）\n$/);
  });

  it('colours only when asked, and the rule id is dimmed', () => {
    const c = stylish(results, 'zh-CN', true);
    expect(c).toContain('\u001b[2mrequired-missing\u001b[22m');
    expect(c).toContain('\u001b[31m错误');
  });
});

describe('json', () => {
  it('is one array with an object per file, every key of the contract and nothing else', () => {
    const arr = JSON.parse(json(results)) as Record<string, unknown>[];
    expect(arr).toHaveLength(3);
    expect(Object.keys(arr[0]!)).toEqual(['file', 'template', 'unit', 'period', 'completeness', 'counts', 'findings']);
    expect(arr[0]).toMatchObject({
      file: 'returns/a.xlsx',
      template: { id: 'fulian-quarterly', version: '2026.1' },
      unit: '某县妇联',
      period: '2026Q3',
      completeness: { overall: 0.9625, sheets: { 创业就业: 0.9, 维权服务: 1 } },
      counts: { error: 2, warning: 2, info: 0 },
    });
    expect(Object.keys(arr[0]!['completeness'] as object)).toEqual(['overall', 'sheets']);
    expect((arr[0]!['findings'] as object[]).map((x) => Object.keys(x))).toEqual(
      findings.map(() => ['rule', 'severity', 'sheet', 'cell', 'indicator', 'message']),
    );
    expect(arr[2]).toEqual({ file: 'returns/c.xlsx', error: '不是 .xlsx 工作簿' });
  });

  it('prints the period as typed when it cannot be read, and null when blank', () => {
    const typed = report({ counts: { error: 1, warning: 0, info: 0 }, period: null, periodText: '2026年秋' });
    const none = report({ counts: { error: 1, warning: 0, info: 0 }, period: null, periodText: null });
    const arr = JSON.parse(
      json([
        { file: 'x', ok: true, report: typed, findings: [] },
        { file: 'y', ok: true, report: none, findings: [] },
      ]),
    ) as { period: unknown }[];
    expect(arr.map((e) => e.period)).toEqual(['2026年秋', null]);
  });
});

describe('percent', () => {
  it.each([
    [1, '100%'],
    [0.9625, '96.3%'],
    [0.5, '50%'],
    [0.99999, '99.9%'],
    [0, '0%'],
    [0.00001, '0.1%'],
  ])('%p → %s', (x, s) => expect(percent(x)).toBe(s));
});
