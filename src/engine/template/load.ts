import { z } from 'zod';
import standard from '../../templates/fulian-quarterly.json';
import { templateSchema, type Template } from './schema';

export type TemplateResult =
  | { readonly ok: true; readonly template: Template }
  | { readonly ok: false; readonly error: string; readonly issues: readonly z.core.$ZodIssue[] };

/** Validates template data (already parsed from JSON); a broken template yields a precise message, never a throw. */
export function parseTemplate(data: unknown): TemplateResult {
  const r = templateSchema.safeParse(data);
  if (r.success) return { ok: true, template: r.data };
  return { ok: false, error: z.prettifyError(r.error), issues: r.error.issues };
}

/** Parses template JSON text; JSON syntax errors come back as errors too. */
export function parseTemplateJson(json: string): TemplateResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: `template is not valid JSON: ${(e as Error).message}`, issues: [] };
  }
  return parseTemplate(data);
}

let cached: Template | undefined;

/** The standard template `fulian-quarterly` shipped with the product. */
export function standardTemplate(): Template {
  if (!cached) {
    const r = parseTemplate(standard);
    if (!r.ok) throw new Error(`the shipped standard template is invalid:\n${r.error}`);
    cached = r.template;
  }
  return cached;
}
