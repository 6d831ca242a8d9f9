/**
 * Returns written by every writer a county uses read as the original: `check` gives the findings (rule, sheet, cell,
 * indicator) the engine gives on the reference workbook itself, with no reader in between (fixtures:
 * test/fixtures/writers). Documented differences are listed per fixture there.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { checkReturn } from '../../src/engine/check';
import { formatFindings } from '../../src/engine/messages';
import { standardTemplate } from '../../src/engine/template/load';
import { runCli } from '../cli/helpers';
import { makeWriterFixtures, type WriterFixtures } from '../fixtures/writers';

jest.setTimeout(240_000);

let fx: WriterFixtures;
let expected: string[];

const key = (f: { rule: string; sheet: string; cell: string | null; indicator: string | null }): string =>
  `${f.rule}|${f.sheet}|${f.cell ?? ''}|${f.indicator ?? ''}`;

beforeAll(async () => {
  fx = await makeWriterFixtures();
  const t = standardTemplate();
  expected = formatFindings(checkReturn(fx.reference, t).issues, t, 'zh-CN').map(key).sort();
});

afterAll(() => fx?.cleanup());

test('the reference return has findings of several kinds to compare', () => {
  expect(new Set(expected.map((k) => k.split('|')[0])).size).toBeGreaterThanOrEqual(4);
});

test('every writer: check reports the findings of the original return', async () => {
  const r = await runCli(['check', '--json', ...fx.fixtures.map((f) => f.path)]);
  const arr = JSON.parse(r.stdout) as { file: string; error?: string; findings?: Parameters<typeof key>[0][] }[];
  expect(arr).toHaveLength(fx.fixtures.length);
  for (const [i, f] of fx.fixtures.entries()) {
    const got = arr[i]!;
    expect({ writer: f.writer, error: got.error }).toEqual({ writer: f.writer, error: undefined });
    const diff = f.expectedDifferences;
    const keep = (k: string): boolean => !diff || !diff.finding.test(k);
    expect({ writer: f.writer, findings: got.findings!.map(key).filter(keep).sort() }).toEqual({ writer: f.writer, findings: expected.filter(keep) });
  }
});

test('each hand-made fixture really holds its feature, and the real writers really wrote theirs', () => {
  const part = (name: string, entry: RegExp): string => {
    const files = unzipSync(new Uint8Array(readFileSync(fx.fixtures.find((f) => f.name === name)!.path)));
    return Object.entries(files)
      .filter(([n]) => entry.test(n))
      .map(([, d]) => strFromU8(d))
      .join('\n');
  };
  const sheets = /^xl\/worksheets\/sheet\d+\.xml$/;
  expect(part('prefixed', sheets)).toMatch(/<x:worksheet xmlns:x="http:\/\/schemas.openxmlformats.org\/spreadsheetml\/2006\/main"/);
  expect(part('prefixed', sheets)).not.toMatch(/<c /);
  expect(part('no-refs', sheets)).not.toMatch(/<(row|c) r=/);
  expect(part('no-refs', sheets)).toMatch(/<row\/>|<c\/>/);
  expect(part('phonetic', sheets)).toMatch(/<rPh sb="0" eb="1">/);
  expect(part('strict', /^xl\/workbook\.xml$/)).toMatch(/purl\.oclc\.org\/ooxml\/spreadsheetml\/main/);
  expect(part('strict', /^xl\/_rels\/workbook\.xml\.rels$/)).toMatch(/purl\.oclc\.org\/ooxml\/officeDocument\/relationships\/worksheet/);
  expect(part('table', /^xl\/tables\/table1\.xml$/)).toMatch(/<table /);
  expect(part('x14-validation', sheets)).toMatch(/<xm:f>/);
  expect(part('iso-dates', sheets)).toMatch(/t="d"><v>\d{4}-\d\d-\d\dT/);
  expect(part('libreoffice', /^docProps\/app\.xml$/)).toMatch(/LibreOffice/);
  expect(part('gnumeric', /^xl\/workbook\.xml$/) + part('gnumeric', /^docProps\/app\.xml$/)).toMatch(/[Gg]numeric|<workbook/);
  expect(part('openpyxl', /^docProps\/app\.xml$/)).toMatch(/openpyxl|Microsoft Excel/);
  expect(part('xlsxwriter', /^docProps\/app\.xml$/)).toMatch(/Microsoft Excel/);
  expect(part('openpyxl', sheets)).toMatch(/<c r="[A-Z]+\d+"/);
  expect(part('sheetjs', /^docProps\/app\.xml$/)).toMatch(/SheetJS/);
});
