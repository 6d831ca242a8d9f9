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

describe('first steps at the prompt', () => {
  it('no arguments prints the usage on stdout and one line on stderr, exit 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('用法：fulian-returns <命令> [选项]');
    expect(r.stdout).toMatch(/^  check\s/m);
    expect(r.stderr).toBe('fulian-returns: 缺少命令（运行 fulian-returns --help 查看用法）\n');
  });

  it.each([
    ['chek', 'check'],
    ['chcek', 'check'],
    ['fil', 'fill'],
    ['CHECK', 'check'],
    ['summry', 'summary'],
  ])('a mistyped command %s suggests %s', async (typed, meant) => {
    const r = await runCli([typed, 'a.xlsx']);
    expectUsageError(r);
    expect(r.stderr).toBe(`fulian-returns: 未知命令「${typed}」，是否想用 ${meant}？（运行 fulian-returns --help 查看用法）\n`);
  });

  it('suggests nothing for a word far from every command', async () => {
    const r = await runCli(['lint']);
    expect(r.stderr).toBe('fulian-returns: 未知命令「lint」（运行 fulian-returns --help 查看用法）\n');
  });

  it('says "did you mean" in English', async () => {
    const r = await runCli(['chek', '--lang', 'en']);
    expect(r.stderr).toBe('fulian-returns: unknown command "chek"; did you mean check? (run fulian-returns --help for usage)\n');
  });

  it.each([
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'en' }, 'en'],
    [{ LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en'],
    [{ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'zh-CN'],
    [{ LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en'],
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'C.UTF-8' }, 'zh-CN'],
    [{ LANG: 'eng' }, 'zh-CN'],
    [{}, 'zh-CN'],
  ])('follows the locale %j → %s', async (env, lang) => {
    const r = await runCli(['--help'], { env });
    expect(r.stdout).toContain(lang === 'en' ? 'Usage: fulian-returns <command>' : '用法：fulian-returns <命令>');
  });

  it('--lang wins over the locale, both ways', async () => {
    expect((await runCli(['--help', '--lang', 'zh-CN'], { env: { LANG: 'en_US.UTF-8' } })).stdout).toContain('用法：');
    expect((await runCli(['nope', '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } })).stderr).toContain('unknown command');
    const r = await runCli(['nope'], { env: { LANG: 'en_US.UTF-8' } });
    expect(r.stderr).toBe('fulian-returns: unknown command "nope" (run fulian-returns --help for usage)\n');
  });
});
