import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blank, num } from '../../src/engine/cell';
import { standardTemplate } from '../../src/engine/template/load';
import { cleanReturn, colOf, rowOf, runCli, tempDir, writeReturn } from './helpers';

const tpl = standardTemplate();
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-summary-'));
  const q4 = cleanReturn({ quarter: 4, seed: 5, unit: '临夏县妇联' });
  const s = q4.sheet('创业就业')!;
  const row = rowOf(q4, '创业就业', 'A01');
  [800, 900, 826, 900].forEach((v, i) => s.set(row, colOf(q4, '创业就业', tpl.dataColumns.quarters[i]!), { value: num(v) }));
  s.set(row, colOf(q4, '创业就业', tpl.dataColumns.plan), { value: num(3200) });
  const a02 = rowOf(q4, '创业就业', 'A02');
  [0, 1, 2, 3].forEach((i) => s.set(a02, colOf(q4, '创业就业', tpl.dataColumns.quarters[i]!), { value: num(100) }));
  await writeReturn(join(dir, 'q4.xlsx'), q4);

  const withError = cleanReturn({ quarter: 3, seed: 6 });
  const b08 = rowOf(withError, '维权服务', 'B08');
  withError.sheet('维权服务')!.set(b08, colOf(withError, '维权服务', tpl.dataColumns.quarters[1]!), { value: blank() });
  await writeReturn(join(dir, 'error.xlsx'), withError);

  const edited = JSON.parse(JSON.stringify(tpl)) as { phrases: { 'zh-CN': Record<string, unknown> } };
  edited.phrases['zh-CN'].indicators = { A01: { pattern: '举办“陇原巧手”培训{value}{unit}（年计划{plan}）' } };
  writeFileSync(join(dir, 'edited.json'), JSON.stringify(edited));
});

afterAll(() => cleanup());

describe('fulian-returns summary', () => {
  it('prints the zh-CN draft as text and exits 0 for a clean return', async () => {
    const r = await runCli(['summary', 'q4.xlsx'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('临夏县妇联2026年全年数据摘要');
    expect(r.stdout).toContain('【创业就业】\n全年共培训妇女3426人次，完成年计划的107.06%');
    expect(r.stdout).toContain('【两纲监测】\n两纲监测12项主要统计指标');
    expect(r.stdout).toContain('【滞后序时进度】');
  });

  it('prints Markdown, JSON and English on request', async () => {
    const md = await runCli(['summary', 'q4.xlsx', '--format', 'md'], { cwd: dir });
    expect(md.stdout).toMatch(/^# 临夏县妇联2026年全年数据摘要\n\n## 创业就业\n\n全年共培训妇女3426人次/);
    const js = await runCli(['summary', 'q4.xlsx', '--format=json', '--lang', 'en'], { cwd: dir });
    expect(js.code).toBe(0);
    const parsed = JSON.parse(js.stdout) as { lang: string; paragraphs: { sheet: string; text: string; notes: string[] }[] };
    expect(parsed.lang).toBe('en');
    expect(parsed.paragraphs.map((p) => p.sheet)).toEqual([...tpl.sheets.data.map((d) => d.name), 'twoPlan', 'behind']);
    expect(parsed.paragraphs[0]!.text).toMatch(/^Over the year: women trained in skills 3426 person-times \(107\.06% of the annual plan\)/);
  });

  it('takes its wording from --template: an edited phrase changes the output with no code change', async () => {
    const r = await runCli(['summary', 'q4.xlsx', '--template', 'edited.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('【创业就业】\n全年举办“陇原巧手”培训3426人次（年计划3200）');
  });

  it('still drafts a return with errors, leaves the blank figure out with a note, and exits 1', async () => {
    const r = await runCli(['summary', 'error.xlsx'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('注：未填或无法读取，未写入摘要：B08普法宣传活动场次');
    expect(r.stderr).toMatch(/^fulian-returns: error\.xlsx 有 1 个错误，摘要中的数字可能不准确/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line for bad arguments and unreadable files', async () => {
    writeFileSync(join(dir, 'notes.xlsx'), '填报单位,报告期\n');
    for (const argv of [
      ['summary'],
      ['summary', 'q4.xlsx', 'error.xlsx'],
      ['summary', 'q4.xlsx', '--format', 'docx'],
      ['summary', 'missing.xlsx'],
      ['summary', 'notes.xlsx'],
      ['summary', 'q4.xlsx', '--template', 'missing.json'],
    ]) {
      const r = await runCli(argv, { cwd: dir });
      expect([argv.join(' '), r.code]).toEqual([argv.join(' '), 2]);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const bad = await runCli(['summary', 'q4.xlsx', '--format', 'docx'], { cwd: dir });
    expect(bad.stderr).toContain('--format 只能是 text、md 或 json，而不是「docx」');
  });

  it('has --help in both languages', async () => {
    const zh = await runCli(['summary', '--help'], { cwd: dir });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('用法：fulian-returns summary 文件 [--format text|md|json]');
    const en = await runCli(['summary', '--help', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toContain('Usage: fulian-returns summary FILE');
    const top = await runCli(['--help'], { cwd: dir });
    expect(top.stdout).toContain('summary');
  });
});
