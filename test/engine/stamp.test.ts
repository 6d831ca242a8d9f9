/*
 * The template stamp (封面 row `模板版本`, value `<id> <version>`): written by the blank, filled and roll-up builders,
 * read by checkReturn into report.stamp by its label, never a finding, absent in older returns.
 */
import { num, text, type Cell } from '../../src/engine/cell';
import { checkReturn } from '../../src/engine/check';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { Rollup } from '../../src/engine/rollup';
import { buildBlankReturn } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { parseTemplate, parseTemplateJson, standardTemplate } from '../../src/engine/template/load';
import type { Template } from '../../src/engine/template/schema';
import { readStamp, stampText } from '../../src/engine/validate/cover';

const tpl = standardTemplate();
const COVER = tpl.sheets.cover;

function withVersion(version: string, change?: (t: Record<string, unknown> & { cover: Record<string, unknown> }) => void): Template {
  const data = JSON.parse(JSON.stringify(tpl));
  data.version = version;
  change?.(data);
  const r = parseTemplateJson(JSON.stringify(data));
  if (!r.ok) throw new Error(r.error);
  return r.template;
}

/** Rows of column A on the cover that read `label`. */
function labelRows(wb: MemoryWorkbook, label: string): number[] {
  const s = wb.sheet(COVER)!;
  const out: number[] = [];
  for (let r = 1; r <= s.rowCount; r++) {
    const v = s.cell(r, 1).value;
    if (v.kind === 'text' && v.value === label) out.push(r);
  }
  return out;
}

const cell = (v: Cell['value']): Cell => ({ value: v });

describe('the template stamp', () => {
  it('the standard template names the label 模板版本 in its data', () => {
    expect(tpl.cover.stampLabel).toBe('模板版本');
    expect(stampText(tpl)).toBe('fulian-quarterly 2026.1');
  });

  it('a blank return ends its cover with the stamp row, text in column B', () => {
    const wb = buildBlankReturn(tpl, { unit: '甲县妇联', period: '2026Q3' });
    const s = wb.sheet(COVER)!;
    const last = tpl.cover.fields.length + 2;
    expect(s.rowCount).toBe(last);
    expect(s.cell(last, 1).value).toEqual(text('模板版本'));
    expect(s.cell(last, 2).value).toEqual(text('fulian-quarterly 2026.1'));
    // The fields keep their rows: the stamp comes after the last one.
    expect(s.cell(last - 1, 1).value).toEqual(text(tpl.cover.fields[tpl.cover.fields.length - 1]!.label));
  });

  it('checkReturn reads it into the report; report.template stays the template in force', () => {
    const v2 = withVersion('2026.2');
    const wb = buildFilledReturn(v2, { quarter: 3, seed: 5 });
    expect(checkReturn(wb, v2).stamp).toEqual({ id: 'fulian-quarterly', version: '2026.2' });
    const r = checkReturn(wb, tpl);
    expect(r.stamp).toEqual({ id: 'fulian-quarterly', version: '2026.2' });
    expect(r.template).toEqual({ id: 'fulian-quarterly', version: '2026.1' });
    // Same data, other version: the check itself has nothing to say (merge is where versions are compared).
    expect(r.issues).toEqual([]);
  });

  it('is never a finding: a clean return stays clean, a blank return has no finding on the stamp row', () => {
    for (const quarter of [1, 4] as const) expect(checkReturn(buildFilledReturn(tpl, { quarter, seed: 9 }), tpl).issues).toEqual([]);
    const blank = buildBlankReturn(tpl, { unit: '甲县妇联', period: '2026Q3' });
    const stampRow = labelRows(blank, '模板版本')[0]!;
    const issues = checkReturn(blank, tpl).issues;
    expect(issues.length).toBeGreaterThan(0); // a blank return lacks its numbers, so the check does look at it
    expect(issues.filter((i) => i.sheet === COVER && i.cell === `B${stampRow}`)).toEqual([]);
    // The cover's findings are the blank fields' only: 填报人, 审核人, 联系电话, 填报日期.
    const cover = issues.filter((i) => i.sheet === COVER);
    expect(cover.map((i) => i.rule)).toEqual(Array(4).fill('cover-field-missing'));
    expect(cover.map((i) => (i.rule === 'cover-field-missing' ? i.params.label : i.rule)).sort()).toEqual(['填报人', '填报日期', '审核人', '联系电话'].sort());
  });

  it('an old return without the row, or with the row blank, has no stamp and no finding for it', () => {
    const old = buildFilledReturn(tpl, { quarter: 2, seed: 4, stamp: false });
    expect(labelRows(old, '模板版本')).toEqual([]);
    const r = checkReturn(old, tpl);
    expect(r.stamp).toBeNull();
    expect(r.issues).toEqual([]);

    const blanked = buildFilledReturn(tpl, { quarter: 2, seed: 4 });
    blanked.sheet(COVER)!.set(labelRows(blanked, '模板版本')[0]!, 2, cell({ kind: 'blank' }));
    expect(checkReturn(blanked, tpl).stamp).toBeNull();
    expect(checkReturn(blanked, tpl).issues).toEqual([]);

    expect(buildBlankReturn(tpl, { unit: '甲', period: '2026Q1', stamp: false }).sheet(COVER)!.rowCount).toBe(tpl.cover.fields.length + 1);
  });

  it('is found by its label wherever the row sits, like the other cover labels', () => {
    const wb = buildFilledReturn(tpl, { quarter: 3, seed: 2, stamp: false });
    const s = wb.sheet(COVER)!;
    s.set(20, 1, cell(text(' 模板版本： ')));
    s.set(20, 2, cell(text('fulian-quarterly 2026.3')));
    const r = checkReturn(wb, tpl);
    expect(r.stamp).toEqual({ id: 'fulian-quarterly', version: '2026.3' });
    expect(r.issues).toEqual([]);
  });

  it('an odd stamp value is read as typed (so merge can name it) and still raises no finding', () => {
    const wb = buildFilledReturn(tpl, { quarter: 3, seed: 2 });
    const row = labelRows(wb, '模板版本')[0]!;
    wb.sheet(COVER)!.set(row, 2, cell(num(2026.2)));
    const r = checkReturn(wb, tpl);
    expect(r.stamp).toEqual({ id: '2026.2', version: '' });
    expect(r.issues).toEqual([]);
  });

  it('readStamp: last word is the version, the words before it the id', () => {
    expect(readStamp(cell(text('fulian-quarterly 2026.1')))).toEqual({ id: 'fulian-quarterly', version: '2026.1' });
    expect(readStamp(cell(text('  某市 妇联 模板\u30002027.1 ')))).toEqual({ id: '某市 妇联 模板', version: '2027.1' });
    expect(readStamp(cell(text('fulian-quarterly')))).toEqual({ id: 'fulian-quarterly', version: '' });
    expect(readStamp(cell(text('   ')))).toBeNull();
    expect(readStamp(cell({ kind: 'blank' }))).toBeNull();
  });

  it('a template without a stamp label writes and reads no stamp', () => {
    const plain = withVersion('2026.1', (t) => delete t.cover['stampLabel']);
    expect(plain.cover.stampLabel).toBeUndefined();
    const wb = buildFilledReturn(plain, { quarter: 3, seed: 1 });
    expect(labelRows(wb, '模板版本')).toEqual([]);
    expect(wb.sheet(COVER)!.rowCount).toBe(plain.cover.fields.length + 1);
    // A stamped return checked against it: no stamp read, no finding.
    const r = checkReturn(buildFilledReturn(tpl, { quarter: 3, seed: 1 }), plain);
    expect(r.stamp).toBeNull();
    expect(r.issues).toEqual([]);
  });

  it('the schema refuses a stamp label that is also a cover field label', () => {
    const data = JSON.parse(JSON.stringify(tpl));
    data.cover.stampLabel = '报告期';
    const r = parseTemplate(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.some((i) => i.path.join('.') === 'cover.stampLabel')).toBe(true);
  });

  it('the roll-up carries the stamp of the template it sums under', () => {
    const v2 = withVersion('2026.2');
    const book = new Rollup(v2).build({ unit: '某市妇联汇总', period: '2026Q3', units: [], twoPlan: null });
    const row = labelRows(book, '模板版本')[0]!;
    expect(book.sheet(COVER)!.cell(row, 2).value).toEqual(text('fulian-quarterly 2026.2'));
    expect(checkReturn(book, v2).stamp).toEqual({ id: 'fulian-quarterly', version: '2026.2' });
  });
});
