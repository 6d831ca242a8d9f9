/** The number format of each cell format (`s` index) from styles.xml: cellXfs' numFmtId, custom or built-in. */
import { BUILTIN_NUMFMTS } from '../styles';
import { MAIN } from './namespaces';
import type { PartReader } from './package';

/** Format codes by xf index; undefined where a cell shows General. */
export function readNumberFormats(pkg: PartReader, part: string | undefined): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  if (!part) return out;
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  const path: string[] = [];
  pkg.walk(part, {
    open(el) {
      const parent = path[path.length - 1];
      path.push(el.uri === MAIN ? el.local : '');
      if (el.uri !== MAIN || path.length !== 3) return;
      if (parent === 'numFmts' && el.local === 'numFmt') {
        const id = Number(el.attr('numFmtId'));
        if (Number.isInteger(id)) custom.set(id, el.attr('formatCode') ?? '');
      } else if (parent === 'cellXfs' && el.local === 'xf') {
        xfIds.push(Number(el.attr('numFmtId') ?? 0));
      }
    },
    close() {
      path.pop();
    },
  });
  for (const id of xfIds) {
    const code = custom.get(id) ?? BUILTIN_NUMFMTS[id];
    out.push(code === undefined || code === 'General' || code === '' ? undefined : code);
  }
  return out;
}
