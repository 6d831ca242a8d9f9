/**
 * Rendering issues into findings: severity and message come from the template's rule catalogue (so a federation can
 * tune both without a rebuild); `{name}` placeholders are filled from the issue's params and where it points.
 */
import type { Finding, FindingParams, Issue, Lang, RuleId, RuleParams, Severity } from './findings';
import type { Template } from './template/schema';

/** Placeholders every message may use besides its rule's params: where the issue points. */
const PLACE_NAMES = ['sheet', 'cell', 'indicator'] as const;

type Names<P> = { readonly [K in keyof P]-?: true };

/** The params of each rule by name (the types of findings.ts, as data): what a message pattern may name. */
export const PARAM_NAMES: { readonly [R in RuleId]: Names<RuleParams[R]> } = {
  'missing-sheet': { sheet: true },
  'missing-header-row': { sheet: true, label: true },
  'missing-indicator': { indicator: true, name: true },
  'duplicate-indicator': { indicator: true, firstRow: true },
  'unknown-indicator': { indicator: true, sheet: true },
  'cover-field-missing': { label: true, key: true },
  'bad-period': { label: true, key: true, text: true },
  'bad-phone': { label: true, key: true, text: true },
  'bad-date': { label: true, key: true, text: true },
  'bad-division-code': { label: true, key: true, text: true },
  'required-missing': { indicator: true, name: true, column: true },
  'not-a-number': { indicator: true, name: true, column: true, text: true },
  'approximate-value': { indicator: true, name: true, column: true, text: true, value: true, unit: true },
  'unit-in-cell': { indicator: true, name: true, column: true, text: true, value: true, unit: true },
  'full-width-digits': { indicator: true, name: true, column: true, text: true, value: true, unit: true },
  'negative-value': { indicator: true, name: true, column: true, value: true },
  'not-integer': { indicator: true, name: true, column: true, value: true },
  'formula-error': { indicator: true, name: true, column: true, text: true },
  'future-quarter-filled': { indicator: true, name: true, column: true, value: true, quarter: true },
  'part-exceeds-total': { indicator: true, name: true, column: true, value: true, total: true, totalValue: true, totalName: true },
  'parts-sum-mismatch': { indicator: true, name: true, column: true, value: true, sum: true, parts: true },
  'rate-mismatch': { indicator: true, name: true, column: true, typed: true, computed: true, numerator: true, denominator: true },
  'rate-out-of-range': { indicator: true, name: true, column: true, rate: true },
  'stock-decrease': { indicator: true, name: true, column: true, previous: true, value: true },
  'cumulative-mismatch': { indicator: true, name: true, column: true, typed: true, expected: true },
  'plan-missing': { indicator: true, name: true, column: true },
  'outlier': { indicator: true, name: true, column: true, value: true, factor: true, reference: true },
  'target-missing': { indicator: true, name: true },
  'bad-direction': { indicator: true, name: true, text: true },
  'target-order': { indicator: true, name: true, mid: true, baseline: true, final: true },
  'base-missing': { indicator: true, name: true, target: true },
  'revised-earlier-quarter': { indicator: true, name: true, column: true, previous: true, value: true },
};

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The severity of an issue: the rule catalogue's, except a cover field whose template entry says `warning`. */
export function severityOf(issue: Issue, template: Template): Severity {
  if (issue.rule === 'cover-field-missing') {
    const { key, label } = issue.params;
    const field = template.cover.fields.find((f) => f.key === key || f.label === label);
    if (field && field.required) return field.required;
  }
  return template.rules[issue.rule]?.severity ?? 'error';
}

/** Substitutes `{name}` placeholders; a placeholder without a param is left as written. */
export function renderMessage(pattern: string, params: FindingParams): string {
  return pattern.replace(PLACEHOLDER, (whole, key: string) => {
    const v = params[key];
    return v === undefined ? whole : String(v);
  });
}

/** Issues → findings in the chosen language (zh-CN by default). Order is kept. */
export function formatFindings(issues: readonly Issue[], template: Template, lang: Lang = 'zh-CN'): Finding[] {
  return issues.map((issue) => {
    const rule = template.rules[issue.rule];
    const pattern = rule?.message[lang] ?? rule?.message['zh-CN'] ?? issue.rule;
    const params: FindingParams = {
      sheet: issue.sheet,
      cell: issue.cell ?? '',
      indicator: issue.indicator ?? '',
      ...issue.params,
    };
    return {
      rule: issue.rule,
      severity: severityOf(issue, template),
      sheet: issue.sheet,
      cell: issue.cell,
      indicator: issue.indicator,
      message: renderMessage(pattern, params),
    };
  });
}

/** A placeholder of the template's catalogue that its rule has no param for (it would be shown as written). */
export interface UnknownPlaceholder {
  readonly rule: RuleId;
  readonly lang: Lang;
  readonly name: string;
}

/** Every placeholder of the template's messages that names no param of its rule nor where the issue points. */
export function unknownPlaceholders(template: Template): UnknownPlaceholder[] {
  const out: UnknownPlaceholder[] = [];
  for (const [rule, names] of Object.entries(PARAM_NAMES) as [RuleId, Readonly<Record<string, true>>][]) {
    const entry = template.rules[rule];
    if (!entry) continue;
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [, name = ''] of entry.message[lang].matchAll(PLACEHOLDER)) {
        if (!(name in names) && !(PLACE_NAMES as readonly string[]).includes(name)) out.push({ rule, lang, name });
      }
    }
  }
  return out;
}

/** Error / warning / info counts of a list of issues. */
export function countBySeverity(issues: readonly Issue[], template: Template): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) out[severityOf(i, template)]++;
  return out;
}
