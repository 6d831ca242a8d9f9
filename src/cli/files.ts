/** File system edges of the CLI: reading inputs with a reason when they fail, atomic writes, folder listing. */
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fsp, readSync, statSync } from 'node:fs';
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

/** No return comes near this; a bigger file is refused before it is read (and reading stops here if it grows). */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

/** What a path is that is not a regular file, for the refusal line. */
function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  return 'special file';
}

/**
 * Reads a regular file (a symlink is followed to one): anything else — a folder, a FIFO, a device, a socket — is
 * refused from its stat before it is opened, so a FIFO cannot hang the run and /dev/zero cannot fill memory. The
 * opened file is checked again with fstat (O_NONBLOCK: a FIFO swapped in meanwhile does not block the open), its size
 * held to `maxBytes`, and reading stops there even if the file grows while it is read.
 *
 * The calls are synchronous (the promise is for the callers): the CLI reads one file at a time on each thread, and
 * the round trips through libuv's thread pool (stat, open, fstat, read, read, close) left the thread idle for a third
 * of a serial `check` (bench/reader.bench.ts: the CLI against openpyxl).
 */
export async function readInput(path: string, maxBytes = MAX_INPUT_BYTES): Promise<ReadResult> {
  return Promise.resolve(readInputSync(path, maxBytes));
}

function readInputSync(path: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, failure: 'is-directory' };
    if (!st.isFile()) return { ok: false, failure: 'not-regular', detail: kindOf(st) };
    if (st.size > maxBytes) return { ok: false, failure: 'file-too-large' };
    fd = openSync(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOCTTY ?? 0));
    const fst = fstatSync(fd);
    if (!fst.isFile()) return { ok: false, failure: 'not-regular', detail: kindOf(fst) };
    if (fst.size > maxBytes) return { ok: false, failure: 'file-too-large' };
    let buf = new Uint8Array(Math.max(fst.size, 1));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (buf.length > maxBytes) return { ok: false, failure: 'file-too-large' };
        const bigger = new Uint8Array(Math.min(buf.length * 2, maxBytes + 1));
        bigger.set(buf);
        buf = bigger;
      }
      const bytesRead = readSync(fd, buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { ok: false, failure: 'file-too-large' };
    return { ok: true, bytes: buf.subarray(0, length) };
  } catch (e) {
    return { ok: false, ...failureFromFsError(e) };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // nothing to do: the bytes are read
      }
    }
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

export function errorDetail(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  if (err?.code === 'ENOENT') return 'ENOENT: folder does not exist';
  if (err?.code) return err.code;
  return err?.message?.split('\n')[0] ?? String(e);
}
