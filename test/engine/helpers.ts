/* Shared test helpers for the engine: a clean sample return to damage, and compact views of findings. */
import {
  checkReturn,
  formatFindings,
  standardTemplate,
  type Cell,
  type CellValue,
  type MemorySheet,
  type MemoryWorkbook,
  type ReturnReport,
  type Template,
} from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';

export const tpl: Template = standardTemplate();

export interface Hit {
  readonly rule: string;
  readonly sheet: string;
  readonly cell: string | null;
  readonly indicator: string | null;
}

export const hits = (r: ReturnReport, template: Template = tpl): Hit[] =>
  formatFindings(r.issues, template, 'zh-CN').map(({ rule, sheet, cell, indicator }) => ({ rule, sheet, cell, indicator }));

/** A clean Q3 return (seed 1), damaged by `mutate`, then checked. */
export function checkAfter(mutate: (wb: MemoryWorkbook) => void, quarter: 1 | 2 | 3 | 4 = 3): ReturnReport {
  const wb = buildFilledReturn(tpl, { quarter, seed: 1 });
  mutate(wb);
  return checkReturn(wb, tpl);
}

export const sheet = (wb: MemoryWorkbook, name: string): MemorySheet => {
  const s = wb.sheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

export const numAt = (s: MemorySheet, a1: string): number => {
  const { value } = cellAt(s, a1);
  if (value.kind !== 'number') throw new Error(`${a1} holds no number`);
  return value.value;
};

export function cellAt(s: MemorySheet, a1: string): Cell {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = m[1]!.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return s.cell(Number(m[2]), col);
}

export const put = (s: MemorySheet, a1: string, v: CellValue | Cell): void => void s.setA1(a1, v);
export const clear = (s: MemorySheet, a1: string): void => put(s, a1, { kind: 'blank' });
