/**
 * The XML walker's namespaces when a part arrives in pieces (parts over 8 MB are inflated and decoded as a stream):
 * a declaration cut anywhere, `xmlns` itself split across two pieces included, still binds its prefix.
 */
import { XmlWalker } from '../../src/xlsx/reader/xml-walk';
import { MAIN } from '../../src/xlsx/reader/namespaces';

const DOC =
  `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
  `<y:row xmlns:y="${MAIN}" r="1"><c xmlns="${MAIN}" r="A1"/></y:row></x:sheetData></x:worksheet>`;
const EXPECTED = ['worksheet', 'sheetData', 'row', 'c'].map((local) => `${MAIN} ${local}`);

function walk(pieces: readonly string[]): string[] {
  const seen: string[] = [];
  const w = new XmlWalker('xl/worksheets/sheet1.xml', { open: (el) => void seen.push(`${el.uri} ${el.local}`), close: () => undefined });
  for (const p of pieces) w.write(p);
  w.end();
  return seen;
}

test('in one piece', () => {
  expect(walk([DOC])).toEqual(EXPECTED);
});

test('cut in two at every position', () => {
  for (let i = 1; i < DOC.length; i++) expect([i, walk([DOC.slice(0, i), DOC.slice(i)])]).toEqual([i, EXPECTED]);
});

test('cut into pieces of 1 to 7 characters', () => {
  for (let n = 1; n <= 7; n++) {
    const pieces: string[] = [];
    for (let i = 0; i < DOC.length; i += n) pieces.push(DOC.slice(i, i + n));
    expect([n, walk(pieces)]).toEqual([n, EXPECTED]);
  }
});
