/* Spec section 4's thresholds at their edges: 0.05 percentage points, 5 × the other quarters' mean, 3 × 年计划. */
import { addr, BLANK, checkAfter, N, setInd } from './helpers';

const rows = (wb: Parameters<typeof setInd>[0], code: string, vals: (number | null)[]) =>
  vals.forEach((v, i) => setInd(wb, code, (['q1', 'q2', 'q3'] as const)[i]!, v === null ? BLANK : N(v)));

describe('rate-mismatch: more than 0.05 percentage points', () => {
  it.each([
    [50.05, false],
    [49.95, false],
    [50.07, true],
    [49.9, true],
  ])('typed %d%% against a computed 50%% → finding %s', (typed, finding) => {
    const { wb, hits } = checkAfter((wb) => {
      rows(wb, 'B01', [100, 100, 100]);
      rows(wb, 'B02', [50, 50, 50]);
      rows(wb, 'B03', [typed, null, null]);
    });
    expect(hits.filter((h) => h.rule === 'rate-mismatch').map((h) => h.cell)).toEqual(finding ? [addr(wb, 'B03', 'q1')] : []);
  });
});

describe('outlier thresholds are strict', () => {
  it('a quarter at exactly 5 × the mean of the others is no outlier; just over is', () => {
    expect(checkAfter((wb) => rows(wb, 'A10', [10, 10, 50])).hits.filter((h) => h.rule === 'outlier')).toEqual([]);
    const { wb, hits } = checkAfter((wb) => rows(wb, 'A10', [10, 10, 51]));
    expect(hits.filter((h) => h.rule === 'outlier').map((h) => h.cell)).toEqual([addr(wb, 'A10', 'q3')]);
  });

  it('累计 at exactly 3 × 年计划 is no outlier; just over is, at the 累计 cell', () => {
    const at3 = checkAfter((wb) => {
      setInd(wb, 'A03', 'plan', N(100));
      rows(wb, 'A03', [100, 100, 100]);
    });
    expect(at3.hits.filter((h) => h.rule === 'outlier')).toEqual([]);
    const over = checkAfter((wb) => {
      setInd(wb, 'A03', 'plan', N(100));
      rows(wb, 'A03', [100, 100, 101]);
    });
    expect(over.hits.filter((h) => h.rule === 'outlier').map((h) => h.cell)).toEqual([addr(over.wb, 'A03', 'cumulative')]);
  });
});
