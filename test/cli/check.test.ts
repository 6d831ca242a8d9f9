import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blank, text } from '../../src/engine/cell';
import { standardTemplate } from '../../src/engine/template/load';
import { a1 } from '../../src/engine/address';
import { cleanReturn, colOf, rowOf, runCli, tempDir, textFileBytes, writeReturn } from './helpers';

const tpl = standardTemplate();
let dir: string;
let cleanup: () => void;
let errorCell: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await writeReturn(join(dir, 'clean.xlsx'), cleanReturn({ seed: 1 }));

  // An error: A01's 第一季度 left blank.
  const withError = cleanReturn({ seed: 2 });
  const row = rowOf(withError, '创业就业', 'A01');
  const col = colOf(withError, '创业就业', tpl.dataColumns.quarters[0]);
  withError.sheet('创业就业')!.set(row, col, { value: blank() });
  errorCell = a1(row, col);
  await writeReturn(join(dir, 'error.xlsx'), withError);

  // Warnings only: 审核人 blank, and a value typed as 「N余」 (still counts as N).
  const withWarnings = cleanReturn({ seed: 3 });
  const cover = withWarnings.sheet(tpl.sheets.cover)!;
  cover.set(rowOf(withWarnings, tpl.sheets.cover, '审核人'), 2, { value: blank() });
  const s = withWarnings.sheet('创业就业')!;
  const r3 = rowOf(withWarnings, '创业就业', 'A03');
  const c1 = colOf(withWarnings, '创业就业', tpl.dataColumns.quarters[0]);
  const v = s.cell(r3, c1).value;
  if (v.kind !== 'number') throw new Error('expected a number');
  s.set(r3, c1, { value: text(`${v.value}余`) });
  await writeReturn(join(dir, 'warnings.xlsx'), withWarnings);
});

afterAll(() => cleanup());

describe('check', () => {
  it('exits 0 on a clean return and says so', async () => {
    const r = await runCli(['check', 'clean.xlsx'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('clean.xlsx');
    expect(r.stdout).toContain('完整率 100%');
    expect(r.stdout).toMatch(/✔ 未发现问题（1 个文件）\n$/);
    expect(r.code).toBe(0);
  });

  it('exits 1 with an error finding pointing at its cell', async () => {
    const r = await runCli(['check', 'error.xlsx'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`创业就业!${errorCell}\\s+错误\\s+.*required-missing`));
    expect(r.stdout).toMatch(/✖ \d+ 个问题（[1-9]\d* 个错误，\d+ 个警告）\n$/);
  });

  it('exits 0 with warnings only', async () => {
    const r = await runCli(['check', 'warnings.xlsx', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const [entry] = JSON.parse(r.stdout) as { counts: Record<string, number>; findings: { rule: string }[] }[];
    expect(entry!.counts.error).toBe(0);
    expect(entry!.findings.map((f) => f.rule).sort()).toEqual(['approximate-value', 'cover-field-missing']);
  });

  it('--json prints exactly one array with every key of the contract', async () => {
    const r = await runCli(['check', '--json', 'clean.xlsx', 'error.xlsx'], { cwd: dir });
    expect(r.code).toBe(1);
    const arr = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(arr).toHaveLength(2);
    for (const e of arr) {
      expect(Object.keys(e)).toEqual(['file', 'template', 'unit', 'period', 'completeness', 'counts', 'findings']);
      expect(e['template']).toEqual({ id: tpl.id, version: tpl.version });
      expect(e['unit']).toBe('示例县妇联');
      expect(e['period']).toBe('2026Q3');
      const comp = e['completeness'] as { overall: number; sheets: Record<string, number> };
      expect(Object.keys(comp)).toEqual(['overall', 'sheets']);
      for (const s of tpl.sheets.data) expect(typeof comp.sheets[s.name]).toBe('number');
      const counts = e['counts'] as Record<string, number>;
      expect(Object.keys(counts)).toEqual(['error', 'warning', 'info']);
      const findings = e['findings'] as Record<string, unknown>[];
      for (const sev of ['error', 'warning', 'info']) {
        expect(findings.filter((f) => f['severity'] === sev)).toHaveLength(counts[sev]!);
      }
      for (const f of findings) expect(Object.keys(f)).toEqual(['rule', 'severity', 'sheet', 'cell', 'indicator', 'message']);
    }
    expect(arr[0]!['file']).toBe('clean.xlsx');
    expect((arr[0]!['completeness'] as { overall: number }).overall).toBe(1);
    const err = (arr[1]!['findings'] as Record<string, unknown>[]).find((f) => f['cell'] === errorCell);
    expect(err).toMatchObject({ rule: 'required-missing', severity: 'error', sheet: '创业就业', indicator: 'A01' });
    expect(String(err!['message'])).toMatch(/[\u4e00-\u9fff]/);
    expect((arr[1]!['completeness'] as { overall: number }).overall).toBeLessThan(1);
  });

  it('--lang en switches messages and the report to English', async () => {
    const r = await runCli(['check', 'error.xlsx', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`创业就业!${errorCell}\\s+error\\s+A01`));
    expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)\n$/);
    const j = JSON.parse((await runCli(['check', 'error.xlsx', '--lang', 'en', '--json'], { cwd: dir })).stdout) as {
      findings: { cell: string; message: string }[];
    }[];
    const msg = j[0]!.findings.find((f) => f.cell === errorCell)!.message;
    expect(msg).toMatch(/blank/i);
  });

  it('checks a folder: sorted, not recursive, lock files skipped, other files named; a damaged file gets its own entry', async () => {
    const { dir: folder, cleanup: done } = tempDir();
    try {
      writeFileSync(join(folder, 'b-broken.xlsx'), textFileBytes());
      writeFileSync(join(folder, 'c-error.xlsx'), readFileSync(join(dir, 'error.xlsx')));
      writeFileSync(join(folder, 'a-clean.xlsx'), readFileSync(join(dir, 'clean.xlsx')));
      writeFileSync(join(folder, '~$a-clean.xlsx'), new Uint8Array([1, 2, 3]));
      writeFileSync(join(folder, 'notes.txt'), 'not a return');
      const r = await runCli(['check', folder, '--json']);
      const arr = JSON.parse(r.stdout) as { file: string; error?: string; counts?: { error: number } }[];
      expect(arr.map((e) => e.file)).toEqual(['a-clean.xlsx', 'b-broken.xlsx', 'c-error.xlsx'].map((f) => join(folder, f)));
      expect(Object.keys(arr[1]!)).toEqual(['file', 'error']);
      expect(arr[1]!.error).toMatch(/\.xlsx/);
      expect(arr[0]!.counts!.error).toBe(0);
      expect(arr[2]!.counts!.error).toBeGreaterThan(0);
      expect(r.code).toBe(2);
      // notes.txt is listed as no return (contract section 5: nothing skipped silently); the lock file is not.
      expect(r.stderr).toBe(
        `fulian-returns: ${join(folder, 'notes.txt')}: 不是电子表格文件，不是报表，未读取\n` +
          `fulian-returns: ${join(folder, 'b-broken.xlsx')}: ${arr[1]!.error}\n`,
      );

      const human = await runCli(['check', folder]);
      expect(human.code).toBe(2);
      expect(human.stdout).toMatch(new RegExp(`✖ 1 个文件无法读取：${join(folder, 'b-broken.xlsx').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\n$`));
    } finally {
      done();
    }
  });

  it('colours only on a terminal without NO_COLOR; progress on a terminal stderr for folders', async () => {
    const tty = await runCli(['check', 'error.xlsx'], { cwd: dir, isTTY: true });
    expect(tty.stdout).toContain('\u001b[31m');
    const noColor = await runCli(['check', 'error.xlsx'], { cwd: dir, isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const progress = await runCli(['check', '.'], { cwd: dir, stderrIsTTY: true });
    expect(progress.stderr).toContain('正在检查 1/3');
    // The run ends by saying what it took, over the progress line.
    expect(progress.stderr).toMatch(/\r\u001b\[K已检查 3 个文件，用时 \d+(\.\d)? 秒（每秒 \d+(\.\d)? 个）\n$/);
    const quiet = await runCli(['check', '.'], { cwd: dir });
    expect(quiet.stderr).toBe('');
  });

  it('never writes to its inputs', async () => {
    const before = readFileSync(join(dir, 'error.xlsx'));
    const mtime = statSync(join(dir, 'error.xlsx')).mtimeMs;
    await runCli(['check', 'error.xlsx', '--json'], { cwd: dir });
    expect(readFileSync(join(dir, 'error.xlsx')).equals(before)).toBe(true);
    expect(statSync(join(dir, 'error.xlsx')).mtimeMs).toBe(mtime);
  });

  it('--template loads another template version; a broken one exits 2 with zod’s message on one line', async () => {
    const other = { ...JSON.parse(readFileSync(join(__dirname, '../../src/templates/fulian-quarterly.json'), 'utf8')), version: '2027.1' };
    writeFileSync(join(dir, 'tpl-2027.json'), JSON.stringify(other));
    const r = await runCli(['check', 'clean.xlsx', '--json', '--template', 'tpl-2027.json'], { cwd: dir });
    expect((JSON.parse(r.stdout) as { template: { version: string } }[])[0]!.template.version).toBe('2027.1');

    writeFileSync(join(dir, 'tpl-broken.json'), JSON.stringify({ ...other, indicators: [] }));
    const broken = await runCli(['check', 'clean.xlsx', '--template', 'tpl-broken.json'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^fulian-returns: 模板文件 tpl-broken.json 有误：[^\n]*indicators[^\n]*\n$/);

    writeFileSync(join(dir, 'tpl-syntax.json'), '{ "id": ');
    const syntax = await runCli(['template', '--template', 'tpl-syntax.json'], { cwd: dir });
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^fulian-returns: [^\n]*JSON[^\n]*\n$/);

    const missing = await runCli(['template', '--template', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^fulian-returns: 无法读取模板文件 nope.json[^\n]*\n$/);
  });
});

describe('template', () => {
  it('prints sheets and indicators, or the template JSON', async () => {
    const r = await runCli(['template']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('fulian-quarterly 2026.1');
    for (const i of tpl.indicators) expect(r.stdout).toMatch(new RegExp(`^  ${i.code}\\s+${i.name.replace(/[()]/g, '\\$&')}`, 'm'));
    expect(r.stdout).toContain('= A05 + A06');
    expect(r.stdout).toContain('A07 ÷ A04');
    const j = await runCli(['template', '--json']);
    expect(JSON.parse(j.stdout)).toEqual(tpl);
    const en = await runCli(['template', '--lang', 'en']);
    expect(en.stdout).toContain("Women's Federation quarterly work return");
  });
});
