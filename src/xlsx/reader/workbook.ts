/** workbook.xml: the sheets in order (name, part, state) and the date system. */
import { xlsxError } from '../errors';
import { MAIN, REL, REL_TYPE } from './namespaces';
import type { PartReader, Rel } from './package';

export interface SheetRef {
  readonly name: string;
  readonly state: string | undefined;
  readonly part: string | undefined;
  readonly type: string | undefined;
}

export interface WorkbookInfo {
  readonly sheets: readonly SheetRef[];
  readonly date1904: boolean;
  readonly rels: readonly Rel[];
}

export function readWorkbook(pkg: PartReader, part: string): WorkbookInfo {
  const rels = pkg.rels(part);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  let depth = 0;
  let rootIsWorkbook = false;
  pkg.walk(part, {
    open(el) {
      depth++;
      if (depth === 1) rootIsWorkbook = el.uri === MAIN && el.local === 'workbook';
      if (el.uri !== MAIN) return;
      if (depth === 2 && el.local === 'workbookPr') {
        const v = el.attr('date1904');
        date1904 = v === '1' || v === 'true';
      } else if (depth === 3 && el.local === 'sheet') {
        const id = el.attr('id', REL);
        const rel = rels.find((r) => r.id === id);
        sheets.push({ name: el.attr('name') ?? '', state: el.attr('state'), part: rel?.part, type: rel?.type });
      }
    },
    close() {
      depth--;
    },
  });
  if (!rootIsWorkbook) throw xlsxError('bad-xml', `${part}: no SpreadsheetML <workbook> root`);
  return { sheets, date1904, rels };
}

export const isWorksheet = (s: SheetRef): boolean => s.type === REL_TYPE.worksheet;
