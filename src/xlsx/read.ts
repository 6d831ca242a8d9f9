/**
 * readXlsx: a vetted .xlsx package → the engine's WorkbookView (a MemoryWorkbook), with our own reader: fflate
 * inflates each part as it is read (never more than its declared size), saxes tokenises it, and src/xlsx/reader turns
 * it into cells. Any namespace prefix, Strict OOXML, rows and cells without `r`, shared/inline/rich strings (phonetic
 * runs left out), shared formulas, cached results, number formats, merges and both date systems.
 * Only the parts a return needs are inflated: workbook, its relationships, styles, shared strings and worksheets.
 */
import { MemoryWorkbook } from '../engine/memory-workbook';
import type { WorkbookView } from '../engine/workbook';
import { xlsxError } from './errors';
import { REL_TYPE } from './reader/namespaces';
import { PartReader } from './reader/package';
import { readSharedStrings } from './reader/shared-strings';
import { readSheet } from './reader/sheet';
import { readNumberFormats } from './reader/styles';
import { isWorksheet, readWorkbook } from './reader/workbook';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES, noWorkbook } from './zip';

export interface LoadedWorkbook {
  view: WorkbookView;
  date1904: boolean;
}

/** The workbook part named by the package's officeDocument relationship, else xl/workbook.xml. */
function workbookPartOf(pkg: PartReader): string | undefined {
  const office = pkg.rels('').find((r) => r.type === REL_TYPE.officeDocument);
  if (office?.part && pkg.has(office.part)) return office.part;
  return pkg.has('xl/workbook.xml') ? 'xl/workbook.xml' : undefined;
}

export function readXlsxSync(bytes: Uint8Array, opts?: { maxUncompressedBytes?: number }): LoadedWorkbook {
  const pkg = new PartReader(bytes, opts?.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES);
  const wbPart = workbookPartOf(pkg);
  if (!wbPart) throw noWorkbook(pkg.dir.byName);
  const wb = readWorkbook(pkg, wbPart);
  const worksheets = wb.sheets.filter(isWorksheet);
  if (worksheets.length === 0) throw xlsxError('empty');
  const partOf = (type: string, fallback: string): string | undefined => {
    const rel = wb.rels.find((r) => r.type === type);
    if (rel?.part && pkg.has(rel.part)) return rel.part;
    return pkg.has(fallback) ? fallback : undefined;
  };
  const numberFormats = readNumberFormats(pkg, partOf(REL_TYPE.styles, 'xl/styles.xml'));
  const sharedStrings = readSharedStrings(pkg, partOf(REL_TYPE.sharedStrings, 'xl/sharedStrings.xml'));

  const view = new MemoryWorkbook();
  let cells = 0;
  for (const s of worksheets) {
    if (!s.part || !pkg.has(s.part)) continue;
    cells += readSheet(pkg, view.addSheet(s.name), { part: s.part, sharedStrings, numberFormats, date1904: wb.date1904, cellsBefore: cells });
  }
  if (view.sheetNames.length === 0) throw xlsxError('empty');
  return { view, date1904: wb.date1904 };
}

export async function readXlsx(bytes: Uint8Array, opts?: { maxUncompressedBytes?: number }): Promise<LoadedWorkbook> {
  return readXlsxSync(bytes, opts);
}
