/**
 * #12 acceptance, the patcher's part: `fill` of the return as every writer writes it (test/fixtures/writers: ExcelJS,
 * LibreOffice, Gnumeric, openpyxl — xmlns:r on each <sheet> —, xlsxwriter, SheetJS, our own writer, and the hand-made variants:
 * x:-prefixed parts, rows and cells without r, phonetic runs, Strict OOXML, a table, x14 validations, t="d" dates)
 * writes a package that LibreOffice opens and recalculates to the engine's figures, that openpyxl opens with every
 * user cell as typed and every tool-owned cell a formula, and whose untouched entries keep their stored bytes.
 * One soffice run and one Python run judge them all.
 *
 * Documented difference: openpyxl 3.0 cannot read Strict packages at all (it finds no sheets in any Strict file,
 * Excel's own included), so Strict is judged by LibreOffice and by its namespaces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { columnLetters } from '../../src/engine/address';
import { checkReturn, planFill, standardTemplate } from '../../src/engine';
import type { FillPlan } from '../../src/engine/fill-plan';
import { readXlsx } from '../../src/xlsx';
import { openPackage } from '../../src/xlsx/zip';
import { runCli } from '../cli/helpers';
import { readWithOpenpyxl, requireOpenpyxl, type OpenpyxlRead } from '../fixtures/openpyxl';
import { TRANSITIONAL_URIS } from '../fixtures/strict';
import { makeWriterFixtures, type WriterFixtures } from '../fixtures/writers';
import { changedEntries, figureMismatches, openpyxlValue } from './judges';
import { recalcInLibreOffice } from './soffice';

jest.setTimeout(300_000);

interface Case {
  readonly input: Uint8Array;
  readonly output: Uint8Array;
  readonly plan: FillPlan;
  readonly inPath: string;
  readonly outPath: string;
}

const template = standardTemplate();
let fx: WriterFixtures;
const cases: Record<string, Case> = {};
let recalculated: Record<string, Uint8Array>;
let judged: Record<string, OpenpyxlRead>;

beforeAll(async () => {
  requireOpenpyxl();
  fx = await makeWriterFixtures();
  for (const f of fx.fixtures) {
    const input = new Uint8Array(readFileSync(f.path));
    const outPath = join(fx.dir, `${f.name}-filled.xlsx`);
    const r = await runCli(['fill', f.path, '-o', outPath]);
    // the reference return has error findings: fill writes it and exits 1
    if (r.code === 2) throw new Error(`fill ${f.name}: ${r.stderr}`);
    const { view } = await readXlsx(input);
    cases[f.name] = { input, output: new Uint8Array(readFileSync(outPath)), plan: planFill(view, template, checkReturn(view, template)), inPath: f.path, outPath };
  }
  recalculated = recalcInLibreOffice(Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, c.output])));
  judged = readWithOpenpyxl(Object.values(cases).flatMap((c) => [c.inPath, c.outPath]));
});
afterAll(() => fx?.cleanup());

const NAMES = ['exceljs', 'libreoffice', 'gnumeric', 'openpyxl', 'xlsxwriter', 'sheetjs', 'ours', 'prefixed', 'no-refs', 'phonetic', 'strict', 'table', 'x14-validation', 'iso-dates'];

test('every writer fixture is judged', () => {
  expect(Object.keys(cases).sort()).toEqual([...NAMES].sort());
});

describe.each(NAMES)('fill of the %s fixture', (name) => {
  test('LibreOffice opens it and recalculates every tool-owned cell and 汇总 to the engine’s figures', async () => {
    const c = cases[name]!;
    const { view } = await readXlsx(recalculated[name]!);
    expect(view.sheetNames).toContain('汇总');
    expect(figureMismatches(c.plan, view)).toEqual([]);
  });

  test('untouched entries keep their stored bytes', () => {
    const c = cases[name]!;
    const changed = changedEntries(c.input, c.output);
    const sheets = new Set(c.plan.toolOwned.map((w) => w.sheet));
    // what may change: the workbook, its rels, content types, styles, and the sheets fill writes to
    const allowed = /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml|xl\/styles\.xml|xl\/worksheets\/sheet\d+\.xml|xl\/calcChain\.xml)$/;
    expect(changed.filter((n) => !allowed.test(n))).toEqual([]);
    expect(changed.filter((n) => n.startsWith('xl/worksheets/')).length).toBeLessThanOrEqual(sheets.size);
    const untouched = [...openPackage(c.input).stored!.keys()].filter((n) => !changed.includes(n));
    expect(untouched).toContain('_rels/.rels');
    expect(untouched.some((n) => n.startsWith('xl/worksheets/'))).toBe(true); // 封面: fill writes nothing there
  });

  test('openpyxl opens it: every user cell as typed, every tool-owned formula in place', () => {
    const c = cases[name]!;
    if (name === 'strict') {
      // Strict: the output speaks Strict only (no Transitional namespace in any part fill wrote).
      const out = openPackage(c.output);
      for (const n of changedEntries(c.input, c.output).filter((x) => out.parts.has(x))) {
        const xml = strFromU8(out.parts.get(n)!);
        for (const uri of TRANSITIONAL_URIS) expect([n, xml.includes(uri)]).toEqual([n, false]);
      }
      return;
    }
    const before = judged[c.inPath]!;
    const after = judged[c.outPath]!;
    if (!before.ok) throw new Error(before.error);
    if (!after.ok) throw new Error(after.error);
    const owned = new Set(c.plan.toolOwned.map((w) => `${w.sheet}!${columnLetters(w.col)}${w.row}`));
    for (const [sheet, cells] of Object.entries(before.sheets)) {
      for (const [ref, v] of Object.entries(cells)) {
        if (!owned.has(`${sheet}!${ref}`)) expect([sheet, ref, after.sheets[sheet]?.[ref]]).toEqual([sheet, ref, v]);
      }
    }
    for (const w of c.plan.toolOwned) {
      const got = after.sheets[w.sheet]?.[`${columnLetters(w.col)}${w.row}`];
      if (w.formula) expect([w.sheet, w.row, w.col, String(got).startsWith('=')]).toEqual([w.sheet, w.row, w.col, true]);
      else expect([w.sheet, w.row, w.col, got]).toEqual([w.sheet, w.row, w.col, openpyxlValue(w.value)]);
    }
    expect(Object.keys(after.sheets)).toContain('汇总');
  });
});
