/**
 * .xls, .et, .ods (and .xlsb) read through LibreOffice: each file is copied into a private temporary folder and
 * converted there to .xlsx by one headless `soffice` run for all of them (it is slow to start), with its own
 * throw-away profile. The originals are never opened for writing; the temporary folder goes when the command ends.
 */
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, extname, join } from 'node:path';

/** The extensions LibreOffice converts for us (lower case, with the dot). */
export const CONVERTED_EXTENSIONS: ReadonlySet<string> = new Set(['.xls', '.et', '.ods', '.xlsb']);

export const needsConversion = (file: string): boolean => CONVERTED_EXTENSIONS.has(extname(file).toLowerCase());

/** `soffice` on the run's PATH (FULIAN_SOFFICE names another), or undefined. */
export function findSoffice(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const explicit = env['FULIAN_SOFFICE'];
  const candidates = explicit ? [explicit] : (env['PATH'] ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'soffice'));
  for (const c of candidates) {
    try {
      if (!statSync(c).isFile()) continue;
      accessSync(c, fsConstants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return undefined;
}

export type Converted = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly detail: string };

export interface Conversion {
  readonly results: ReadonlyMap<string, Converted>;
  /** Removes the temporary folder. */
  cleanup(): Promise<void>;
}

const TIMEOUT_MS = 180_000;

/** Converts every absolute path in `files` to .xlsx; one soffice run. */
export async function convertWithSoffice(soffice: string, files: readonly string[]): Promise<Conversion> {
  const work = await fsp.mkdtemp(join(tmpdir(), 'fulian-convert-'));
  const inDir = join(work, 'in');
  const outDir = join(work, 'out');
  const profile = join(work, 'profile');
  await fsp.mkdir(inDir);
  await fsp.mkdir(outDir);
  const results = new Map<string, Converted>();
  const copies: string[] = [];
  for (const [i, f] of files.entries()) {
    const copy = join(inDir, `${i}${extname(f).toLowerCase()}`);
    try {
      await fsp.copyFile(f, copy);
      copies.push(copy);
    } catch (e) {
      results.set(f, { ok: false, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
    }
  }
  let failure: string | undefined;
  if (copies.length > 0) {
    // Loaded here: node:child_process (and node:net under it) is a few ms of every start that converts nothing.
    const { execFile } = await import('node:child_process');
    failure = await new Promise<string | undefined>((resolve) => {
      execFile(
        soffice,
        [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...copies],
        { timeout: TIMEOUT_MS, env: { ...process.env, HOME: work }, maxBuffer: 1024 * 1024 },
        (err) => resolve(err ? (err.killed ? `soffice timed out after ${TIMEOUT_MS / 1000} s` : `soffice: ${err.message.split('\n')[0]}`) : undefined),
      );
    });
  }
  for (const [i, f] of files.entries()) {
    if (results.has(f)) continue;
    const out = join(outDir, `${i}.xlsx`);
    try {
      await fsp.access(out);
      results.set(f, { ok: true, path: out });
    } catch {
      results.set(f, { ok: false, detail: failure ?? 'soffice wrote no .xlsx' });
    }
  }
  return { results, cleanup: () => fsp.rm(work, { recursive: true, force: true }) };
}
