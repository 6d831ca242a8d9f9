/**
 * Rendering issues into findings: severity and message come from the template's rule catalogue (so a federation can
 * tune both without a rebuild); `{name}` placeholders are filled from the issue's params.
 */
import type { Finding, FindingParams, Issue, Lang, Severity } from './findings';
import type { Template } from './template/schema';

/** The severity of an issue: the rule catalogue's, except a cover field whose template entry says `warning`. */
export function severityOf(issue: Issue, template: Template): Severity {
  if (issue.rule === 'cover-field-missing') {
    const key = issue.params['key'];
    const field = template.cover.fields.find((f) => f.key === key || f.label === issue.params['label']);
    if (field && field.required) return field.required;
  }
  return template.rules[issue.rule]?.severity ?? 'error';
}

/** Substitutes `{name}` placeholders; a placeholder without a param is left as written. */
export function renderMessage(pattern: string, params: FindingParams): string {
  return pattern.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (whole, key: string) => {
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

/** Error / warning / info counts of a list of issues. */
export function countBySeverity(issues: readonly Issue[], template: Template): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) out[severityOf(i, template)]++;
  return out;
}
