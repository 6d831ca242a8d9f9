import { join } from 'node:path';
import { num, text } from '../../src/engine/cell';
import { a1 } from '../../src/engine/address';
import { standardTemplate } from '../../src/engine/template/load';
import { cleanReturn, colOf, rowOf, runCli, tempDir, writeReturn } from './helpers';

const tpl = standardTemplate();
let dir: string;
let cleanup: () => void;
let changedCell: string;
let was: number;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-previous-'));
  await writeReturn(join(dir, 'q2.xlsx'), cleanReturn({ quarter: 2, seed: 4 }));
  await writeReturn(join(dir, 'q1.xlsx'), cleanReturn({ quarter: 1, seed: 4 }));
  await writeReturn(join(dir, 'q3-same.xlsx'), cleanReturn({ quarter: 3, seed: 4 }));

  const q3 = cleanReturn({ quarter: 3, seed: 4 });
  const row = rowOf(q3, '关爱救助', 'C13');
  const col = colOf(q3, '关爱救助', tpl.dataColumns.quarters[0]);
  const v = q3.sheet('关爱救助')!.cell(row, col).value;
  if (v.kind !== 'number') throw new Error('expected a number');
  was = v.value;
  q3.sheet('关爱救助')!.set(row, col, { value: num(was + 10) });
  changedCell = a1(row, col);
  await writeReturn(join(dir, 'q3.xlsx'), q3);

  const other = cleanReturn({ quarter: 2, seed: 4 });
  other.sheet(tpl.sheets.cover)!.set(rowOf(other, tpl.sheets.cover, '填报单位'), 2, { value: text('和政县妇联') });
  await writeReturn(join(dir, 'q2-other-unit.xlsx'), other);
});

afterAll(() => cleanup());

describe('fulian-returns check FILE --previous PREV.xlsx', () => {
  it('a Q3 return against its Q2 return with one Q1 figure changed: exactly one revised-earlier-quarter at that cell', async () => {
    const r = await runCli(['check', 'q3.xlsx', '--previous', 'q2.xlsx', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [entry] = JSON.parse(r.stdout) as { findings: { rule: string; sheet: string; cell: string; severity: string; message: string }[] }[];
    const revised = entry!.findings.filter((f) => f.rule === 'revised-earlier-quarter');
    expect(revised).toHaveLength(1);
    expect(revised[0]).toMatchObject({ sheet: '关爱救助', cell: changedCell, severity: 'warning' });
    expect(revised[0]!.message).toContain(`上期 ${was}，本期 ${was + 10}`);
    expect(entry!.findings).toHaveLength(1);
  });

  it('shows it in the table, in English on request; an unchanged return has nothing to report', async () => {
    const r = await runCli(['check', 'q3.xlsx', '--previous', 'q2.xlsx', '--lang', 'en'], { cwd: dir });
    expect(r.stdout).toMatch(new RegExp(`关爱救助!${changedCell}\\s+warning\\s+.*was ${was}, now ${was + 10}.*revised-earlier-quarter`));
    const same = await runCli(['check', 'q3-same.xlsx', '--previous', 'q2.xlsx'], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/✔ 未发现问题/);
  });

  it('exits 2 with one line for another unit', async () => {
    const r = await runCli(['check', 'q3.xlsx', '--previous', 'q2-other-unit.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('fulian-returns: 上期报表的填报单位「和政县妇联」与本期「示例县妇联」不同\n');
  });

  it('exits 2 with one line for a quarter that is not the one before', async () => {
    const r = await runCli(['check', 'q3.xlsx', '--previous', 'q1.xlsx', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('fulian-returns: The previous return is for 2026Q1; expected 2026Q2, the quarter before 2026Q3\n');
  });

  it('exits 2 with one line for a missing previous file, or --previous with several files or a folder', async () => {
    for (const argv of [
      ['check', 'q3.xlsx', '--previous', 'nowhere.xlsx'],
      ['check', 'q3.xlsx', 'q3-same.xlsx', '--previous', 'q2.xlsx'],
      ['check', '.', '--previous', 'q2.xlsx'],
      ['check', 'q3.xlsx', '--previous'],
    ]) {
      const r = await runCli(argv, { cwd: dir });
      expect([argv.join(' '), r.code, r.stdout]).toEqual([argv.join(' '), 2, '']);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('documents --previous in --help', async () => {
    const r = await runCli(['check', '--help'], { cwd: dir });
    expect(r.stdout).toContain('--previous 上期报表');
  });
});
