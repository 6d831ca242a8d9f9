import { isAbsolute, resolve } from 'node:path';
import { promises as fsp } from 'node:fs';
import type { Lang } from '../engine/findings';
import type { Template } from '../engine/template/schema';
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

/** The template in force: the standard one, or `--template FILE` (broken → exit 2 with zod's message on one line). */
export async function loadTemplate(ctx: Context, file: string | undefined): Promise<Template> {
  const { parseTemplateJson, standardTemplate } = await loadTemplates();
  if (file === undefined) return standardTemplate();
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
