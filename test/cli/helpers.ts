/** Shared helpers for the CLI tests: an in-memory IO, returns as real .xlsx files, and damaged files. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { buildFilledReturn } from '../../src/engine/testing';
import { standardTemplate } from '../../src/engine/template/load';
import type { WorkbookView } from '../../src/engine/workbook';
import type { CliIO } from '../../src/cli/io';
import { run } from '../../src/cli/main';
import { addViewSheets, excelJsValue } from '../fixtures/exceljs-value';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly isTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  readonly env?: Record<string, string | undefined>;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    isTTY: opts.isTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** A fresh temp folder per suite; `cleanup()` in afterAll. */
export function tempDir(prefix = 'fulian-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A complete clean return of the standard template (engine's generator). */
export function cleanReturn(opts: { quarter?: 1 | 2 | 3 | 4; seed?: number; unit?: string } = {}): MemoryWorkbook {
  return buildFilledReturn(standardTemplate(), { quarter: opts.quarter ?? 3, seed: opts.seed ?? 1, unit: opts.unit });
}

/** A WorkbookView as .xlsx bytes, written with ExcelJS (independent of the xlsx layer under test). */
export async function viewToXlsx(view: WorkbookView): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  addViewSheets(wb, view, (target, cell) => {
    target.value = cell.formula
      ? ({ formula: cell.formula.replace(/^=/, ''), result: excelJsValue(cell.value, 'serial') } as ExcelJS.CellFormulaValue)
      : excelJsValue(cell.value, 'serial');
    const fmt = cell.numberFormat ?? (cell.value.kind === 'date' ? 'yyyy-mm-dd' : undefined);
    if (fmt) target.numFmt = fmt;
  });
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

export async function writeReturn(path: string, view: WorkbookView): Promise<void> {
  writeFileSync(path, await viewToXlsx(view));
}

/** Row of an indicator code (column A) on a sheet, or of a label on the cover. */
export function rowOf(view: WorkbookView, sheet: string, label: string): number {
  const s = view.sheet(sheet)!;
  for (let r = 1; r <= s.rowCount; r++) {
    const v = s.cell(r, 1).value;
    if (v.kind === 'text' && v.value.trim() === label) return r;
  }
  throw new Error(`${label} not found on ${sheet}`);
}

/** Column of a header label in the header row (row 2 in generated returns). */
export function colOf(view: WorkbookView, sheet: string, label: string, headerRow = 2): number {
  const s = view.sheet(sheet)!;
  for (let c = 1; c <= s.colCount; c++) {
    const v = s.cell(headerRow, c).value;
    if (v.kind === 'text' && v.value.trim() === label) return c;
  }
  throw new Error(`header ${label} not found on ${sheet}`);
}

// ---- damaged files -------------------------------------------------------------------------------------------

/** Plain text saved with an .xlsx name. */
export const textFileBytes = (): Uint8Array => strToU8('填报单位,报告期\n某县妇联,2026Q3\n');

/** The first part of a real workbook, as a broken download leaves it. */
export const truncate = (bytes: Uint8Array, keep = 0.5): Uint8Array => bytes.slice(0, Math.floor(bytes.length * keep));

/** An encrypted workbook: Office wraps it in a Compound File (CFB); only the signature matters to a reader. */
export function encryptedBytes(): Uint8Array {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  b.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00], 24);
  // Directory entries of an Office-encrypted package, names in UTF-16LE as CFB stores them.
  const utf16 = (name: string) => new Uint8Array(Buffer.from(name, 'utf16le'));
  b.set(utf16('EncryptionInfo'), 1024);
  b.set(utf16('EncryptedPackage'), 1152);
  return b;
}

/** A zip holding a workbook part whose sheet entry declares an absurd uncompressed size (a zip bomb's header). */
export function absurdSizeZip(): Uint8Array {
  const big = strToU8('<worksheet>' + ' '.repeat(2000) + '</worksheet>');
  const zip = zipSync(
    {
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/worksheets/sheet1.xml': big,
    },
    { level: 6 },
  );
  // Patch the declared uncompressed size (local header offset 22, central directory offset 24) of every entry.
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, 0xfffffff0, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
  }
  return zip;
}

/** A workbook package with no worksheet at all. */
export async function emptyWorkbookBytes(): Promise<Uint8Array> {
  return viewToXlsx(new MemoryWorkbook());
}

const repoRoot = join(__dirname, '..', '..');

/** Newest modification time of the files under the given paths. */
function newest(paths: string[]): number {
  let t = 0;
  for (const p of paths) {
    const st = statSync(p);
    if (st.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((n) => join(p, n))));
    else t = Math.max(t, st.mtimeMs);
  }
  return t;
}

function distIsFresh(): boolean {
  const main = join(repoRoot, 'dist/cli/main.js');
  if (!existsSync(main)) return false;
  const sources = ['src/cli', 'src/engine', 'src/xlsx', 'src/templates', 'tsconfig.cli.json', 'webpack.cli.js'].map((p) => join(repoRoot, p));
  return statSync(main).mtimeMs > newest(sources);
}

/** The CLI bundle (webpack.cli.js, as `npm run build:cli` builds it) into `distDir`/cli. */
export function buildCli(distDir: string): void {
  const webpack = join(repoRoot, 'node_modules/webpack-cli/bin/cli.js');
  execFileSync(process.execPath, [webpack, '--config', join(repoRoot, 'webpack.cli.js'), '--env', `out=${distDir}`], { cwd: repoRoot, stdio: 'pipe' });
}

/**
 * The installed command's bin over compiled output: the repository's own bin and dist/ when dist/ is newer than every
 * source it compiles from (as after `npm run build:cli`, which `npm test` runs first); otherwise a private build into
 * `dir/pkg`, laid out like the package (bin/, dist/, package.json), never touching the shared dist/.
 */
export function compiledBin(dir: string): string {
  if (distIsFresh()) return join(repoRoot, 'bin/fulian-returns.js');
  const pkg = join(dir, 'pkg');
  buildCli(join(pkg, 'dist'));
  cpSync(join(repoRoot, 'bin'), join(pkg, 'bin'), { recursive: true });
  copyFileSync(join(repoRoot, 'package.json'), join(pkg, 'package.json'));
  return join(pkg, 'bin/fulian-returns.js');
}
