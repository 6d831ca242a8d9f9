/* Shared test helpers for the engine: a clean sample return to damage, and compact views of findings. */
import {
  cellError,
  checkReturn,
  formatFindings,
  num,
  standardTemplate,
  text,
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

/**
 * Damage that earns nearly every rule on a Q3 return (all but bad-period, revised-earlier-quarter, missing-header-row
 * and missing-indicator, which need a second return or damage of their own).
 */
export function damageNearlyEveryRule(wb: MemoryWorkbook): void {
  const JY = '创业就业';
  const c = sheet(wb, '封面');
  put(c, 'B3', text('62010'));
  put(c, 'B7', text('12345'));
  put(c, 'B8', text('明天'));
  clear(c, 'B6');
  const s = sheet(wb, JY);
  clear(s, 'G3');
  clear(s, 'D5');
  put(s, 'E3', text(`${numAt(s, 'E3')}余`));
  put(s, 'F4', num(numAt(s, 'F3') + 1));
  put(s, 'F3', text(String(numAt(s, 'F3')).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))));
  put(s, 'G9', num(numAt(s, 'G6') + 1));
  clear(s, 'G10');
  put(s, 'E11', text('24000元'));
  put(s, 'E12', num(-5));
  put(s, 'F12', num(2.5));
  put(s, 'G12', cellError('#REF!'));
  put(s, 'H13', num(9));
  put(s, 'E4', text('无'));
  put(s, 'E7', num(numAt(s, 'E7') + 1));
  put(s, 'F10', { value: num(0.99), numberFormat: '0.00%' });
  put(s, 'F16', num(0));
  put(s, 'I14', num(3));
  put(s, 'E15', num(numAt(s, 'F15') * 40));
  put(s, 'A30', text('A99'));
  put(s, 'A31', text('A01'));
  const t = sheet(wb, '两纲监测');
  clear(t, 'I3');
  put(t, 'F4', text('高'));
  put(t, 'G7', num(2));
  put(t, 'H7', num(9));
  clear(t, 'G8');
  put(t, 'I8', text('比2020年降20%'));
  wb.removeSheet('组织建设');
}
