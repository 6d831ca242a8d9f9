/**
 * Which template the pane applies (spec section 7): the one the return carries (its very hidden 模板定义 sheet, as
 * `new --template` writes it), else one the user loaded once (remembered in this pane's storage), else the standard
 * one — and, where the return's 封面 stamp names another shipped version, that version. Pure but for the storage.
 */
import { templateFromSheet, EMBEDDED_TEMPLATE_SHEET } from '../engine/template/embed';
import { knownTemplates, parseTemplateJson } from '../engine/template/load';
import type { TemplateStamp } from '../engine/report';
import type { Template } from '../engine/template/schema';
import type { WorkbookHost } from './host';

export type TemplateSource = 'standard' | 'embedded' | 'shipped' | 'loaded';

export interface AppliedTemplate {
  readonly template: Template;
  readonly source: TemplateSource;
}

export type TemplateProblem =
  | { readonly kind: 'embedded-broken'; readonly detail: string }
  | { readonly kind: 'unknown-version'; readonly stamp: string };

const STORAGE_KEY = 'fulian-returns.template';

/** Storage the pane may use; absent or refusing (private mode, a locked-down webview) means nothing is remembered. */
export interface TemplateMemory {
  load(): string | null;
  save(json: string | null): void;
}

export const browserMemory: TemplateMemory = {
  load: () => {
    try {
      return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  },
  save: (json) => {
    try {
      if (json === null) globalThis.localStorage?.removeItem(STORAGE_KEY);
      else globalThis.localStorage?.setItem(STORAGE_KEY, json);
    } catch {
      // Not remembered: it still applies for this session.
    }
  },
};

/** The template to check the open workbook with, before its first check. */
export async function resolveTemplate(
  host: WorkbookHost,
  standard: Template,
  memory: TemplateMemory,
): Promise<{ applied: AppliedTemplate; problem: TemplateProblem | null }> {
  if (host.readSheet) {
    const sheet = await host.readSheet(EMBEDDED_TEMPLATE_SHEET);
    const carried = sheet ? templateFromSheet(sheet) : null;
    if (carried?.ok) return { applied: { template: carried.template, source: 'embedded' }, problem: null };
    if (carried && !carried.ok) {
      return { applied: { template: standard, source: 'standard' }, problem: { kind: 'embedded-broken', detail: carried.error.split('\n')[0] ?? '' } };
    }
  }
  return { applied: remembered(standard, memory), problem: null };
}

/** Without the return's own template: the remembered one, else the standard one. Synchronous. */
export function remembered(standard: Template, memory: TemplateMemory): AppliedTemplate {
  const json = memory.load();
  if (json !== null) {
    const r = parseTemplateJson(json);
    if (r.ok) return { template: r.template, source: 'loaded' };
    memory.save(null);
  }
  return { template: standard, source: 'standard' };
}

/**
 * After a check with the standard template: the shipped version the return's stamp names, if it is another one; an
 * unknown version is a problem to show. Templates the return carries or the user loaded are never second-guessed.
 */
export function followStamp(applied: AppliedTemplate, stamp: TemplateStamp | null | undefined): AppliedTemplate | TemplateProblem | null {
  if (applied.source !== 'standard' || !stamp) return null;
  const key = `${stamp.id} ${stamp.version}`.trim();
  if (key === `${applied.template.id} ${applied.template.version}`) return null;
  const shipped = knownTemplates().find((t) => `${t.id} ${t.version}` === key);
  return shipped ? { template: shipped, source: 'shipped' } : { kind: 'unknown-version', stamp: key };
}
