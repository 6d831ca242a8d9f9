/** Collects issues while a check runs and sorts them deterministically: template sheet order, row, column, rule. */
import { formatA1 } from '../address';
import { issueOf, type Issue, type RuleId, type RuleParams } from '../findings';

interface Entry {
  readonly issue: Issue;
  readonly sheetIndex: number;
  readonly row: number;
  readonly col: number;
}

export class IssueSink {
  private readonly entries: Entry[] = [];

  /** @param sheetOrder sheet names in template order; others sort after them by name. */
  constructor(private readonly sheetOrder: readonly string[]) {}

  /** An issue at (row, col) on `sheet`, or at no cell when `row` is 0. */
  add<R extends RuleId>(rule: R, sheet: string, row: number, col: number, indicator: string | null, params: RuleParams[R]): void {
    const cell = row > 0 && col > 0 ? formatA1({ row, col }) : null;
    const i = this.sheetOrder.indexOf(sheet);
    this.entries.push({
      issue: issueOf(rule, sheet, cell, indicator, params),
      sheetIndex: i < 0 ? this.sheetOrder.length : i,
      row: cell ? row : 0,
      col: cell ? col : 0,
    });
  }

  /** The issues in the order they were added. */
  added(): Issue[] {
    return this.entries.map((e) => e.issue);
  }

  get size(): number {
    return this.entries.length;
  }

  sorted(): Issue[] {
    return [...this.entries]
      .sort(
        (a, b) =>
          a.sheetIndex - b.sheetIndex ||
          (a.sheetIndex === this.sheetOrder.length ? cmp(a.issue.sheet, b.issue.sheet) : 0) ||
          a.row - b.row ||
          a.col - b.col ||
          cmp(a.issue.rule, b.issue.rule) ||
          cmp(a.issue.indicator ?? '', b.issue.indicator ?? ''),
      )
      .map((e) => e.issue);
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
