/*
 * `merge` and template versions (spec section 6: "returns of different … template versions are refused (exit 2, naming
 * the odd ones)"): each return's 封面 stamp (模板版本) is compared with the template in force; stamp-less returns are
 * taken as the template in force; the roll-up carries the common version.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from '../../src/engine/cell';
import { checkReturn } from '../../src/engine/check';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { buildFilledReturn } from '../../src/engine/testing';
import { parseTemplateJson, standardTemplate } from '../../src/engine/template/load';
import type { Template } from '../../src/engine/template/schema';
import type { WorkbookView } from '../../src/engine/workbook';
import { readXlsx } from '../../src/xlsx';
import { cleanReturn, rowOf, runCli, tempDir, writeReturn } from './helpers';

const tpl = standardTemplate();
const COVER = tpl.sheets.cover;
let dir: string;
let cleanup: () => void;
let v2: Template;
const V2_FILE = 'v2.json';

async function load(path: string): Promise<WorkbookView> {
  return (await readXlsx(new Uint8Array(readFileSync(path)))).view;
}

/** The stamp value typed on a return's cover (column B of the 模板版本 row). */
function stampCell(view: WorkbookView): unknown {
  return view.sheet(COVER)!.cell(rowOf(view, COVER, '模板版本'), 2).value;
}

function restamp(wb: MemoryWorkbook, value: string): MemoryWorkbook {
  wb.sheet(COVER)!.set(rowOf(wb, COVER, '模板版本'), 2, { value: text(value) });
  return wb;
}

const merge = (args: string[]) => runCli(['merge', ...args], { cwd: dir });

/** stderr is one line naming exactly `odd` among `all`. */
function expectNames(stderr: string, odd: readonly string[], all: readonly string[]): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  for (const f of all) expect(stderr.includes(f)).toBe(odd.includes(f));
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('fulian-merge-versions-'));
  // The same template data under another version, as a federation would ship it.
  const json = JSON.parse(readFileSync(join(__dirname, '../../src/templates/fulian-quarterly.json'), 'utf8'));
  json.version = '2026.9';
  writeFileSync(join(dir, V2_FILE), JSON.stringify(json));
  const r = parseTemplateJson(JSON.stringify(json));
  if (!r.ok) throw new Error(r.error);
  v2 = r.template;

  await writeReturn(join(dir, 'a.xlsx'), cleanReturn({ seed: 21, unit: '甲县妇联' }));
  await writeReturn(join(dir, 'c.xlsx'), cleanReturn({ seed: 23, unit: '丙县妇联' }));
  // Clean returns of version 2026.9: checked against 2026.1 they have no finding at all, only their stamp differs.
  await writeReturn(join(dir, 'b2.xlsx'), buildFilledReturn(v2, { quarter: 3, seed: 22, unit: '乙县妇联' }));
  await writeReturn(join(dir, 'd2.xlsx'), buildFilledReturn(v2, { quarter: 3, seed: 24, unit: '丁县妇联' }));
  // A return made before stamps existed.
  await writeReturn(join(dir, 'old.xlsx'), buildFilledReturn(tpl, { quarter: 3, seed: 25, unit: '戊县妇联', stamp: false }));
  // Stamps of a later version and of another template.
  await writeReturn(join(dir, 'e.xlsx'), restamp(cleanReturn({ seed: 26, unit: '己县妇联' }), 'fulian-quarterly 2027.1'));
  await writeReturn(join(dir, 'f.xlsx'), restamp(cleanReturn({ seed: 27, unit: '庚县妇联' }), 'other-returns 2026.1'));
});

afterAll(() => cleanup());

describe('merge and template versions', () => {
  it('new --template writes the stamp of that template on the cover', async () => {
    const res = await runCli(['new', '--unit', '乙县妇联', '--period', '2026Q3', '-o', 'b-new.xlsx', '--template', V2_FILE], { cwd: dir });
    expect(res.code).toBe(0);
    const view = await load(join(dir, 'b-new.xlsx'));
    expect(stampCell(view)).toEqual(text('fulian-quarterly 2026.9'));
    expect(checkReturn(view, tpl).stamp).toEqual({ id: 'fulian-quarterly', version: '2026.9' });
  });

  it('a return made with a 2026.9 template and a normal return: exit 2, one line naming the odd file', async () => {
    const res = await merge(['a.xlsx', 'b-new.xlsx', '-o', 'out-new.xlsx']);
    expect(res.code).toBe(2); // refused for its version, before its blank cells could make it exit 1
    expect(res.stderr).toContain('模板版本不一致');
    expect(res.stderr).toContain('b-new.xlsx（fulian-quarterly 2026.9）');
    expect(res.stderr).toContain('fulian-quarterly 2026.1');
    expectNames(res.stderr, ['b-new.xlsx'], ['a.xlsx', 'b-new.xlsx']);
    expect(existsSync(join(dir, 'out-new.xlsx'))).toBe(false);
    expect(res.stdout).toBe('');
  });

  it('refuses a clean return of another version even though its numbers check clean', async () => {
    const res = await merge(['a.xlsx', 'b2.xlsx', 'c.xlsx', '-o', 'out-b2.xlsx']);
    expect(res.code).toBe(2);
    expectNames(res.stderr, ['b2.xlsx'], ['a.xlsx', 'b2.xlsx', 'c.xlsx']);
    expect(existsSync(join(dir, 'out-b2.xlsx'))).toBe(false);
  });

  it('the stamps cross the worker threads: the same refusal on two threads', async () => {
    const res = await runCli(['merge', 'a.xlsx', 'b2.xlsx', 'c.xlsx', 'old.xlsx', '-o', 'out-workers.xlsx'], {
      cwd: dir,
      env: { FULIAN_RETURNS_JOBS: '2' },
    });
    expect(res.code).toBe(2);
    expectNames(res.stderr, ['b2.xlsx'], ['a.xlsx', 'b2.xlsx', 'c.xlsx', 'old.xlsx']);
  }, 60_000);

  it('compares with the template in force (--template), not with the majority', async () => {
    const res = await merge(['a.xlsx', 'b2.xlsx', 'c.xlsx', '-o', 'out-v2-odd.xlsx', '--template', V2_FILE]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('fulian-quarterly 2026.9');
    expectNames(res.stderr, ['a.xlsx', 'c.xlsx'], ['a.xlsx', 'b2.xlsx', 'c.xlsx']);
  });

  it('stamps that disagree with one another: every odd one named on the one line, with what it says', async () => {
    const res = await merge(['a.xlsx', 'e.xlsx', 'b2.xlsx', 'f.xlsx', '-o', 'out-mixed.xlsx']);
    expect(res.code).toBe(2);
    expectNames(res.stderr, ['e.xlsx', 'b2.xlsx', 'f.xlsx'], ['a.xlsx', 'e.xlsx', 'b2.xlsx', 'f.xlsx']);
    for (const why of ['fulian-quarterly 2027.1', 'fulian-quarterly 2026.9', 'other-returns 2026.1']) expect(res.stderr).toContain(why);
  });

  it('says so in English on request', async () => {
    const res = await merge(['a.xlsx', 'b2.xlsx', '-o', 'out-en.xlsx', '--lang', 'en']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('template version');
    expect(res.stderr).toContain('b2.xlsx (fulian-quarterly 2026.9)');
    expectNames(res.stderr, ['b2.xlsx'], ['a.xlsx', 'b2.xlsx']);
  });

  it('returns of the same version still merge, and the roll-up carries that version', async () => {
    const res = await merge(['a.xlsx', 'c.xlsx', '-o', 'out-same.xlsx']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const view = await load(join(dir, 'out-same.xlsx'));
    expect(stampCell(view)).toEqual(text('fulian-quarterly 2026.1'));

    const res2 = await merge(['b2.xlsx', 'd2.xlsx', '-o', 'out-same-v2.xlsx', '--template', V2_FILE]);
    expect(res2.stderr).toBe('');
    expect(res2.code).toBe(0);
    const view2 = await load(join(dir, 'out-same-v2.xlsx'));
    expect(stampCell(view2)).toEqual(text('fulian-quarterly 2026.9'));
    expect(checkReturn(view2, v2).stamp).toEqual({ id: 'fulian-quarterly', version: '2026.9' });
  });

  it('a return without a stamp is taken as the template in force', async () => {
    const res = await merge(['a.xlsx', 'old.xlsx', '-o', 'out-old.xlsx']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(stampCell(await load(join(dir, 'out-old.xlsx')))).toEqual(text('fulian-quarterly 2026.1'));

    const res2 = await merge(['old.xlsx', 'b2.xlsx', '-o', 'out-old-v2.xlsx', '--template', V2_FILE]);
    expect(res2.stderr).toBe('');
    expect(res2.code).toBe(0);
    expect(stampCell(await load(join(dir, 'out-old-v2.xlsx')))).toEqual(text('fulian-quarterly 2026.9'));
  });

  it("the roll-up's stamp raises no finding: its cover wants only the reviewer's own fields (填报日期 is the day of the merge)", async () => {
    const view = await load(join(dir, 'out-same.xlsx'));
    const report = checkReturn(view, tpl);
    const cover = report.issues.filter((i) => i.sheet === COVER);
    expect(cover.map((i) => i.cell)).not.toContain(`B${rowOf(view, COVER, '模板版本')}`);
    expect(cover.map((i) => `${i.rule} ${i.rule === 'cover-field-missing' ? i.params.label : ''}`).sort()).toEqual(
      ['填报人', '审核人', '联系电话'].map((l) => `cover-field-missing ${l}`).sort(),
    );
  });
});
