import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

/** Exactly one line on stderr, nothing on stdout, a hint to --help, never a stack trace. */
function expectUsageError(r: { code: number; stdout: string; stderr: string }, hint = '--help'): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^fulian-returns: [^\n]+\n$/);
  expect(r.stderr).toContain(hint);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('help and version', () => {
  it('prints the top-level help listing every command', async () => {
    for (const argv of [['--help'], ['-h']]) {
      const r = await runCli(argv);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toContain('用法：fulian-returns <命令> [选项]');
      for (const c of ['check', 'fill', 'new', 'template']) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
    }
  });

  it.each(['check', 'fill', 'new', 'template'])('%s --help prints that command’s usage in Chinese, or English', async (c) => {
    const zh = await runCli([c, '--help']);
    expect(zh).toMatchObject({ code: 0, stderr: '' });
    expect(zh.stdout).toMatch(new RegExp(`^用法：fulian-returns ${c}`));
    expect(zh.stdout).toContain('退出码');
    const en = await runCli([c, '-h', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(new RegExp(`^Usage: fulian-returns ${c}`));
    expect(en.stdout).toContain('Exit codes');
  });

  it('help wins over missing arguments and does not touch files', async () => {
    const r = await runCli(['new', '--help']);
    expect(r.code).toBe(0);
  });

  it('prints the package version', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect((await runCli(['-v'])).stdout).toBe(`${pkg.version}\n`);
  });

  it('takes --lang before the command too', async () => {
    const r = await runCli(['--lang', 'en', '--help']);
    expect(r.stdout).toContain('Usage: fulian-returns <command> [options]');
  });
});

describe('bad arguments exit 2 with one line and a hint', () => {
  it.each([
    [[], '缺少命令'],
    [['lint'], '未知命令「lint」'],
    [['--frobnicate'], '未知选项 --frobnicate'],
    [['check', '--frobnicate', 'a.xlsx'], '未知选项 --frobnicate'],
    [['check'], '缺少要检查的文件或文件夹'],
    [['check', 'a.xlsx', '--lang', 'fr'], '--lang 只能是 zh-CN 或 en'],
    [['check', 'a.xlsx', '--template'], '选项 --template 缺少取值'],
    [['check', 'a.xlsx', '--json=1'], '选项 --json 不接受取值'],
    [['fill'], '缺少要填写的文件'],
    [['fill', 'a.xlsx', 'b.xlsx'], '多余的参数「b.xlsx」'],
    [['fill', 'a.xlsx', '-o'], '选项 -o 缺少取值'],
    [['new', '--period', '2026Q3', '-o', 'x.xlsx'], '缺少必需的选项 --unit'],
    [['new', '--unit', 'X', '-o', 'x.xlsx'], '缺少必需的选项 --period'],
    [['new', '--unit', 'X', '--period', '2026Q3'], '缺少必需的选项 -o'],
    [['template', 'extra'], '多余的参数「extra」'],
  ])('%j → %s', async (argv, message) => {
    const r = await runCli(argv);
    expectUsageError(r);
    expect(r.stderr).toContain(message);
  });

  it('points at the command’s own help', async () => {
    expect((await runCli(['check', '--nope'])).stderr).toContain('运行 fulian-returns check --help 查看用法');
    expect((await runCli(['nope'])).stderr).toContain('运行 fulian-returns --help 查看用法');
  });

  it('complains in English with --lang en', async () => {
    const r = await runCli(['check', '--nope', '--lang', 'en']);
    expectUsageError(r);
    expect(r.stderr).toBe('fulian-returns: unknown option --nope (run fulian-returns check --help for usage)\n');
  });
});
