/**
 * Headless LibreOffice Calc as an independent spreadsheet engine, the one harness every suite runs it through: open
 * .xlsx files, recalculate every formula (forced through a fresh profile), save them again (as .xlsx with the new
 * cached results, or in another format). `$SOFFICE` names another soffice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function sofficePath(): string {
  for (const p of [process.env.SOFFICE, '/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice']) {
    if (p && existsSync(p)) return p;
  }
  throw new Error(
    'LibreOffice is not installed (no soffice on PATH): these tests prove the formulas in a real spreadsheet engine and ' +
      'cannot be skipped. Install it with `apt-get install libreoffice-calc` (.ci/run does), or set SOFFICE=/path/to/soffice.',
  );
}

/** Always recalculate on load, for OOXML and ODF; LibreOffice's default trusts the cached values. */
const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** What `--convert-to` writes by default: .xlsx as Calc's "Excel 2007-365" filter saves it. */
export const XLSX_FILTER = 'xlsx:Calc MS Excel 2007 XML';

export interface ConvertOptions {
  /** The `--convert-to` target (default XLSX_FILTER). */
  readonly filter?: string;
  /** Recalculate every formula on load (default true); false saves the cached values as they came. */
  readonly recalculate?: boolean;
  readonly timeoutMs?: number;
}

/**
 * One soffice run (it is slow to start) over every file (name → .xlsx bytes), in its own fresh profile: returns every
 * file it wrote, by file name (`NAME.xlsx`, or `NAME-SHEET.csv` for a CSV filter of every sheet).
 */
export function convertInLibreOffice(files: Record<string, Uint8Array>, options: ConvertOptions = {}): Record<string, Uint8Array> {
  const { filter = XLSX_FILTER, recalculate = true, timeoutMs = 150_000 } = options;
  const soffice = sofficePath();
  const work = mkdtempSync(join(tmpdir(), 'fulian-lo-'));
  const profile = join(tmpdir(), `lo-profile-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(join(profile, 'user'), { recursive: true });
    if (recalculate) writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_PROFILE);
    const inDir = join(work, 'in');
    const outDir = join(work, 'out');
    mkdirSync(inDir);
    mkdirSync(outDir);
    const inputs = Object.entries(files).map(([name, bytes]) => {
      const p = join(inDir, `${name}.xlsx`);
      writeFileSync(p, bytes);
      return p;
    });
    try {
      execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, ...inputs], {
        timeout: timeoutMs,
        stdio: 'pipe',
        env: { ...process.env, HOME: work },
      });
    } catch (e) {
      const err = e as { stderr?: Buffer; message: string };
      throw new Error(`soffice failed: ${err.message}\n${err.stderr?.toString() ?? ''}`);
    }
    const out: Record<string, Uint8Array> = {};
    for (const f of readdirSync(outDir)) out[f] = new Uint8Array(readFileSync(join(outDir, f)));
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Recalculates all files in one soffice run; returns the re-saved bytes by name. */
export function recalcInLibreOffice(files: Record<string, Uint8Array>, timeoutMs = 150_000): Record<string, Uint8Array> {
  const converted = convertInLibreOffice(files, { timeoutMs });
  const out: Record<string, Uint8Array> = {};
  for (const name of Object.keys(files)) {
    const bytes = converted[`${name}.xlsx`];
    if (!bytes) throw new Error(`soffice did not convert ${name}.xlsx`);
    out[name] = bytes;
  }
  return out;
}
