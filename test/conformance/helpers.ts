/* Helpers for the spec-conformance tests: a clean sample return to damage, addresses by indicator code and role. */
import {
  checkReturn,
  formatFindings,
  formatA1,
  standardTemplate,
  type Cell,
  type CellValue,
  type Finding,
  type MemorySheet,
  type MemoryWorkbook,
  type ReturnReport,
  type Template,
} from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';

export const tpl: Template = standardTemplate();

/** Data-sheet columns of the sample return (spec section 1: A to L). */
export const COL = { code: 1, name: 2, unit: 3, plan: 4, q1: 5, q2: 6, q3: 7, q4: 8, cumulative: 9, percentOfPlan: 10, timeProgress: 11, note: 12 } as const;
/** 两纲监测 columns (spec section 1: A to L). */
export const TP = { code: 1, plan: 2, domain: 3, name: 4, unit: 5, direction: 6, baseline: 7, midTarget: 8, finalTarget: 9, value: 10, status: 11, note: 12 } as const;

export const sheetOfCode = (code: string): string => {
  const ind = tpl.indicators.find((i) => i.code === code);
  if (!ind) throw new Error(`no indicator ${code}`);
  return ind.sheet;
};

export function sheet(wb: MemoryWorkbook, name: string): MemorySheet {
  const s = wb.sheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** The row of a code in column A of a sheet (found by text, as the product does). */
export function rowOf(wb: MemoryWorkbook, sheetName: string, code: string): number {
  const s = sheet(wb, sheetName);
  for (let r = 1; r <= s.rowCount; r++) {
    const v = s.cell(r, 1).value;
    if (v.kind === 'text' && v.value.trim() === code) return r;
  }
  throw new Error(`no row ${code} on ${sheetName}`);
}

/** A1 address of an indicator's cell in a data-sheet role. */
export function addr(wb: MemoryWorkbook, code: string, role: keyof typeof COL): string {
  return formatA1({ row: rowOf(wb, sheetOfCode(code), code), col: COL[role] });
}

/** Sets an indicator's cell (data sheets). */
export function setInd(wb: MemoryWorkbook, code: string, role: keyof typeof COL, v: CellValue | Cell): void {
  const s = sheet(wb, sheetOfCode(code));
  s.set(rowOf(wb, s.name, code), COL[role], 'kind' in v ? { value: v } : v);
}

export function getInd(wb: MemoryWorkbook, code: string, role: keyof typeof COL): Cell {
  const s = sheet(wb, sheetOfCode(code));
  return s.cell(rowOf(wb, s.name, code), COL[role]);
}

export function setTwoPlan(wb: MemoryWorkbook, code: string, role: keyof typeof TP, v: CellValue): void {
  const s = sheet(wb, tpl.sheets.twoPlan);
  s.set(rowOf(wb, s.name, code), TP[role], { value: v });
}

export function tpAddr(wb: MemoryWorkbook, code: string, role: keyof typeof TP): string {
  return formatA1({ row: rowOf(wb, tpl.sheets.twoPlan, code), col: TP[role] });
}

export const T = (s: string): CellValue => ({ kind: 'text', value: s });
export const N = (n: number): CellValue => ({ kind: 'number', value: n });
export const BLANK: CellValue = { kind: 'blank' };

export interface Hit {
  readonly rule: string;
  readonly severity: string;
  readonly sheet: string;
  readonly cell: string | null;
  readonly indicator: string | null;
}

export const findings = (r: ReturnReport, lang: 'zh-CN' | 'en' = 'zh-CN'): Finding[] => formatFindings(r.issues, tpl, lang);
export const hits = (r: ReturnReport): Hit[] =>
  findings(r).map(({ rule, severity, sheet: s, cell, indicator }) => ({ rule, severity, sheet: s, cell, indicator }));

/** A clean return (seed 1) of `quarter`, damaged by `mutate`, then checked. */
export function checkAfter(mutate: (wb: MemoryWorkbook) => void, quarter: 1 | 2 | 3 | 4 = 3): { wb: MemoryWorkbook; report: ReturnReport; hits: Hit[] } {
  const wb = buildFilledReturn(tpl, { quarter, seed: 1 });
  mutate(wb);
  const report = checkReturn(wb, tpl);
  return { wb, report, hits: hits(report) };
}

export const clean = (quarter: 1 | 2 | 3 | 4 = 3): MemoryWorkbook => buildFilledReturn(tpl, { quarter, seed: 1 });
