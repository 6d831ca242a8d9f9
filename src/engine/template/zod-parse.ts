/**
 * Template validation with zod: the one module of the template's loading that evaluates zod and the schema. load.ts
 * requires it on the first template that must really be validated (a user's template file, a template a return
 * carries that is not a shipped one), so a check of a standard return never pays for zod at start-up.
 */
import { z } from 'zod';
import { templateSchema, type Template } from './schema';

export type ZodTemplateResult =
  | { readonly ok: true; readonly template: Template }
  | { readonly ok: false; readonly error: string; readonly issues: readonly z.core.$ZodIssue[] };

export function zodParseTemplate(data: unknown): ZodTemplateResult {
  const r = templateSchema.safeParse(data);
  if (r.success) return { ok: true, template: r.data };
  return { ok: false, error: z.prettifyError(r.error), issues: r.error.issues };
}
