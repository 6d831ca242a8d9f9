/**
 * #12 acceptance (the patcher's part): `fill` of returns as other writers make them — openpyxl (xmlns:r declared on
 * each <sheet>), Strict OOXML, prefixed parts (x:worksheet, as the Open XML SDK writes) — writes a package that
 * LibreOffice opens and recalculates to the engine's figures, that openpyxl opens with every user cell as typed and
 * every tool-owned cell a formula, and whose untouched entries keep their stored bytes. One soffice run, one Python run.
 *
 * Documented difference: openpyxl 3.0 cannot read Strict packages at all (it finds no sheets in any Strict file,
 * Excel's own included), so Strict is judged by LibreOffice and by its namespaces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { columnLetters } from '../../src/engine/address';
import { patchXlsx, readXlsx } from '../../src/xlsx';
import { openPackage } from '../../src/xlsx/zip';
import { runCli, tempDir } from '../cli/helpers';
import { readWithOpenpyxl, requireOpenpyxl, writeWithOpenpyxl } from '../fixtures/openpyxl';
import { toStrict, TRANSITIONAL_URIS } from '../fixtures/strict';
import { cleanPackage, editParts, template, type Clean } from '../hostile/packages';
import { changedEntries, figureMismatches, openpyxlValue } from './judges';
import { recalcInLibreOffice } from './soffice';
import { checkReturn, planFill } from '../../src/engine';

jest.setTimeout(300_000);

/** Every unprefixed element of the SpreadsheetML parts moved under `x:` (the Open XML SDK's way). */
function prefixed(bytes: Uint8Array): Uint8Array {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  return editParts(bytes, (f) => {
    for (const name of Object.keys(f)) {
      if (!/^xl\/(workbook|styles|sharedStrings|worksheets\/sheet\d+)\.xml$/.test(name)) continue;
      const xml = strFromU8(f[name]!);
      f[name] = new TextEncoder().encode(xml.replace(/<(\/?)(?![\w.-]+:)([A-Za-z][\w.-]*)/g, '<$1x:$2').replace(`xmlns="${main}"`, `xmlns:x="${main}"`));
    }
  });
}

interface Case {
  readonly input: Uint8Array;
  readonly output: Uint8Array;
  readonly clean: Clean;
  readonly openpyxl: boolean;
}

let dir: string;
let cleanup: () => void;
const cases: Record<string, Case> = {};
let recalculated: Record<string, Uint8Array>;

beforeAll(async () => {
  requireOpenpyxl();
  ({ dir, cleanup } = tempDir('fulian-writers-'));
  const clean = await cleanPackage(3);
  const fill = async (name: string, input: Uint8Array): Promise<Uint8Array> => {
    writeFileSync(join(dir, `${name}.xlsx`), input);
    const r = await runCli(['fill', join(dir, `${name}.xlsx`), '-o', join(dir, `${name}-filled.xlsx`)]);
    if (r.code !== 0) throw new Error(`fill ${name}: ${r.stderr}`);
    return new Uint8Array(readFileSync(join(dir, `${name}-filled.xlsx`)));
  };

  writeWithOpenpyxl(clean.view, join(dir, 'openpyxl.xlsx'));
  const op = new Uint8Array(readFileSync(join(dir, 'openpyxl.xlsx')));
  // openpyxl writes no cached values; the engine reads its cells as typed, so the plan is the clean view's.
  const opView = (await readXlsx(op)).view;
  const opClean: Clean = { view: opView, bytes: op, plan: planFill(opView, template, checkReturn(opView, template)) };
  cases.openpyxl = { input: op, output: await fill('openpyxl', op), clean: opClean, openpyxl: true };

  const strict = toStrict(clean.bytes);
  cases.strict = { input: strict, output: await fill('strict', strict), clean, openpyxl: false };

  // Our reader does not read prefixed parts yet (#12's reader): the patcher gets the clean return's plan.
  const pre = prefixed(clean.bytes);
  cases.prefixed = { input: pre, output: patchXlsx(pre, clean.plan), clean, openpyxl: true };

  recalculated = recalcInLibreOffice(Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, c.output])));
});
afterAll(() => cleanup?.());

describe.each(['openpyxl', 'strict', 'prefixed'])('fill of a %s return', (name) => {
  test('LibreOffice opens it and recalculates every tool-owned cell and 汇总 to the engine’s figures', async () => {
    const c = cases[name]!;
    const { view } = await readXlsx(recalculated[name]!);
    expect(view.sheetNames).toContain('汇总');
    expect(figureMismatches(c.clean.plan, view)).toEqual([]);
  });

  test('untouched entries keep their stored bytes', () => {
    const c = cases[name]!;
    const changed = changedEntries(c.input, c.output);
    const sheets = new Set(c.clean.plan.toolOwned.map((w) => w.sheet));
    // what may change: the workbook, its rels, content types, styles, and the sheets fill writes to
    const allowed = /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml|xl\/styles\.xml|xl\/worksheets\/sheet\d+\.xml|xl\/calcChain\.xml)$/;
    expect(changed.filter((n) => !allowed.test(n))).toEqual([]);
    expect(changed.filter((n) => n.startsWith('xl/worksheets/')).length).toBeLessThanOrEqual(sheets.size);
    const untouched = [...openPackage(c.input).stored!.keys()].filter((n) => !changed.includes(n));
    expect(untouched.length).toBeGreaterThanOrEqual(3);
  });

  test('openpyxl opens it: every user cell as typed, every tool-owned formula in place', () => {
    const c = cases[name]!;
    if (!c.openpyxl) {
      // Strict: the output speaks Strict only (no Transitional namespace in any part fill wrote).
      const out = openPackage(c.output);
      for (const n of changedEntries(c.input, c.output).filter((x) => out.parts.has(x))) {
        const xml = strFromU8(out.parts.get(n)!);
        for (const uri of TRANSITIONAL_URIS) expect([n, xml.includes(uri)]).toEqual([n, false]);
      }
      return;
    }
    const inPath = join(dir, `${name}-judged-in.xlsx`);
    const outPath = join(dir, `${name}-judged-out.xlsx`);
    writeFileSync(inPath, c.input);
    writeFileSync(outPath, c.output);
    const read = readWithOpenpyxl([inPath, outPath]);
    const before = read[inPath]!;
    const after = read[outPath]!;
    if (!before.ok) throw new Error(before.error);
    if (!after.ok) throw new Error(after.error);
    const owned = new Set(c.clean.plan.toolOwned.map((w) => `${w.sheet}!${columnLetters(w.col)}${w.row}`));
    for (const [sheet, cells] of Object.entries(before.sheets)) {
      for (const [ref, v] of Object.entries(cells)) {
        if (!owned.has(`${sheet}!${ref}`)) expect([sheet, ref, after.sheets[sheet]?.[ref]]).toEqual([sheet, ref, v]);
      }
    }
    for (const w of c.clean.plan.toolOwned) {
      const got = after.sheets[w.sheet]?.[`${columnLetters(w.col)}${w.row}`];
      if (w.formula) expect([w.sheet, w.row, w.col, String(got).startsWith('=')]).toEqual([w.sheet, w.row, w.col, true]);
      else expect([w.sheet, w.row, w.col, got]).toEqual([w.sheet, w.row, w.col, openpyxlValue(w.value)]);
    }
    expect(Object.keys(after.sheets)).toContain('汇总');
  });
});
