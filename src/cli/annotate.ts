/**
 * `check … --annotate OUTDIR`: an annotated copy of each readable return (same file name) for sending back. The
 * copies never land on an input (same path, or another name for the same file): that, or two inputs sharing a
 * name, stops the run before anything is written (exit 2). Each copy is written atomically.
 */
import { promises as fsp } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { writeFailure } from './atomic-write';
import { terminalText as tt } from './terminal-text';
import type { Context } from './context';
import { errorDetail, readInput } from './files';
import { CliError } from './io';
import type { FileResult } from './results';

const words = {
  'zh-CN': {
    notDir: (d: string) => `--annotate ${d} 不是文件夹`,
    overInput: (f: string) => `--annotate 的副本 ${f} 会覆盖被检查的报表，请换一个文件夹`,
    sameName: (n: string) => `--annotate：有两份报表都叫 ${n}，副本会互相覆盖，请分开检查`,
    failed: (f: string, d: string) => `${f}：未能写出批注副本（${d}）`,
    wrote: (n: number, d: string) => `已写出 ${n} 份批注副本（退回修改用）到 ${d}`,
    notXlsx: (f: string) => `${f}：批注副本只写 .xlsx/.xlsm 报表，此文件请先另存为 .xlsx`,
  },
  en: {
    notDir: (d: string) => `--annotate ${d} is not a folder`,
    overInput: (f: string) => `--annotate would write ${f} over a return being checked; choose another folder`,
    sameName: (n: string) => `--annotate: two returns are both named ${n} and their copies would collide; check them apart`,
    failed: (f: string, d: string) => `${f}: no annotated copy (${d})`,
    wrote: (n: number, d: string) => `wrote ${n} annotated cop${n === 1 ? 'y' : 'ies'} (to send back) into ${d}`,
    notXlsx: (f: string) => `${f}: annotated copies are written for .xlsx/.xlsm returns only; save this one as .xlsx first`,
  },
} as const;

async function identity(path: string): Promise<string | null> {
  try {
    const st = await fsp.stat(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** Writes the copies; returns how many returns could not be annotated (each named on stderr). */
export async function writeAnnotated(ctx: Context, results: readonly FileResult[], outDir: string): Promise<number> {
  const w = words[ctx.lang];
  const dir = ctx.resolve(outDir);
  const kind = await fsp.stat(dir).then(
    (s) => (s.isDirectory() ? 'dir' : 'other'),
    () => 'missing',
  );
  if (kind === 'other') throw new CliError(w.notDir(outDir));

  const inputs = new Set<string>();
  for (const r of results) {
    const id = await identity(ctx.resolve(r.file));
    if (id) inputs.add(id);
  }
  // A return read through LibreOffice (.xls, .et, .ods, .xlsb) has no package to patch losslessly: named, not copied.
  const patchable = (f: string): boolean => /^\.xls[xm]$/i.test(extname(f));
  for (const r of results) if (r.ok && !patchable(r.file)) ctx.io.stderr.write(`fulian-returns: ${w.notXlsx(tt(r.file))}\n`);
  const readable = results.filter((r): r is Extract<FileResult, { ok: true }> => r.ok && patchable(r.file));
  const names = new Map<string, string>();
  for (const r of readable) {
    const name = basename(r.file);
    if (names.has(name.toLowerCase())) throw new CliError(w.sameName(name));
    names.set(name.toLowerCase(), r.file);
    const target = join(dir, name);
    const id = await identity(target);
    if ((id && inputs.has(id)) || results.some((x) => ctx.resolve(x.file) === target)) throw new CliError(w.overInput(join(outDir, name)));
  }

  const { annotateXlsx } = await import('../xlsx/annotate');
  const { writeFileAtomic } = await import('./files');
  if (kind === 'missing') {
    try {
      await fsp.mkdir(dir, { recursive: true });
    } catch (e) {
      throw new CliError(ctx.m.writeFailed(outDir, errorDetail(e)));
    }
  }
  let written = 0;
  let failed = 0;
  for (const r of readable) {
    const input = await readInput(ctx.resolve(r.file));
    let out: Uint8Array;
    try {
      if (!input.ok) throw new Error(ctx.m.readFailure(input.failure, input.detail));
      out = annotateXlsx(input.bytes, r.findings, { lang: ctx.lang });
    } catch (e) {
      ctx.io.stderr.write(`fulian-returns: ${w.failed(tt(r.file), errorDetail(e))}\n`);
      failed++;
      continue;
    }
    const target = join(dir, basename(r.file));
    try {
      await writeFileAtomic(target, out);
    } catch (e) {
      throw new CliError(writeFailure(ctx.m, join(outDir, basename(r.file)), e, errorDetail));
    }
    written++;
  }
  ctx.io.stderr.write(`fulian-returns: ${w.wrote(written, dir)}\n`);
  return failed;
}
