/* Spec section 3: what users really type, read as the spec says (value and the warning it earns). */
import { readNumber, type Cell } from '../../src/engine';
import { tpl } from './helpers';

const read = (text: string, unit: string, numberFormat?: string) =>
  readNumber({ value: { kind: 'text', value: text }, ...(numberFormat ? { numberFormat } : {}) } as Cell, { unit, units: tpl.units });
const rules = (r: ReturnType<typeof read>): string[] => (r.kind === 'number' ? r.notes.map((n) => n.rule).sort() : [r.kind === 'invalid' ? r.rule : 'blank']);
const value = (r: ReturnType<typeof read>): number | null => (r.kind === 'number' ? r.value : null);

describe('section 3 values', () => {
  it.each([
    ['1262余', '人', 1262, ['approximate-value']],
    ['近万', '人', 10000, ['approximate-value']],
    ['3000多', '人', 3000, ['approximate-value']],
    ['约300', '人', 300, ['approximate-value']],
    ['11.6万余', '人', 116000, ['approximate-value']],
    ['685万元', '万元', 685, ['unit-in-cell']],
    ['24000元', '万元', 2.4, ['unit-in-cell']],
    ['３４２６', '人', 3426, ['full-width-digits']],
    ['1,226', '人', 1226, []],
    [' 57 ', '人', 57, []],
    ['20.61%', '%', 0.2061, []],
    ['20.61', '%', 0.2061, []],
  ] as const)('%j in a %s cell → %d %j', (text, unit, want, notes) => {
    const r = read(text, unit);
    expect(value(r)).toBeCloseTo(want, 10);
    expect(rules(r)).toEqual([...notes].sort());
  });

  it.each(['—', '/', '无', '不详', 'abc'])('%j is not-a-number', (text) => {
    expect(rules(read(text, '人'))).toEqual(['not-a-number']);
  });

  it('#DIV/0! is a formula-error, a number in a percent-formatted cell is a fraction, unformatted it is percent points', () => {
    expect(rules(read('#DIV/0!', '人'))).toEqual(['formula-error']);
    const pct = readNumber({ value: { kind: 'number', value: 0.2061 }, numberFormat: '0.00%' }, { unit: '%', units: tpl.units });
    const pts = readNumber({ value: { kind: 'number', value: 20.61 } }, { unit: '%', units: tpl.units });
    expect([value(pct as never), value(pts as never)]).toEqual([0.2061, 0.2061]);
  });
});
