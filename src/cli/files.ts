/** File system edges of the CLI: reading inputs with a reason when they fail, atomic writes, folder listing. */
import { randomBytes } from 'node:crypto';
import { promises as fsp, constants as fsConstants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ReadFailure } from './messages';

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

/**
 * Writes `bytes` to `target` atomically: a temp file in the target's folder, fsync, then rename over the
 * target. A reader sees the old file or the new one, never half of either. With `noClobber`, an existing
 * target is never replaced (a hard link claims the name atomically; rename after a check where links fail).
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, opts: { noClobber?: boolean } = {}): Promise<void> {
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await fsp.stat(target)).mode & 0o777;
  } catch {
    mode = undefined;
  }
  // A file its owner marked read-only is not replaced behind their back (rename would allow it).
  if (mode !== undefined && (mode & 0o222) === 0 && !opts.noClobber) {
    throw Object.assign(new Error(`EROFILE: ${target} is read-only`), { code: 'EROFILE' });
  }
  const fh = await fsp.open(temp, 'wx', mode ?? 0o666);
  let tempExists = true;
  try {
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (mode !== undefined) await fsp.chmod(temp, mode).catch(() => undefined);
    if (opts.noClobber) {
      let linked = false;
      try {
        await fsp.link(temp, target);
        linked = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
      }
      if (linked) {
        await fsp.unlink(temp);
        tempExists = false;
      } else {
        await fsp.access(target, fsConstants.F_OK).then(
          () => {
            throw Object.assign(new Error(`EEXIST: ${target}`), { code: 'EEXIST' });
          },
          () => undefined,
        );
        await fsp.rename(temp, target);
        tempExists = false;
      }
    } else {
      await fsp.rename(temp, target);
      tempExists = false;
    }
    await syncDir(dir);
  } finally {
    if (tempExists) await fsp.unlink(temp).catch(() => undefined);
  }
}

/** Makes the rename durable where the platform allows fsync on a folder (not on Windows). */
async function syncDir(dir: string): Promise<void> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(dir, 'r');
    await fh.sync();
  } catch {
    // best effort
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

export function errorDetail(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  if (err?.code === 'ENOENT') return 'ENOENT: folder does not exist';
  if (err?.code) return err.code;
  return err?.message?.split('\n')[0] ?? String(e);
}
