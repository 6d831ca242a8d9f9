/**
 * Findings as typed data, zod-style: each rule id (contract section 4) has its own params — the values its message
 * pattern may name — and `Issue` is the union of them, discriminated on `rule`. Messages are rendered later, from the
 * template's catalogue (messages.ts); the wire shape `Finding` carries the rendered message only.
 */

export const RULE_IDS = [
  'missing-sheet',
  'missing-header-row',
  'missing-indicator',
  'duplicate-indicator',
  'unknown-indicator',
  'cover-field-missing',
  'bad-period',
  'bad-phone',
  'bad-date',
  'bad-division-code',
  'required-missing',
  'not-a-number',
  'approximate-value',
  'unit-in-cell',
  'full-width-digits',
  'negative-value',
  'not-integer',
  'formula-error',
  'future-quarter-filled',
  'part-exceeds-total',
  'parts-sum-mismatch',
  'rate-mismatch',
  'rate-out-of-range',
  'stock-decrease',
  'cumulative-mismatch',
  'plan-missing',
  'outlier',
  'target-missing',
  'bad-direction',
  'target-order',
  'base-missing',
  'revised-earlier-quarter',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'zh-CN' | 'en';

/** An indicator's row (a data sheet's or a 两纲监测 row): its code and name. */
export interface RowParams {
  readonly indicator: string;
  readonly name: string;
}
/** A cell of an indicator's row: the row, and the label of the cell's column (第三季度, 年计划, 累计 …). */
export interface CellParams extends RowParams {
  readonly column: string;
}
/** A 封面 field: its label and template key. */
export interface FieldParams {
  readonly label: string;
  readonly key: string;
}
/** A value the reader refused (not-a-number, formula-error): what the cell shows. */
export interface RefusedParams extends CellParams {
  readonly text: string;
}
/** A value the reader read with a note (approximate-value, unit-in-cell, full-width-digits): as typed, as read, the unit. */
export interface NoteParams extends CellParams {
  readonly text: string;
  readonly value: string;
  readonly unit: string;
}
/** A number out of bounds (negative-value, not-integer), as the message shows it. */
export interface ValueParams extends CellParams {
  readonly value: string;
}
/** A value that fell (stock-decrease) or changed since the previous return (revised-earlier-quarter). */
export interface ChangeParams extends CellParams {
  readonly previous: string;
  readonly value: string;
}

/** Each rule's params, by rule id: the values its message pattern may name. */
export interface RuleParams {
  'missing-sheet': { readonly sheet: string };
  'missing-header-row': { readonly sheet: string; readonly label: string };
  'missing-indicator': RowParams;
  'duplicate-indicator': { readonly indicator: string; readonly firstRow: number };
  'unknown-indicator': { readonly indicator: string; readonly sheet: string };
  'cover-field-missing': FieldParams;
  'bad-period': FieldParams & { readonly text: string };
  'bad-phone': FieldParams & { readonly text: string };
  'bad-date': FieldParams & { readonly text: string };
  'bad-division-code': FieldParams & { readonly text: string };
  'required-missing': CellParams;
  'not-a-number': RefusedParams;
  'approximate-value': NoteParams;
  'unit-in-cell': NoteParams;
  'full-width-digits': NoteParams;
  'negative-value': ValueParams;
  'not-integer': ValueParams;
  'formula-error': RefusedParams;
  'future-quarter-filled': ValueParams & { readonly quarter: number };
  'part-exceeds-total': ValueParams & { readonly total: string; readonly totalValue: string; readonly totalName: string };
  'parts-sum-mismatch': ValueParams & { readonly sum: string; readonly parts: string };
  'rate-mismatch': CellParams & { readonly typed: string; readonly computed: string; readonly numerator: string; readonly denominator: string };
  'rate-out-of-range': CellParams & { readonly rate: string };
  'stock-decrease': ChangeParams;
  'cumulative-mismatch': CellParams & { readonly typed: string; readonly expected: string };
  'plan-missing': CellParams;
  'outlier': ValueParams & { readonly factor: number; readonly reference: string };
  'target-missing': RowParams;
  'bad-direction': RowParams & { readonly text: string };
  'target-order': RowParams & { readonly mid: string; readonly baseline: string; readonly final: string };
  'base-missing': RowParams & { readonly target: string };
  'revised-earlier-quarter': ChangeParams;
}

/** One issue of rule `R`: where it points, and that rule's own params. */
export interface IssueOf<R extends RuleId> {
  readonly rule: R;
  readonly sheet: string;
  /** A1 address on `sheet`, or null (missing sheet, header row or indicator). */
  readonly cell: string | null;
  readonly indicator: string | null;
  readonly params: RuleParams[R];
}

/** A finding before its message is rendered, discriminated on `rule` (`Issue<'outlier'>` is one rule's). */
export type Issue<R extends RuleId = RuleId> = { readonly [K in R]: IssueOf<K> }[R];

/** Values substituted into a message pattern ({name} placeholders): an issue's params, and where it points. */
export type FindingParams = Readonly<Record<string, string | number>>;

/** The wire shape of a finding (spec section 4): what `check --json` prints and hosts display. */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly sheet: string;
  /** A1 address on `sheet`, or null (missing sheet, header row or indicator). */
  readonly cell: string | null;
  readonly indicator: string | null;
  readonly message: string;
}

/** Builds an issue of one rule; the params are that rule's (the one place the union is assembled from its parts). */
export function issueOf<R extends RuleId>(rule: R, sheet: string, cell: string | null, indicator: string | null, params: RuleParams[R]): Issue {
  return { rule, sheet, cell, indicator, params } as IssueOf<RuleId> as Issue;
}

/** Narrows an issue to one rule's, so its params are typed. */
export const isIssueOf = <R extends RuleId>(issue: Issue, rule: R): issue is Extract<Issue, { readonly rule: R }> => issue.rule === rule;

/** A rule's params less those its caller adds: what a rule module itself reports (`Own<'outlier', CellParams>`). */
export type OwnParams<R extends RuleId, Added> = Omit<RuleParams[R], keyof Added>;

/** A rule's full params from what its caller adds and what the rule reported (the one cast of the join). */
export const joinParams = <R extends RuleId, Added extends object>(added: Added, own: OwnParams<R, Added>): RuleParams[R] =>
  ({ ...added, ...own }) as unknown as RuleParams[R];
