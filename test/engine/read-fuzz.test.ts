import fc from 'fast-check';
import type { Cell } from '../../src/engine/cell';
import { readNumber } from '../../src/engine/read/number';
import { displayText, isDivisionCode, isPhone, readDate, readPeriod } from '../../src/engine/read/cover';
import { standardTemplate } from '../../src/engine/template/load';

const units = standardTemplate().units;
const COLUMN_UNITS = ['人', '人次', '万元', '元', '%', '件', '‰', '1/10万'] as const;

/** Pieces users really type: digits, full-width digits, markers, magnitudes, units, separators, signs, spaces. */
const PIECES = [
  ...'0123456789',
  ...'０１２３４５６７８９',
  ...'余多近约万千亿元',
  ...',.%，．％－+-eE ',
  '\u3000',
  '人次',
  '万元',
  '左右',
  '以上',
  '#DIV/0!',
  '—',
  '/',
  '无',
  '三',
  '两',
  '十',
  '零',
];

const pieceString = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((a) => a.join(''));
const anyString = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 4, arbitrary: pieceString },
);

const NUMERAL_WORDS = /[0-9\uff10-\uff19〇零一二两三四五六七八九十百千万亿]/;

describe('readNumber never throws, never invents a number, never mutates', () => {
  it('over 10,000 generated strings', () => {
    // Plain checks inside the property (not expect) keep 10,000 runs fast; fast-check reports the failing input.
    fc.assert(
      fc.property(anyString, fc.constantFrom(...COLUMN_UNITS), fc.option(fc.constantFrom('0.00%', 'General', '@')), (s, unit, fmt) => {
        const cell: Cell = fmt === null ? { value: { kind: 'text', value: s } } : { value: { kind: 'text', value: s }, numberFormat: fmt };
        Object.freeze(cell.value);
        Object.freeze(cell); // a write would throw in strict mode, and fail the property
        const before = JSON.stringify(cell);
        const r = readNumber(cell, { unit, units });
        if (JSON.stringify(cell) !== before) return false;
        if (r.kind === 'number') {
          if (!NUMERAL_WORDS.test(s) || !Number.isFinite(r.value)) return false;
          return r.notes.every((n) => n.params.text === s.trim() && !/e/i.test(String(n.params.value)));
        }
        if (r.kind === 'blank') return s.trim() === '';
        return typeof r.params.text === 'string';
      }),
      { numRuns: 10_000 },
    );
  });

  it('numbers of any size read as themselves outside % columns', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const r = readNumber({ value: { kind: 'number', value: v } }, { unit: '人', units });
        return r.kind === 'number' && Object.is(r.value, v) && r.notes.length === 0;
      }),
      { numRuns: 1000 },
    );
  });

  it('a plainly typed decimal reads back exactly, with no note', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999 }), (i, f) => {
        const s = f === 0 ? String(i) : `${i}.${String(f).padStart(3, '0')}`;
        const r = readNumber({ value: { kind: 'text', value: ` ${s} ` } }, { unit: '人', units });
        return r.kind === 'number' && r.value === Number(s) && r.notes.length === 0;
      }),
      { numRuns: 1000 },
    );
  });

  it('cover readers never throw on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 16 }), pieceString), (s) => {
        const cell: Cell = { value: { kind: 'text', value: s } };
        const p = readPeriod(cell);
        if (p && ![1, 2, 3, 4].includes(p.quarter)) return false;
        const d = readDate(cell);
        if (d !== null && !Number.isInteger(d)) return false;
        isPhone(cell);
        isDivisionCode(cell);
        return displayText(cell) === s.trim();
      }),
      { numRuns: 2000 },
    );
  });
});
