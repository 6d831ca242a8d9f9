/** File system edges of the CLI: reading inputs with a reason when they fail, atomic writes, folder listing. */
import { promises as fsp } from 'node:fs';
import type { ReadFailure } from './messages';

export { writeFileAtomic } from './atomic-write';

export type ReadResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly failure: ReadFailure; readonly detail?: string };

export function failureFromFsError(e: unknown): { failure: ReadFailure; detail?: string } {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { failure: 'not-found' };
  if (code === 'EISDIR') return { failure: 'is-directory' };
  if (code === 'EACCES' || code === 'EPERM') return { failure: 'no-access' };
  return { failure: 'unreadable', detail: code ?? (e as Error | undefined)?.message ?? String(e) };
}

export async function readInput(path: string): Promise<ReadResult> {
  try {
    const bytes = await fsp.readFile(path);
    return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } catch (e) {
    return { ok: false, ...failureFromFsError(e) };
  }
}

export type PathKind = 'file' | 'directory' | 'missing' | 'other';

export async function pathKind(path: string): Promise<PathKind> {
  try {
    const st = await fsp.stat(path);
    return st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** The .xlsx files directly in a folder (not recursive), sorted by name, skipping Excel's `~$` lock files. */
export async function listWorkbooks(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.xlsx$/i.test(e.name) && !e.name.startsWith('~$'))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function errorDetail(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  if (err?.code === 'ENOENT') return 'ENOENT: folder does not exist';
  if (err?.code) return err.code;
  return err?.message?.split('\n')[0] ?? String(e);
}
