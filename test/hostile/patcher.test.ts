/**
 * #13 items 6 and 8, #12's patcher: fill on packages whose XML or zip is unusual but valid (or damaged), run as the
 * installed command in a child process (exit code, one line, time and peak memory), judged by openpyxl.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnLetters } from '../../src/engine/address';
import { patchXlsx } from '../../src/xlsx';
import { openPackage } from '../../src/xlsx/zip';
import { compiledBin, tempDir } from '../cli/helpers';
import { readWithOpenpyxl, requireOpenpyxl } from '../fixtures/openpyxl';
import { expectBounded, oneLine, runBounded, snapshot } from './helpers';
import { cleanPackage, editParts, editText, sheetPart, type Clean } from './packages';

jest.setTimeout(120_000);

let dir: string;
let cleanup: () => void;
let bin: string;
let clean: Clean;
beforeAll(async () => {
  requireOpenpyxl();
  ({ dir, cleanup } = tempDir('fulian-hostile-patch-'));
  bin = compiledBin(dir);
  clean = await cleanPackage();
});
afterAll(() => cleanup());

/** A tool-owned formula cell of a data sheet, and the user's text cell in column B of the same row. */
function formulaRow(): { sheet: string; row: number; formulaCols: number[] } {
  const w = clean.plan.toolOwned.find((x) => x.formula && x.sheet !== '两纲监测')!;
  const cols = clean.plan.toolOwned.filter((x) => x.sheet === w.sheet && x.row === w.row && x.formula).map((x) => x.col);
  return { sheet: w.sheet, row: w.row, formulaCols: cols };
}

function fillTo(name: string, bytes: Uint8Array): { input: string; out: string; before: Record<string, string>; r: ReturnType<typeof runBounded> } {
  const input = join(dir, `${name}.xlsx`);
  const out = join(dir, `${name}-filled.xlsx`);
  writeFileSync(input, bytes);
  const before = snapshot(dir);
  const r = runBounded(bin, ['fill', input, '-o', out], { cwd: dir });
  return { input, out, before, r };
}

/** Entries of the output whose stored (compressed) bytes differ from the input's, or are new. */
function rewrittenEntries(input: Uint8Array, output: Uint8Array): { names: string[]; bytes: number } {
  const a = openPackage(input).stored!;
  const b = openPackage(output).stored!;
  const names: string[] = [];
  let bytes = 0;
  for (const [name, e] of b) {
    const o = a.get(name);
    if (o && Buffer.compare(Buffer.from(o.compressed), Buffer.from(e.compressed)) === 0 && o.method === e.method) continue;
    names.push(name);
    bytes += e.compressed.length + 76 + 2 * Buffer.byteLength(name); // entry + its local and central headers
  }
  return { names, bytes };
}

describe('#13.6 fill never inflates a package', () => {
  test('a 2 MB .bin part is copied as its compressed bytes; the output is at most the input plus what fill writes', () => {
    const bin2mb = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 7) % 13); // compresses ~100:1
    const bytes = editParts(clean.bytes, (f) => {
      f['xl/embeddings/oleObject1.bin'] = bin2mb;
    });
    const { input, out, before, r } = fillTo('with-bin', bytes);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expectBounded(r);
    const output = new Uint8Array(readFileSync(out));
    const written = rewrittenEntries(bytes, output);
    expect(written.names).not.toContain('xl/embeddings/oleObject1.bin');
    expect(output.length).toBeLessThanOrEqual(bytes.length + written.bytes);
    expect(output.length).toBeLessThan(bytes.length + 64 * 1024); // the .bin alone stored would add 2 MB
    const a = openPackage(bytes).stored!.get('xl/embeddings/oleObject1.bin')!;
    const b = openPackage(output).stored!.get('xl/embeddings/oleObject1.bin')!;
    expect([b.method, b.crc, Buffer.from(b.compressed).equals(Buffer.from(a.compressed))]).toEqual([a.method, a.crc, true]);
    // only the output is new in the folder; the input is as it was
    const after = snapshot(dir);
    expect(after[`with-bin.xlsx`]).toBe(before['with-bin.xlsx']);
    expect(Object.keys(after).filter((k) => !(k in before))).toEqual(['with-bin-filled.xlsx']);
    expect(readFileSync(input).equals(Buffer.from(bytes))).toBe(true);
  });

  test('a package declared just under 200 MB: fill refuses to write what check would then refuse, with one line', () => {
    const base = [...openPackage(clean.bytes).parts.values()].reduce((n, p) => n + p.length, 0);
    const room = 200 * 1024 * 1024 - base - 10_000; // fill adds more than 10 kB (formulas and 汇总)
    const each = Math.floor(room / 14); // each under the 16 MB ratio check, like the file
    const filler = new Uint8Array(each);
    const bytes = editParts(clean.bytes, (f) => {
      for (let i = 1; i <= 14; i++) f[`customXml/item${i}.bin`] = filler;
    });
    expect(bytes.length).toBeLessThan(1_000_000);
    const { out, before, r } = fillTo('near-limit', bytes);
    expect(r.code).toBe(2);
    expectBounded(r, { rssMb: 700 });
    expect(oneLine(r)).toMatch(/near-limit\.xlsx: 填写后的文件解压后将超过 200 MB 的上限（再检查时会被拒绝），未写入/);
    expect(snapshot(dir)).toEqual(before);
    expect(() => readFileSync(out)).toThrow();
  });

  test('a package that would pass the size limit once filled is refused, not written', () => {
    const total = [...openPackage(clean.bytes).parts.values()].reduce((n, p) => n + p.length, 0);
    expect(() => patchXlsx(clean.bytes, clean.plan, { maxUncompressedBytes: total + 10 })).toThrow(/too large.*once filled/);
    expect(() => patchXlsx(clean.bytes, clean.plan, { maxUncompressedBytes: total * 3 })).not.toThrow();
  });
});

describe('#13.8 fill reads the XML as XML', () => {
  test('CDATA in a user cell stays the user text, and the row gets its formulas', () => {
    const { sheet, row, formulaCols } = formulaRow();
    const part = sheetPart(clean.bytes, sheet);
    const typed = 'a</c><c r="Z1"><f>1+1</f></c> & <b>';
    const bytes = editText(clean.bytes, part, (xml) =>
      xml.replace(new RegExp(`<c r="B${row}"[^>]*?(/>|>.*?</c>)`), `<c r="B${row}" t="inlineStr"><is><t><![CDATA[${typed}]]></t></is></c>`),
    );
    const { out, r } = fillTo('cdata', bytes);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expectBounded(r);
    const read = readWithOpenpyxl([out])[out]!;
    if (!read.ok) throw new Error(read.error);
    const cells = read.sheets[sheet]!;
    expect(cells[`B${row}`]).toBe(typed);
    expect(cells['Z1']).toBeUndefined();
    for (const c of formulaCols) expect(String(cells[`${columnLetters(c)}${row}`])).toMatch(/^=/);
  });

  test('a commented-out <sheetData/> before the real one: every formula lands in the real one', () => {
    const parts = new Set(clean.plan.toolOwned.map((w) => w.sheet));
    let bytes = clean.bytes;
    for (const s of parts) bytes = editText(bytes, sheetPart(clean.bytes, s), (xml) => xml.replace(/(<worksheet\b[^>]*>)/, '$1<!--<sheetData/>--><?pi <sheetData/>?>'));
    const { out, r } = fillTo('comment', bytes);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(`${clean.plan.toolOwned.length} 个公式单元格`);
    expectBounded(r);
    const read = readWithOpenpyxl([out])[out]!;
    if (!read.ok) throw new Error(read.error);
    const formulas = clean.plan.toolOwned.filter((w) => w.formula);
    expect(formulas.length).toBeGreaterThan(40);
    for (const w of formulas) expect([w.sheet, w.row, w.col, String(read.sheets[w.sheet]![`${columnLetters(w.col)}${w.row}`]).startsWith('=')]).toEqual([w.sheet, w.row, w.col, true]);
    const filled = openPackage(new Uint8Array(readFileSync(out)));
    const xml = new TextDecoder().decode(filled.parts.get(sheetPart(clean.bytes, [...parts][0]!))!);
    expect(xml).toContain('<!--<sheetData/>-->');
  });

  test('a malformed comment: exit 2, one line naming the damaged part, nothing written', () => {
    const { sheet } = formulaRow();
    const part = sheetPart(clean.bytes, sheet);
    const bytes = editText(clean.bytes, part, (xml) => xml.replace(/(<worksheet\b)/, '<!-- a -- b -->$1'));
    const { out, before, r } = fillTo('bad-comment', bytes);
    expect(r.code).toBe(2);
    expectBounded(r);
    const line = oneLine(r);
    expect(line).toContain(part);
    expect(line).toMatch(/XML/);
    expect(line).not.toMatch(/Cannot read|undefined|at \w+ \(/);
    expect(snapshot(dir)).toEqual(before);
    expect(() => readFileSync(out)).toThrow();
  });
});
