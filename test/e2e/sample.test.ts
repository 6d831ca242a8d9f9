/* The committed sample return (assets/sample-return.xlsx) shows exactly the problems scripts/make-sample.ts plants. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { a1, checkReturn, type WorkbookView } from '../../src/engine';
import { standardTemplate } from '../../src/engine/template/load';
import { readXlsx } from '../../src/xlsx';
import { buildSample } from '../../scripts/make-sample';
import { ROOT } from './support';

const template = standardTemplate();

function cells(view: WorkbookView): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const name of view.sheetNames) {
    const s = view.sheet(name)!;
    for (let r = 1; r <= s.rowCount; r++) {
      for (let c = 1; c <= s.colCount; c++) {
        const cell = s.cell(r, c);
        if (cell.value.kind !== 'blank') out.set(`${name}!${a1(r, c)}`, cell.value);
      }
    }
  }
  return out;
}

describe('sample return', () => {
  it('raises one finding per planted problem, each of the planted rule, and nothing else', async () => {
    const { view } = await readXlsx(new Uint8Array(readFileSync(join(ROOT, 'assets', 'sample-return.xlsx'))));
    const report = checkReturn(view, template);
    const { problems } = buildSample(template);
    const got = report.issues.map((i) => `${i.sheet} ${i.rule} ${i.indicator ?? ''}`).sort();
    const want = problems.map((p) => `${p.sheet} ${p.rule} ${p.code ?? ''}`).sort();
    expect(got).toEqual(want);
    // The spec's examples are all there: approximate, unit-carrying, full-width, error value, missing, relations.
    for (const rule of ['approximate-value', 'unit-in-cell', 'full-width-digits', 'formula-error', 'required-missing',
      'part-exceeds-total', 'parts-sum-mismatch', 'target-missing', 'bad-phone']) {
      expect(got.some((g) => g.includes(` ${rule} `))).toBe(true);
    }
    expect(report.period).toEqual({ year: 2026, quarter: 3 });
    expect(view.sheetNames).not.toContain(template.sheets.summary);
  });

  it('is what scripts/make-sample.ts makes today (else: npx tsx scripts/make-sample.ts)', async () => {
    const { view } = await readXlsx(new Uint8Array(readFileSync(join(ROOT, 'assets', 'sample-return.xlsx'))));
    const { workbook } = buildSample(template);
    expect(view.sheetNames).toEqual(workbook.sheetNames);
    const committed = cells(view);
    const fresh = cells(workbook);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [k, v] of fresh) {
      const c = committed.get(k) as { kind: string; value?: number };
      if ((v as { kind: string }).kind === 'number') expect(c.value).toBeCloseTo((v as { value: number }).value, 9);
      else expect(c).toEqual(v);
    }
  });
});
