import standard from '../../templates/fulian-quarterly.json';
import standard2026v2 from '../../templates/fulian-quarterly-2026.2.json';
import type { Template } from './schema';
import type { ZodTemplateResult } from './zod-parse';

export type TemplateResult = ZodTemplateResult;

/**
 * The shipped templates as this build carries them. Each file is already what the schema makes of it, key order
 * included (test/engine/template-shipped.test.ts validates them with zod), so they are used as they are: validating
 * them again at every start-up was a fifth of a one-file check.
 */
const SHIPPED = [standard, standard2026v2] as unknown as readonly Template[];

let zod: typeof import('./zod-parse') | undefined;

/**
 * zod and the schema, loaded synchronously on the first template that must be validated: parseTemplate stays
 * synchronous for every host, and a return checked with a shipped template never evaluates zod.
 */
function validator(): typeof import('./zod-parse') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load that must stay synchronous
  return (zod ??= require('./zod-parse') as typeof import('./zod-parse'));
}

/**
 * Rules added after a template version was published: a federation's own template written before them still loads,
 * with the standard definition of each (severity and messages), instead of failing on a rule it could not know.
 */
const LATER_RULES = ['base-missing'] as const;

function withLaterRules(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const rules = (data as { rules?: unknown }).rules;
  if (typeof rules !== 'object' || rules === null) return data;
  const missing = LATER_RULES.filter((r) => !(r in rules));
  if (missing.length === 0) return data;
  const defaults = (standard as { rules: Record<string, unknown> }).rules;
  return { ...data, rules: { ...rules, ...Object.fromEntries(missing.map((r) => [r, defaults[r]])) } };
}

/** Validates template data (already parsed from JSON); a broken template yields a precise message, never a throw. */
export function parseTemplate(data: unknown): TemplateResult {
  return validator().zodParseTemplate(withLaterRules(data));
}

let shippedJson: readonly string[] | undefined;

/**
 * Parses template JSON text; JSON syntax errors come back as errors too. Text that is a shipped template exactly as
 * embedTemplate writes it (JSON.stringify of the template) is what zod would return for it, so it is taken without
 * zod (a fresh object, as zod's would be); any other text, one character edited, is validated.
 */
export function parseTemplateJson(json: string): TemplateResult {
  shippedJson ??= SHIPPED.map((t) => JSON.stringify(t));
  if (shippedJson.includes(json)) return { ok: true, template: JSON.parse(json) as Template };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: `template is not valid JSON: ${(e as Error).message}`, issues: [] };
  }
  return parseTemplate(data);
}

/**
 * Every version of the standard template this build knows, oldest first: 2026.1 (the one in force, whose layout the
 * contract describes) and 2026.2 (A09 named 创业担保贷款（小额担保贷款）发放金额; two-plan default rows with the 2030
 * targets plans write as relative, qualitative or approximate; 责任单位 and 统计年度 columns). A return stamped with
 * either is checked and merged with its own version.
 */
export function knownTemplates(): readonly Template[] {
  return SHIPPED;
}

/** The standard template `fulian-quarterly` in force (2026.1): what `new` makes and unstamped returns are read as. */
export function standardTemplate(): Template {
  const [standard] = knownTemplates();
  if (!standard) throw new Error('no template is shipped');
  return standard;
}

/** A shipped version by its stamp (`fulian-quarterly 2026.2`) or its version alone (`2026.2`), else undefined. */
export function knownTemplate(idOrVersion: string, version?: string): Template | undefined {
  const [id, v] = version === undefined ? splitStamp(idOrVersion) : [idOrVersion, version];
  return knownTemplates().find((t) => t.version === v && (id === '' || t.id === id));
}

function splitStamp(s: string): [string, string] {
  const words = s.trim().split(/\s+/);
  if (words.length === 1) return ['', words.join('')];
  const version = words.pop() ?? '';
  return [words.join(' '), version];
}
