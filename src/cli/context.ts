import { isAbsolute, resolve } from 'node:path';
import { promises as fsp } from 'node:fs';
import type { Lang } from '../engine/findings';
import type { TemplateChoice } from '../engine/template/choose';
import type { Template } from '../engine/template/schema';
import type { WorkbookView } from '../engine/workbook';
import type { OptionsSpec, ParsedArgs } from './args';
import { errorDetail } from './files';
import { loadTemplates } from './lazy';
import { CliError, type CliIO } from './io';
import { messages, type Messages } from './messages';

/** What every command runs with: the IO, the language of its messages, and path resolution. */
export interface Context {
  readonly io: CliIO;
  readonly lang: Lang;
  readonly m: Messages;
  /** stdout colours on (TTY and no NO_COLOR). */
  readonly color: boolean;
  /** A command-line path resolved against the run's cwd. */
  resolve(path: string): string;
}

export function makeContext(io: CliIO, lang: Lang, color: boolean): Context {
  return {
    io,
    lang,
    m: messages(lang),
    color,
    resolve: (p) => (isAbsolute(p) ? p : resolve(io.cwd, p)),
  };
}

export interface Command {
  readonly name: string;
  readonly summary: Readonly<Record<Lang, string>>;
  /** Full `--help` text (usage, options, exit codes), without a trailing newline. */
  readonly help: Readonly<Record<Lang, string>>;
  /** The command's own options; --help/-h and --lang are added for every command. */
  readonly options: OptionsSpec;
  run(ctx: Context, args: ParsedArgs): Promise<number>;
}

/**
 * The template in force: the standard one, or `--template FILE` (broken → exit 2 with zod's message on one line).
 * `--template 2026.2` (or `fulian-quarterly 2026.2`) names a shipped version, when no file of that name exists.
 */
export async function loadTemplate(ctx: Context, file: string | undefined): Promise<Template> {
  const { parseTemplateJson, standardTemplate, knownTemplate } = await loadTemplates();
  if (file === undefined) return standardTemplate();
  const shipped = knownTemplate(file);
  if (shipped && !(await fsp.stat(ctx.resolve(file)).then(() => true, () => false))) return shipped;
  let text: string;
  try {
    text = await fsp.readFile(ctx.resolve(file), 'utf8');
  } catch (e) {
    throw new CliError(ctx.m.templateUnreadable(file, errorDetail(e)));
  }
  const r = parseTemplateJson(text.replace(/^\uFEFF/, ''));
  if (!r.ok) throw new CliError(ctx.m.templateBroken(file, oneLine(r.error)));
  return r.template;
}

/** Multi-line messages (zod's prettified errors) folded into one line for stderr. */
export function oneLine(s: string): string {
  return s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('; ');
}

/** True when `template` is one the user named, not the standard one in force by default (main thread only). */
export function isExplicit(lib: { standardTemplate: () => Template }, template: Template): boolean {
  return template !== lib.standardTemplate();
}

/**
 * The template one return is checked with (engine/template/choose.ts). `template` is the one in force: a template the
 * user named with `--template` checks every return; the standard one lets each return choose — the template it
 * carries, else the shipped version its stamp names, else the standard one. An unknown version or a broken embedded
 * template is one line saying so.
 */
export function templateForReturn(
  ctx: Context,
  lib: { chooseTemplate: (view: WorkbookView, given?: Template) => TemplateChoice; standardTemplate: () => Template },
  view: WorkbookView,
  template: Template,
): { ok: true; template: Template } | { ok: false; error: string } {
  const c = lib.chooseTemplate(view, isExplicit(lib, template) ? template : undefined);
  return c.ok ? { ok: true, template: c.template } : { ok: false, error: choiceError(ctx, c) };
}

export function choiceError(ctx: Context, c: Extract<TemplateChoice, { ok: false }>): string {
  return c.reason === 'unknown-version' ? ctx.m.unknownTemplateVersion(c.stamp) : ctx.m.embeddedTemplateBroken(oneLine(c.error));
}
