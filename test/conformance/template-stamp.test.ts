/*
 * The template stamp on 封面 (模板版本 · `<id> <version>`) next to the CLI contract (spec section 5): `new` writes it,
 * `check` reports nothing about it, and `check --json` keeps its shape, `template` being the template in force.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsx } from '../../src/xlsx';
import { runCli, tempDir } from '../cli/helpers';
import { tpl } from './helpers';

const { dir, cleanup } = tempDir('fulian-conf-stamp-');
afterAll(cleanup);
const at = (name: string): string => join(dir, name);

const ENTRY_KEYS = ['completeness', 'counts', 'file', 'findings', 'period', 'template', 'unit'];

type Entry = { template: unknown; findings: { sheet: string; cell: string | null; rule: string }[] } & Record<string, unknown>;

/** The 封面 row holding the stamp label in a written file. */
async function stampRow(file: string): Promise<{ row: number; value: unknown }> {
  const { view } = await readXlsx(new Uint8Array(readFileSync(file)));
  const s = view.sheet(tpl.sheets.cover)!;
  for (let r = 1; r <= s.rowCount; r++) {
    const v = s.cell(r, 1).value;
    if (v.kind === 'text' && v.value === '模板版本') return { row: r, value: s.cell(r, 2).value };
  }
  throw new Error('no stamp row');
}

beforeAll(() => {
  const json = JSON.parse(readFileSync(join(__dirname, '../../src/templates/fulian-quarterly.json'), 'utf8'));
  json.version = '2026.9';
  writeFileSync(at('v2.json'), JSON.stringify(json));
});

describe('the template stamp and the CLI contract', () => {
  it('new writes the stamp as the last cover row; check reports nothing about it', async () => {
    expect((await runCli(['new', '--unit', '某县妇联', '--period', '2026Q3', '-o', at('new.xlsx')])).code).toBe(0);
    const { row, value } = await stampRow(at('new.xlsx'));
    expect(row).toBe(tpl.cover.fields.length + 2);
    expect(value).toEqual({ kind: 'text', value: 'fulian-quarterly 2026.1' });

    const r = await runCli(['check', at('new.xlsx'), '--json']);
    expect(r.code).toBe(1); // a blank return: its numbers are missing
    const [e] = JSON.parse(r.stdout) as Entry[];
    const cover = e!.findings.filter((f) => f.sheet === tpl.sheets.cover);
    expect(cover.map((f) => f.cell)).not.toContain(`B${row}`);
    expect(cover.map((f) => f.cell)).not.toContain(`A${row}`);
    expect(new Set(cover.map((f) => f.rule))).toEqual(new Set(['cover-field-missing']));
    expect(cover).toHaveLength(4); // 填报人, 审核人, 联系电话, 填报日期
  });

  it('check --json keeps its keys; template is the one the return carries (new --template embeds it), or --template', async () => {
    expect((await runCli(['new', '--unit', '某县妇联', '--period', '2026Q3', '-o', at('new-v2.xlsx'), '--template', at('v2.json')])).code).toBe(0);
    expect((await stampRow(at('new-v2.xlsx'))).value).toEqual({ kind: 'text', value: 'fulian-quarterly 2026.9' });

    const asDefault = JSON.parse((await runCli(['check', at('new-v2.xlsx'), '--json'])).stdout) as Entry[];
    expect(Object.keys(asDefault[0]!).sort()).toEqual(ENTRY_KEYS);
    expect(asDefault[0]!.template).toEqual({ id: 'fulian-quarterly', version: '2026.9' });

    const asV2 = JSON.parse((await runCli(['check', at('new-v2.xlsx'), '--json', '--template', at('v2.json')])).stdout) as Entry[];
    expect(Object.keys(asV2[0]!).sort()).toEqual(ENTRY_KEYS);
    expect(asV2[0]!.template).toEqual({ id: 'fulian-quarterly', version: '2026.9' });
    // The same findings either way: the stamp is no finding, matching or not.
    expect(asV2[0]!.findings).toEqual(asDefault[0]!.findings);
  });
});
