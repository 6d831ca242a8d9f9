/**
 * The returns a command is asked to read (contract section 5): files as named, and every file directly in a folder.
 * .xlsx/.xlsm (and CSV, which the reader names for what it is) are read as they are; .xls, .et, .ods and .xlsb go
 * through LibreOffice when `soffice` is installed, and otherwise get their own entry naming the format and the fix.
 * Every other file in a folder is listed as not a return (a notice), never skipped silently; Office's `~$` lock files
 * aside.
 */
import { promises as fsp } from 'node:fs';
import { extname, join } from 'node:path';
import type { Context } from './context';
import { convertWithSoffice, findSoffice, needsConversion } from './convert';
import { failureFromFsError, pathKind } from './files';

/** Extensions of spreadsheet files (lower case): each gets an entry, read or with its reason. */
const SPREADSHEET = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm', '.xls', '.et', '.ett', '.ods', '.xlsb', '.csv']);

export const isSpreadsheetName = (name: string): boolean => SPREADSHEET.has(extname(name).toLowerCase());

export interface Input {
  /** As the user sees it (the path given, or folder/name). */
  readonly file: string;
  /** Where to read it from, when that is not `file` (a converted copy). */
  readonly path?: string;
  /** Why it cannot be read, decided before reading. */
  readonly error?: string;
  /** A folder named on the command line that holds no spreadsheet file (reported as a folder, not a file). */
  readonly folder?: true;
}

export interface Inputs {
  readonly inputs: readonly Input[];
  /** One line each, for stderr: files in folders that are no returns, conversions. */
  readonly notices: readonly string[];
  readonly fromFolder: boolean;
  cleanup(): Promise<void>;
}

export interface FolderListing {
  readonly spreadsheets: readonly string[];
  readonly others: readonly string[];
}

/** The files directly in a folder, sorted by name: spreadsheets, and everything else (subfolders included). */
export async function listFolder(dir: string): Promise<FolderListing> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  const spreadsheets: string[] = [];
  const others: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('~$')) continue;
    (isSpreadsheetName(e.name) && !e.isDirectory() ? spreadsheets : others).push(e.isDirectory() ? `${e.name}/` : e.name);
  }
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return { spreadsheets: spreadsheets.sort(byName), others: others.sort(byName) };
}

/**
 * Expands folders and converts what needs converting. `missing` decides what a path that does not exist becomes:
 * its own entry (check) or a refusal (merge throws from it).
 */
export async function gatherInputs(ctx: Context, paths: readonly string[], opts: { onMissing?: (p: string) => never } = {}): Promise<Inputs> {
  const inputs: Input[] = [];
  const notices: string[] = [];
  let fromFolder = false;
  for (const p of paths) {
    const kind = await pathKind(ctx.resolve(p));
    if (kind === 'missing' && opts.onMissing) opts.onMissing(p);
    if (kind !== 'directory') {
      inputs.push({ file: p });
      continue;
    }
    fromFolder = true;
    let listing: FolderListing;
    try {
      listing = await listFolder(ctx.resolve(p));
    } catch (e) {
      const f = failureFromFsError(e);
      inputs.push({ file: p, error: ctx.m.readFailure(f.failure, f.detail) });
      continue;
    }
    if (listing.spreadsheets.length === 0) inputs.push({ file: p, error: ctx.m.readFailure('no-xlsx-in-folder'), folder: true });
    for (const n of listing.spreadsheets) inputs.push({ file: join(p, n) });
    for (const n of listing.others) notices.push(`${join(p, n)}: ${ctx.m.notAReturn}`);
  }

  const toConvert = inputs.filter((i) => i.error === undefined && needsConversion(i.file));
  if (toConvert.length === 0) return { inputs, notices, fromFolder, cleanup: async () => undefined };
  const soffice = findSoffice(ctx.io.env);
  if (!soffice) {
    const out = inputs.map((i) =>
      toConvert.includes(i) ? { file: i.file, error: ctx.m.readFailure('needs-converter', extname(i.file).toLowerCase()) } : i,
    );
    return { inputs: out, notices, fromFolder, cleanup: async () => undefined };
  }
  // Files that are not there or not regular keep their own reason: only what can be read is converted.
  const readable: Input[] = [];
  for (const i of toConvert) if ((await pathKind(ctx.resolve(i.file))) === 'file') readable.push(i);
  const conversion = await convertWithSoffice(soffice, readable.map((i) => ctx.resolve(i.file)));
  const out = inputs.map((i): Input => {
    if (!readable.includes(i)) return i;
    const r = conversion.results.get(ctx.resolve(i.file));
    if (!r || !r.ok) return { file: i.file, error: ctx.m.readFailure('convert-failed', r?.detail) };
    notices.push(`${i.file}: ${ctx.m.converted}`);
    return { file: i.file, path: r.path };
  });
  return { inputs: out, notices, fromFolder, cleanup: conversion.cleanup };
}
