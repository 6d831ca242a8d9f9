/**
 * Which template checks a return: the one the user named (`--template`), else the one the return carries (its
 * embedded template sheet, when its stamp agrees), else the shipped version its 封面 stamp names, else — no stamp —
 * the standard template in force. A stamp naming a version this build does not know is refused, never guessed.
 */
import { stampOf } from '../validate/cover';
import type { WorkbookView } from '../workbook';
import { readEmbeddedTemplate } from './embed';
import { knownTemplates, standardTemplate } from './load';
import type { Template } from './schema';

export type TemplateChoice =
  | { readonly ok: true; readonly template: Template; readonly source: 'given' | 'embedded' | 'shipped' | 'default' }
  | { readonly ok: false; readonly reason: 'unknown-version'; readonly stamp: string }
  | { readonly ok: false; readonly reason: 'embedded-broken'; readonly error: string };

export const templateKey = (t: { readonly id: string; readonly version: string }): string => `${t.id} ${t.version}`.trim();

export function chooseTemplate(view: WorkbookView, given?: Template, known: readonly Template[] = knownTemplates()): TemplateChoice {
  if (given) return { ok: true, template: given, source: 'given' };
  const fallback = known[0] ?? standardTemplate();
  const embedded = readEmbeddedTemplate(view);
  if (embedded && !embedded.ok) return { ok: false, reason: 'embedded-broken', error: embedded.error };
  const own = embedded?.ok ? embedded.template : undefined;
  const stamp = stampOf(view, own ?? fallback);
  const key = stamp ? templateKey(stamp) : null;
  if (own && (key === null || key === templateKey(own))) return { ok: true, template: own, source: 'embedded' };
  if (key === null) return { ok: true, template: fallback, source: 'default' };
  const shipped = known.find((t) => templateKey(t) === key);
  if (shipped) return { ok: true, template: shipped, source: 'shipped' };
  return { ok: false, reason: 'unknown-version', stamp: key };
}
