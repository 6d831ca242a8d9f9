/** What a newcomer meets first at the prompt (#20): each problem said once, folders named as folders, merge's unit. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanReturn, runCli, tempDir, writeReturn } from './helpers';

const { dir, cleanup } = tempDir('fulian-first-run-');
afterAll(cleanup);

beforeAll(async () => {
  await writeReturn(join(dir, 'a.xlsx'), cleanReturn({ seed: 1, unit: '甲县妇联' }));
  mkdirSync(join(dir, 'empty'));
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes', 'readme.txt'), '说明');
});

it('a missing file is reported once: its reason on stderr, its name in the closing line', async () => {
  const r = await runCli(['check', 'missing.xlsx'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('fulian-returns: missing.xlsx: 找不到该文件\n');
  expect(r.stdout).toBe('✖ 1 个文件无法读取：missing.xlsx\n');
});

it('a missing file beside a good one: the good one is checked, the missing one said once', async () => {
  const r = await runCli(['check', 'a.xlsx', 'missing.xlsx'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr.match(/找不到该文件/g)).toHaveLength(1);
  expect(r.stdout.match(/找不到该文件/g)).toBeNull();
  expect(r.stdout).toMatch(/^a\.xlsx  甲县妇联 · 2026Q3 · 完整率 100%  ✔ 未发现问题$/m);
  expect(r.stdout).toMatch(/✔ 未发现问题（1 个文件）\n✖ 1 个文件无法读取：missing\.xlsx\n$/);
});

it('an empty folder is a folder without returns, not an unreadable file', async () => {
  const r = await runCli(['check', 'empty'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('fulian-returns: empty: 文件夹里没有报表文件（.xlsx、.xlsm、.xls、.et、.ods）\n');
  expect(r.stdout).toBe('✖ 1 个文件夹里没有报表文件：empty\n');
  expect(r.stdout).not.toContain('个文件无法读取');
  const en = await runCli(['check', 'empty', '--lang', 'en'], { cwd: dir });
  expect(en.stdout).toBe('✖ 1 folder without any return file: empty\n');
});

it('a folder holding only other files names each of them', async () => {
  const r = await runCli(['check', 'notes'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`${join('notes', 'readme.txt')}: `);
  expect(r.stdout).toBe('✖ 1 个文件夹里没有报表文件：notes\n');
});

it('merge without --unit says which unit it guessed and asks for --unit', async () => {
  const r = await runCli(['merge', 'a.xlsx', '-o', 'rollup.xlsx'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('未给出 --unit，汇总单位暂按第一份报表写作「甲县妇联汇总」：请用 --unit 写上本级单位名称');
  const named = await runCli(['merge', 'a.xlsx', '-o', 'rollup-named.xlsx', '--unit', '某市妇联'], { cwd: dir });
  expect(named.code).toBe(0);
  expect(named.stdout).not.toContain('--unit');
});
