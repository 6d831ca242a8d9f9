/**
 * #13's property test: a random valid return (fast-check picks the return, the text a user typed — with `<`, `&`,
 * `]]>`, `</c>` in it —, and where comments, CDATA, processing instructions and whitespace go between the elements of
 * the parts fill edits) is filled, and LibreOffice, reading the filled package, sees every user cell unchanged and
 * every formula in place, recalculated to the engine's figures. The cases are drawn first and converted in one
 * soffice run (it is slow to start), so a failure names its case rather than shrinking it.
 */
import fc from 'fast-check';
import { strFromU8, strToU8 } from 'fflate';
import { text, type CellValue } from '../../src/engine/cell';
import { checkReturn, planFill, standardTemplate } from '../../src/engine';
import type { FillPlan } from '../../src/engine/fill-plan';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { patchXlsx, readXlsx } from '../../src/xlsx';
import { cleanReturn, rowOf, viewToXlsx } from '../cli/helpers';
import { editParts } from '../hostile/packages';
import { figureMismatches, sameFigure } from './judges';
import { recalcInLibreOffice } from './soffice';

jest.setTimeout(300_000);

const template = standardTemplate();
const RUNS = 6;

/** Elements whose content is text: nothing may be inserted directly inside them. */
const TEXT_ELEMENTS = new Set(['v', 't', 'f', 'definedName', 'formula', 'formula1', 'formula2', 'oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter']);

const FILLERS = [
  '\n\t  ',
  '<!--<sheetData/><row r="1"><c r="A1"><v>9</v></c></row>-->',
  '<?fulian <c r="B2"><f>1+1</f></c>?>',
  '<!-- ]]> <![CDATA[ </c> -->',
  ' ',
];

/** Offsets just after a tag, inside the root, where the parent holds elements (not text) and another tag follows. */
function insertionPoints(xml: string): number[] {
  const out: number[] = [];
  const stack: string[] = [];
  // CDATA sections, comments and PIs are skipped whole (their text may look like tags); then tags.
  for (const m of xml.matchAll(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(?:"[^"]*"|'[^']*'|[^'">])*>/g)) {
    const tag = m[0];
    const end = m.index + tag.length;
    if (tag.startsWith('<?') || tag.startsWith('<!')) continue;
    const name = /^<\/?([^\s/>]+)/.exec(tag)![1]!.replace(/^[\w.-]+:/, '');
    if (tag.startsWith('</')) stack.pop();
    else if (!tag.endsWith('/>')) stack.push(name);
    const parent = stack[stack.length - 1];
    if (stack.length >= 1 && parent !== undefined && !TEXT_ELEMENTS.has(parent) && xml[end] === '<') out.push(end);
  }
  return out;
}

function sprinkle(xml: string, choices: readonly number[]): string {
  const points = insertionPoints(xml);
  if (points.length === 0 || choices.length === 0) return xml;
  let out = '';
  let pos = 0;
  points.forEach((p, i) => {
    const c = choices[i % choices.length]!;
    if (c >= FILLERS.length) return; // most points stay as they were
    out += xml.slice(pos, p) + FILLERS[c];
    pos = p;
  });
  return out + xml.slice(pos);
}

const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!,
  );

/** Shared strings as CDATA sections (a `]]>` in the text split across two sections, as XML requires). */
function asCdata(sst: string, every: number): string {
  let i = 0;
  return sst.replace(/<t(\s[^>]*)?>([^<]*)<\/t>/g, (m, attrs: string | undefined, body: string) => {
    if (i++ % every !== 0 || body === '') return m;
    return `<t${attrs ?? ''}><![CDATA[${decode(body).split(']]>').join(']]]]><![CDATA[>')}]]></t>`;
  });
}

const typedText = fc
  .array(fc.constantFrom('a', '<', '>', '&', ']]>', '</c>', '<c r="Z9">', '中', '"', "'", '&amp;', '<![CDATA[x]]>', '\u00a0'), { minLength: 1, maxLength: 8 })
  .map((parts) => `李${parts.join('')}娟`);

interface Drawn {
  readonly seed: number;
  readonly preparer: string;
  readonly reviewer: string;
  readonly choices: number[];
  readonly cdataEvery: number;
}

const drawn: Drawn[] = fc.sample(
  fc.record({
    seed: fc.integer({ min: 1, max: 10_000 }),
    preparer: typedText,
    reviewer: typedText,
    choices: fc.array(fc.integer({ min: 0, max: FILLERS.length + 3 }), { minLength: 1, maxLength: 40 }),
    cdataEvery: fc.integer({ min: 1, max: 3 }),
  }),
  { numRuns: RUNS, seed: 20_261_201 },
);

interface Case {
  readonly drawn: Drawn;
  readonly view: MemoryWorkbook;
  readonly plan: FillPlan;
  readonly filled: Uint8Array;
}

const cases: Case[] = [];
let recalculated: Record<string, Uint8Array>;

function setCover(wb: MemoryWorkbook, label: string, v: CellValue): void {
  wb.sheet('封面')!.set(rowOf(wb, '封面', label), 2, { value: v });
}

beforeAll(async () => {
  for (const d of drawn) {
    const view = cleanReturn({ seed: d.seed });
    setCover(view, '填报人', text(d.preparer));
    setCover(view, '审核人', text(d.reviewer));
    const bytes = editParts(await viewToXlsx(view), (files) => {
      for (const name of Object.keys(files)) {
        if (!/^xl\/(workbook|styles|sharedStrings|worksheets\/sheet\d+)\.xml$/.test(name)) continue;
        let xml = strFromU8(files[name]!);
        if (name === 'xl/sharedStrings.xml') xml = asCdata(xml, d.cdataEvery);
        files[name] = strToU8(sprinkle(xml, d.choices));
      }
    });
    const { view: read } = await readXlsx(bytes);
    const plan = planFill(read, template, checkReturn(read, template));
    cases.push({ drawn: d, view, plan, filled: patchXlsx(bytes, plan) });
  }
  recalculated = recalcInLibreOffice(Object.fromEntries(cases.map((c, i) => [`case${i}`, c.filled])));
});

test('the draws really hold comments, PIs, CDATA and hostile user text', () => {
  const fillers = new Set(drawn.flatMap((d) => d.choices.filter((c) => c < FILLERS.length)));
  expect(fillers.size).toBeGreaterThanOrEqual(3);
  expect(drawn.some((d) => /[<&]|\]\]>/.test(d.preparer + d.reviewer))).toBe(true);
});

test.each(drawn.map((d, i) => [i, d] as const))('case %i: LibreOffice reads every user cell unchanged and every formula in place', async (i) => {
  const c = cases[i]!;
  const { view: lo } = await readXlsx(recalculated[`case${i}`]!);
  const owned = new Set(c.plan.toolOwned.map((w) => `${w.sheet}!${w.row},${w.col}`));
  const changed: string[] = [];
  for (const name of c.view.sheetNames) {
    const s = c.view.sheet(name)!;
    for (let r = 1; r <= s.rowCount; r++) {
      for (let col = 1; col <= s.colCount; col++) {
        if (owned.has(`${name}!${r},${col}`)) continue;
        const want = s.cell(r, col).value;
        const got = lo.sheet(name)?.cell(r, col).value ?? { kind: 'blank' };
        if (!sameFigure(want, got)) changed.push(`${name}!R${r}C${col}: ${JSON.stringify(want)} → ${JSON.stringify(got)}`);
      }
    }
  }
  expect({ case: c.drawn, changed }).toEqual({ case: c.drawn, changed: [] });
  const missing = c.plan.toolOwned.filter((w) => w.formula && !lo.sheet(w.sheet)?.cell(w.row, w.col).formula);
  expect(missing.map((w) => `${w.sheet}!R${w.row}C${w.col}`)).toEqual([]);
  expect(figureMismatches(c.plan, lo)).toEqual([]);
});
