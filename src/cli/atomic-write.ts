/**
 * Writing an output file safely: only ever a regular file (a device, FIFO, socket or folder is refused before anything
 * is opened; a symbolic link is followed to the regular file it names, and the caller is told), atomically (a temp
 * file beside the target, fsync, rename), and never leaving temp files behind: removed on SIGINT/SIGTERM, and those
 * of dead processes (SIGKILL, power loss) cleaned beside the target at the next write.
 */
import { promises as fsp, constants as fsConstants, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Messages } from './messages';

export type NotRegularKind = 'directory' | 'fifo' | 'socket' | 'device' | 'dangling-link';

/** Thrown (code ENOTREG) when the target is not a regular file. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(
    readonly path: string,
    readonly kind: NotRegularKind,
  ) {
    super(`ENOTREG: ${path} is a ${kind}`);
    this.name = 'NotRegularFileError';
  }
}

export interface WriteOutcome {
  /** The file written: the target itself, or the regular file a symbolic link target names. */
  readonly written: string;
  /** True when `target` was a symbolic link and `written` is the file it points to. */
  readonly viaLink: boolean;
}

function kindOf(st: Stats): NotRegularKind | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'device';
}

/** Where a write to `target` must go, refusing anything but a regular file (or a new name in a folder). */
export async function resolveOutput(target: string): Promise<WriteOutcome & { exists: boolean }> {
  let st: Stats;
  try {
    st = await fsp.lstat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { written: target, viaLink: false, exists: false };
    throw e;
  }
  if (!st.isSymbolicLink()) {
    const kind = kindOf(st);
    if (kind) throw new NotRegularFileError(target, kind);
    return { written: target, viaLink: false, exists: true };
  }
  let real: string;
  try {
    real = await fsp.realpath(target);
  } catch {
    throw new NotRegularFileError(target, 'dangling-link');
  }
  const kind = kindOf(await fsp.stat(real));
  if (kind) throw new NotRegularFileError(target, kind);
  return { written: real, viaLink: true, exists: true };
}

// Live temp files of this process, removed if a signal ends it first.
const live = new Set<string>();
let handlersInstalled = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const t of live) {
    try {
      unlinkSync(t);
    } catch {
      // already gone
    }
  }
  live.clear();
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  // End as the signal would have ended us (exit status 128 + n), now that nothing is left behind.
  process.kill(process.pid, signal);
}

function track(temp: string): void {
  live.add(temp);
  if (!handlersInstalled) {
    handlersInstalled = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}

function untrack(temp: string): void {
  live.delete(temp);
  if (live.size === 0 && handlersInstalled) {
    handlersInstalled = false;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** node:crypto on the first write (a check writes nothing, and loading it is a few ms of every start). */
function randomHex(bytes: number): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load
  return (require('node:crypto') as typeof import('node:crypto')).randomBytes(bytes).toString('hex');
}

const tempName = (target: string): string => join(dirname(target), `.${basename(target)}.${process.pid}.${randomHex(6)}.tmp`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `.NAME.PID.HEX.tmp` files beside `target` left by processes that no longer run. Returns their names. */
export async function cleanStaleTemps(target: string): Promise<string[]> {
  const dir = dirname(target);
  const base = basename(target);
  const prefix = `.${base}.`;
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith('.tmp')) continue;
    const m = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(n.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    const p = join(dir, n);
    const st = await fsp.lstat(p).catch(() => undefined);
    if (!st?.isFile()) continue;
    await fsp.unlink(p).then(
      () => removed.push(n),
      () => undefined,
    );
  }
  return removed;
}

/**
 * Writes `bytes` to `target` atomically: a temp file in the target's folder, fsync, then rename over the target. A
 * reader sees the old file or the new one, never half of either. With `noClobber`, an existing target is never
 * replaced (a hard link claims the name atomically; rename after a check where links fail).
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, opts: { noClobber?: boolean } = {}): Promise<WriteOutcome> {
  const out = await resolveOutput(target);
  if (opts.noClobber && out.exists) throw Object.assign(new Error(`EEXIST: ${target}`), { code: 'EEXIST' });
  const file = out.written;
  const dir = dirname(file);
  let mode: number | undefined;
  try {
    mode = (await fsp.stat(file)).mode & 0o777;
  } catch {
    mode = undefined;
  }
  // A file its owner marked read-only is not replaced behind their back (rename would allow it).
  if (mode !== undefined && (mode & 0o222) === 0 && !opts.noClobber) {
    throw Object.assign(new Error(`EROFILE: ${file} is read-only`), { code: 'EROFILE' });
  }
  await cleanStaleTemps(file);
  const temp = tempName(file);
  track(temp);
  let tempExists = false;
  try {
    let fh: fsp.FileHandle;
    try {
      fh = await fsp.open(temp, 'wx', mode ?? 0o666);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // The folder refuses new files: say so (the file itself may well be writable).
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw Object.assign(new Error(`EDIRRO: ${dir}`), { code: 'EDIRRO', dir });
      throw e;
    }
    tempExists = true;
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
        await fsp.link(temp, file);
        linked = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
      }
      if (linked) {
        await fsp.unlink(temp);
        tempExists = false;
      } else {
        await fsp.access(file, fsConstants.F_OK).then(
          () => {
            throw Object.assign(new Error(`EEXIST: ${file}`), { code: 'EEXIST' });
          },
          () => undefined,
        );
        await fsp.rename(temp, file);
        tempExists = false;
      }
    } else {
      await fsp.rename(temp, file);
      tempExists = false;
    }
    await syncDir(dir);
  } finally {
    if (tempExists) await fsp.unlink(temp).catch(() => undefined);
    untrack(temp);
  }
  return { written: file, viaLink: out.viaLink };
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

/** The one line for a failed write of `out`, for any command that writes a file. */
export function writeFailure(m: Messages, out: string, e: unknown, errorDetail: (e: unknown) => string): string {
  const err = e as NodeJS.ErrnoException & { kind?: NotRegularKind; dir?: string };
  if (err instanceof NotRegularFileError) return m.notRegular(out, err.kind);
  if (err?.code === 'EROFILE') return m.readOnly(out);
  if (err?.code === 'EDIRRO') return m.folderReadOnly(out, err.dir ?? dirname(out));
  if (err?.code === 'EEXIST') return m.outputExists(out);
  if (err?.code === 'EISDIR') return m.notRegular(out, 'directory');
  return m.writeFailed(out, errorDetail(e));
}
