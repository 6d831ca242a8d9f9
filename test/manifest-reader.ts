import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { ManifestInfo } from 'office-addin-manifest';

/**
 * office-addin-manifest's own local reader (`readManifestFile`), run in a plain node process: the package loads
 * ESM-only dependencies (uuid 14, @microsoft/app-manifest) eagerly, which node ≥ 20.19 requires natively but jest's
 * CommonJS module runtime cannot. Rejects (throws) when the reader refuses the file.
 */
export function readManifestInfo(file: string): ManifestInfo {
  const script =
    "require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])" +
    '.then((m) => process.stdout.write(JSON.stringify(m)), (e) => { console.error(String(e)); process.exitCode = 1; });';
  const cwd = path.resolve(__dirname, '..');
  return JSON.parse(execFileSync(process.execPath, ['-e', script, file], { cwd, encoding: 'utf8' })) as ManifestInfo;
}
