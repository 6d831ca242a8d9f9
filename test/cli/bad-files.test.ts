import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  absurdSizeZip,
  cleanReturn,
  emptyWorkbookBytes,
  encryptedBytes,
  runCli,
  tempDir,
  textFileBytes,
  truncate,
  viewToXlsx,
} from './helpers';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const good = await viewToXlsx(cleanReturn());
  writeFileSync(join(dir, 'renamed.xlsx'), textFileBytes());
  writeFileSync(join(dir, 'truncated.xlsx'), truncate(good, 0.6));
  writeFileSync(join(dir, 'encrypted.xlsx'), encryptedBytes());
  writeFileSync(join(dir, 'zero-bytes.xlsx'), new Uint8Array(0));
  writeFileSync(join(dir, 'no-sheets.xlsx'), await emptyWorkbookBytes());
  writeFileSync(join(dir, 'bomb.xlsx'), absurdSizeZip());
  mkdirSync(join(dir, 'folder.xlsx'));
});

afterAll(() => cleanup());

/** One clear line on stderr, exit 2, no stack trace. */
function expectOneLine(r: { code: number; stderr: string }, file: string, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^fulian-returns: [^\n]+\n$/);
  expect(r.stderr.startsWith(`fulian-returns: ${file}: `)).toBe(true);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+|Error:|undefined/);
}

describe('a file that cannot be read: exit 2, one clear line', () => {
  it.each([
    ['missing.xlsx', /找不到该文件/],
    ['renamed.xlsx', /CSV\/文本文件.*另存为 \.xlsx/],
    ['truncated.xlsx', /不完整或已损坏/],
    ['encrypted.xlsx', /已加密/],
    ['zero-bytes.xlsx', /空|不是 \.xlsx/],
    ['no-sheets.xlsx', /空/],
    ['bomb.xlsx', /过大|损坏/],
    ['folder.xlsx', /文件夹里没有报表文件/],
  ])('check %s', async (file, pattern) => {
    const r = await runCli(['check', file], { cwd: dir });
    expectOneLine(r, file, pattern);
    const j = await runCli(['check', file, '--json'], { cwd: dir });
    expect(j.code).toBe(2);
    const arr = JSON.parse(j.stdout) as { file: string; error: string }[];
    expect(arr).toEqual([{ file, error: expect.stringMatching(pattern) }]);
  });

  it('in English too', async () => {
    const r = await runCli(['check', 'encrypted.xlsx', '--lang', 'en'], { cwd: dir });
    expectOneLine(r, 'encrypted.xlsx', /encrypted/);
  });

  it('fill refuses the same files and leaves them as they were', async () => {
    for (const file of ['renamed.xlsx', 'truncated.xlsx', 'encrypted.xlsx', 'bomb.xlsx']) {
      const before = readFileSync(join(dir, file));
      const r = await runCli(['fill', file], { cwd: dir });
      expectOneLine(r, file, /./);
      expect(readFileSync(join(dir, file)).equals(before)).toBe(true);
    }
    expectOneLine(await runCli(['fill', 'missing.xlsx', '-o', 'out.xlsx'], { cwd: dir }), 'missing.xlsx', /找不到/);
  });
});
