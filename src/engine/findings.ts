/** Findings as typed data: a rule id (contract), a severity, where it points, and the values its message needs. */

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

/** Values substituted into a rule's message pattern ({name} placeholders). */
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

/** A finding before its message is rendered: formatters produce `Finding` from it in a chosen language. */
export interface Issue {
  readonly rule: RuleId;
  readonly sheet: string;
  readonly cell: string | null;
  readonly indicator: string | null;
  readonly params: FindingParams;
}
