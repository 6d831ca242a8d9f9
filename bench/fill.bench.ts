/*
 * Fill benchmark: planFill on clean returns and on returns full of messy typed values (1262余-style text in one
 * quarter cell of every third indicator, so its formulas carry IF(ISNUMBER(X),X,reading) guards). The guards cost a
 * readNumber per text cell a formula refers to; clean cells cost one cell lookup.
 */
import { checkReturn, planFill, standardTemplate, text, type MemoryWorkbook, type Template } from '../src/engine';
import { buildFilledReturn, stressTemplate } from '../src/engine/testing';
import { median, sampleMs } from './timing';

function time(label: string, runs: number, fn: () => void): number {
  const xs = sampleMs(runs, fn);
  const m = median(xs);
  console.log(`${label.padEnd(44)} median ${m.toFixed(3)} ms`);
  return m;
}

/** Types `<n>余` over the first quarter of every third indicator (a copy of `wb`'s cells, in place). */
function messUp(wb: MemoryWorkbook, t: Template): number {
  const r = checkReturn(wb, t);
  let n = 0;
  r.layout.dataSheets.forEach((l) => {
    Object.values(l.rows).forEach((row, i) => {
      if (i % 3 !== 0) return;
      const cell = wb.sheet(l.sheet)!.cell(row, l.columns.q1!);
      if (cell.value.kind !== 'number') return;
      wb.sheet(l.sheet)!.set(row, l.columns.q1!, { value: text(`${cell.value.value}余`) });
      n++;
    });
  });
  return n;
}

function guards(wb: MemoryWorkbook, t: Template): number {
  const p = planFill(wb, t, checkReturn(wb, t));
  return [...p.toolOwned, ...p.summary.cells].filter((w) => w.formula?.includes('IF(ISNUMBER(')).length;
}

export default async function main(): Promise<void> {
  const t = standardTemplate();
  for (const [name, template, runs] of [
    ['standard', t, 300],
    ['stress, 2,000 data rows', stressTemplate(t, 2000), 20],
  ] as const) {
    const clean = buildFilledReturn(template, { quarter: 4, seed: 1 });
    const messy = buildFilledReturn(template, { quarter: 4, seed: 1 });
    const typed = messUp(messy, template);
    const rc = checkReturn(clean, template);
    const rm = checkReturn(messy, template);
    console.log(`${name}: ${typed} text cells read as numbers, ${guards(messy, template)} guarded formulas`);
    time(`planFill (${name}, clean)`, runs, () => planFill(clean, template, rc));
    time(`planFill (${name}, messy)`, runs, () => planFill(messy, template, rm));
  }
}
