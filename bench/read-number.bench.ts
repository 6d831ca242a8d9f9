/* How fast the value reader reads typed cells: plain numbers, the spec's messy texts, and non-numbers. */
import type { Cell } from '../src/engine/cell';
import { readNumber } from '../src/engine/read/number';
import { standardTemplate } from '../src/engine/template/load';

const SAMPLES: readonly [string, Cell][] = [
  ['number cell', { value: { kind: 'number', value: 1262 } }],
  ['plain text 1,226', { value: { kind: 'text', value: '1,226' } }],
  ['1262余', { value: { kind: 'text', value: '1262余' } }],
  ['11.6万余', { value: { kind: 'text', value: '11.6万余' } }],
  ['24000元 (万元)', { value: { kind: 'text', value: '24000元' } }],
  ['３４２６', { value: { kind: 'text', value: '３４２６' } }],
  ['三千多', { value: { kind: 'text', value: '三千多' } }],
  ['不详', { value: { kind: 'text', value: '不详' } }],
];

export default async function bench(): Promise<void> {
  const ctx = { unit: '万元', units: standardTemplate().units };
  const n = 200_000;
  for (const [label, cell] of SAMPLES) {
    for (let i = 0; i < 1000; i++) readNumber(cell, ctx); // warm up
    const t0 = performance.now();
    for (let i = 0; i < n; i++) readNumber(cell, ctx);
    const us = ((performance.now() - t0) * 1000) / n;
    console.log(`${label.padEnd(20)} ${us.toFixed(2)} µs/read`);
  }
  // A return of 50 indicators × 5 typed columns is 250 cells; a roll-up of 100 returns 25,000.
  const mixed = SAMPLES.map(([, c]) => c);
  const t0 = performance.now();
  for (let i = 0; i < 25_000; i++) readNumber(mixed[i % mixed.length], ctx);
  console.log(`25,000 mixed cells    ${(performance.now() - t0).toFixed(1)} ms`);
}
