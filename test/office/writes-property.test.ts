import fc from 'fast-check';
import { parseRange } from '../../src/engine/address';
import type { CellWrite } from '../../src/engine/fill-plan';
import { batchWrites, estimatePayload, planExcelWrites, rectangles } from '../../src/taskpane/excel-writes';

const cellsArb = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 12 })), {
    selector: ([r, c]) => `${r}:${c}`,
    maxLength: 200,
  })
  .map((pairs) =>
    pairs.map(([row, col]): CellWrite => ({ sheet: '汇总', row, col, value: { kind: 'text', value: `v${row}-${col}` } })),
  );

describe('range-write planning (properties)', () => {
  test('rectangles cover exactly the written cells, each once', () => {
    fc.assert(
      fc.property(cellsArb, (cells) => {
        const seen = new Map<string, number>();
        for (const rect of rectangles(cells)) {
          for (let r = rect.range.start.row; r <= rect.range.end.row; r++) {
            for (let c = rect.range.start.col; c <= rect.range.end.col; c++) {
              const w = rect.cells[r - rect.range.start.row]![c - rect.range.start.col];
              expect(w).toMatchObject({ row: r, col: c });
              seen.set(`${r}:${c}`, (seen.get(`${r}:${c}`) ?? 0) + 1);
            }
          }
        }
        expect([...seen.keys()].sort()).toEqual(cells.map((w) => `${w.row}:${w.col}`).sort());
        expect([...seen.values()].every((n) => n === 1)).toBe(true);
      }),
    );
  });

  test('batching under any budget keeps every value write after its number format, each batch within budget unless one row alone exceeds it', () => {
    fc.assert(
      fc.property(cellsArb, fc.integer({ min: 300, max: 20_000 }), (cells, budget) => {
        const ops = planExcelWrites({ toolOwned: [], summary: { name: '汇总', cells, columnWidths: [] } }, { temp: '汇总~新', replaces: { position: 7 } });
        const batches = batchWrites(ops, budget);
        const written = new Map<string, unknown>();
        const formatted = new Set<string>();
        for (const op of batches.flat()) {
          if (op.kind === 'number-format') {
            const range = parseRange(op.address);
            op.rows.forEach((line, i) => line.forEach((_, j) => formatted.add(`${range.start.row + i}:${range.start.col + j}`)));
          }
          if (op.kind !== 'formulas') continue;
          const range = parseRange(op.address);
          op.rows.forEach((line, i) => line.forEach((_, j) => expect(formatted.has(`${range.start.row + i}:${range.start.col + j}`)).toBe(true)));
          op.rows.forEach((line, i) =>
            line.forEach((v, j) => written.set(`${range.start.row + i}:${range.start.col + j}`, v)),
          );
        }
        expect(written.size).toBe(cells.length);
        for (const w of cells) expect(written.get(`${w.row}:${w.col}`)).toBe(`v${w.row}-${w.col}`);
        for (const b of batches) {
          const size = b.reduce((n, o) => n + estimatePayload(o), 0);
          if (size <= budget) continue;
          // Over budget only as one write that cannot be cut smaller: a single row (or a sheet operation).
          expect(b).toHaveLength(1);
          const only = b[0]!;
          if (only.kind === 'formulas' || only.kind === 'number-format') expect([only.address, only.rows.length]).toEqual([only.address, 1]);
        }
        expect(batches.flat()[0]).toEqual({ kind: 'add-sheet', sheet: '汇总~新' });
        expect(batches.flat().slice(-2).map((o) => o.kind)).toEqual(['swap-sheet', 'calculate']);
      }),
      { numRuns: 60 },
    );
  });

  test('a block of many rows over a small budget is cut into row bands, each within budget or a single row', () => {
    // The random cases above seldom draw a budget below one multi-row write; this one always does.
    const cells: CellWrite[] = [];
    for (let row = 1; row <= 20; row++)
      for (let col = 1; col <= 3; col++) cells.push({ sheet: '汇总', row, col, value: { kind: 'text', value: `value-${row}-${col}` } });
    const ops = planExcelWrites({ toolOwned: [], summary: { name: '汇总', cells, columnWidths: [] } }, { temp: '汇总~新', replaces: { position: 7 } });
    const budget = 600;
    const writes = batchWrites(ops, budget)
      .flat()
      .filter((o) => o.kind === 'formulas');
    expect(writes.length).toBeGreaterThan(1);
    const rows = writes.reduce((n, o) => n + (o.kind === 'formulas' ? o.rows.length : 0), 0);
    expect(rows).toBe(20);
    for (const o of writes) if (estimatePayload(o) > budget && o.kind === 'formulas') expect(o.rows).toHaveLength(1);
  });
});
