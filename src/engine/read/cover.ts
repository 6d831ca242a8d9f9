import type { Cell } from '../cell';
import type { Period } from '../report';

/** 报告期: 2026Q3, 2026年第3季度, 2026年第三季度, 2026年三季度 (also full-width digits); null when unreadable. */
export function readPeriod(cell: Cell): Period | null {
  void cell;
  throw new Error('readPeriod: not implemented yet');
}

/** 填报日期: an Excel date (date value, or number with a date format), or text 2026-10-08 / 2026年10月8日 → 1900-system serial. */
export function readDate(cell: Cell): number | null {
  void cell;
  throw new Error('readDate: not implemented yet');
}

/** 联系电话: mainland mobile 1[3-9]xxxxxxxxx or a landline such as 0938-8212345. */
export function isPhone(cell: Cell): boolean {
  void cell;
  throw new Error('isPhone: not implemented yet');
}

/** 行政区划代码: exactly 6 digits (typed as text or a number). */
export function isDivisionCode(cell: Cell): boolean {
  void cell;
  throw new Error('isDivisionCode: not implemented yet');
}

/** The text a user sees in a cell, for messages: typed text trimmed, numbers plainly, errors by code. */
export function displayText(cell: Cell): string {
  void cell;
  throw new Error('displayText: not implemented yet');
}
