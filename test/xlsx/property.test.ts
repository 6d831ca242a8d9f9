/**
 * Property: for any sheet and any set of writes, patchXlsx changes exactly the written cells — read back, every
 * written cell holds what was written and every other cell reads as before.
 */
import fc from 'fast-check';
import { a1 } from '../../src/engine/address';
import type { CellValue } from '../../src/engine/cell';
import type { CellWrite } from '../../src/engine/fill-plan';
import { patchXlsx, readXlsx } from '../../src/xlsx';
import { escapeText } from '../../src/xlsx/xml';
import { buildPackage } from '../fixtures/package';

const textArb = fc.string({ unit: fc.constantFrom('a', '妇', '联', '<', '>', '&', '"', "'", '=', '+', '1', ' ', '%'), minLength: 1, maxLength: 8 })
  .filter((s) => s.trim() === s && s.length > 0);
const valueArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map((value) => ({ kind: 'number' as const, value })),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((value) => ({ kind: 'number' as const, value: Object.is(value, -0) ? 0 : value })),
  textArb.map((value) => ({ kind: 'text' as const, value })),
  fc.boolean().map((value) => ({ kind: 'boolean' as const, value })),
);
const posArb = fc.record({ row: fc.integer({ min: 1, max: 12 }), col: fc.integer({ min: 1, max: 8 }) });

function cellXml(row: number, col: number, v: CellValue): string {
  const r = a1(row, col);
  switch (v.kind) {
    case 'number':
      return `<c r="${r}"><v>${v.value}</v></c>`;
    case 'text':
      return `<c r="${r}" t="inlineStr"><is><t>${escapeText(v.value)}</t></is></c>`;
    case 'boolean':
      return `<c r="${r}" t="b"><v>${v.value ? 1 : 0}</v></c>`;
    default:
      return `<c r="${r}"/>`;
  }
}

test('patchXlsx changes exactly the written cells, whatever the sheet and the writes', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(fc.record({ pos: posArb, value: valueArb }), { selector: (c) => a1(c.pos.row, c.pos.col), maxLength: 30 }),
      fc.uniqueArray(
        fc.record({ pos: posArb, value: valueArb, formula: fc.option(fc.constantFrom('=A1+1', '=IF(B2="","",B2)', '=SUM(A1:C3)'), { nil: undefined }), pct: fc.boolean() }),
        { selector: (c) => a1(c.pos.row, c.pos.col), minLength: 1, maxLength: 15 },
      ),
      async (cells, writes) => {
        const rows = new Map<number, string[]>();
        for (const c of [...cells].sort((x, y) => x.pos.row - y.pos.row || x.pos.col - y.pos.col)) {
          rows.set(c.pos.row, [...(rows.get(c.pos.row) ?? []), cellXml(c.pos.row, c.pos.col, c.value)]);
        }
        const xml = [...rows].map(([r, cs]) => `<row r="${r}">${cs.join('')}</row>`).join('');
        const bytes = buildPackage({ sheets: [{ name: 'S', xml }] });
        const toolOwned: CellWrite[] = writes.map((w) => ({
          sheet: 'S',
          row: w.pos.row,
          col: w.pos.col,
          value: w.value,
          ...(w.formula ? { formula: w.formula } : {}),
          ...(w.pct ? { numberFormat: '0.00%' } : {}),
        }));
        const before = (await readXlsx(bytes)).view.sheet('S')!;
        const after = (await readXlsx(patchXlsx(bytes, { toolOwned, summary: { name: '汇总', cells: [], columnWidths: [] } }))).view.sheet('S')!;
        const written = new Map(toolOwned.map((w) => [a1(w.row, w.col), w]));
        for (let r = 1; r <= 12; r++) {
          for (let c = 1; c <= 8; c++) {
            const w = written.get(a1(r, c));
            if (!w) {
              expect(after.cell(r, c)).toEqual(before.cell(r, c));
              continue;
            }
            const got = after.cell(r, c);
            expect(got.value).toEqual(w.value);
            expect(got.formula).toBe(w.formula);
            expect(got.numberFormat).toBe(w.numberFormat);
          }
        }
      },
    ),
    { numRuns: 25 },
  );
}, 60_000);
