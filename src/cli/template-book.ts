/** `template workbook` and `template build` (spec section 8): the template as a workbook, and back. */
import type { Template } from '../engine/template/schema';
import type { Context } from './context';
import { errorDetail, writeFileAtomic } from './files';
import { CliError } from './io';
import { loadEngine, loadXlsx } from './lazy';
import { loadWorkbook } from './workbook-file';

export async function writeTemplateBook(ctx: Context, template: Template, out: string, force: boolean): Promise<number> {
  const [{ templateToBook, BOOK_SHEETS }, { writeNewXlsx }] = await Promise.all([loadEngine(), loadXlsx()]);
  const book = templateToBook(template);
  const listValidations: Record<string, { sqref: string; list: readonly string[] }[]> = {};
  for (const v of book.validations) (listValidations[v.sheet] ??= []).push({ sqref: v.sqref, list: v.list });
  const headerRows = Object.fromEntries(Object.values(BOOK_SHEETS).map((s) => [s, s === BOOK_SHEETS.readme ? [1, 4] : [1]]));
  const bytes = await writeNewXlsx(book.workbook, { listValidations, headerRows });
  await write(ctx, out, bytes, force);
  ctx.io.stdout.write(`${ctx.m.templateBookWritten(out)}\n`);
  return 0;
}

export async function buildTemplate(ctx: Context, file: string, out: string, force: boolean): Promise<number> {
  const loaded = await loadWorkbook(ctx, file);
  if (!loaded.ok) throw new CliError(`${file}: ${loaded.error}`);
  const { templateFromBook } = await loadEngine();
  const r = templateFromBook(loaded.view);
  if (!r.ok) {
    // Every mistake on its own line, at its sheet and cell; nothing is written.
    for (const p of r.problems) ctx.io.stderr.write(`fulian-returns: ${file}: ${ctx.m.templateBookProblem(p.sheet, p.cell, p.message)}\n`);
    return 2;
  }
  await write(ctx, out, new TextEncoder().encode(`${JSON.stringify(r.template, null, 2)}\n`), force);
  ctx.io.stdout.write(`${ctx.m.templateBuilt(out, r.template.id, r.template.version, r.template.indicators.length)}\n`);
  return 0;
}

async function write(ctx: Context, out: string, bytes: Uint8Array, force: boolean): Promise<void> {
  try {
    await writeFileAtomic(ctx.resolve(out), bytes, { noClobber: !force });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(ctx.m.outputExists(out));
    throw new CliError(ctx.m.writeFailed(out, errorDetail(e)));
  }
}
