/*
 * What the reader bench measures in-process, from the CLI's own webpack bundle (webpack.cli.js with `--env bench`):
 * the reader and the engine as they ship, not as tsx compiles them on the fly (its CommonJS output reads every
 * imported binding through a getter, a few per cent of a read that the product never pays), and the floor beside
 * them on the very same fflate and saxes (a copy shared with every other bench of the run is slowed by their calls:
 * it measured 0.46× the reader after them, 1.3× in a run of its own).
 */
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
export { readXlsxSync } from '../src/xlsx/read';
export { checkReturn } from '../src/engine/check';
export { formatFindings } from '../src/engine/messages';
export { standardTemplate } from '../src/engine/template/load';

/** fflate + saxes and nothing more: every XML part inflated and tokenised, every cell's r/t/s and text kept. */
export function floor(bytes: Uint8Array): number {
  const parts = unzipSync(bytes, { filter: (f) => f.name.endsWith('.xml') || f.name.endsWith('.rels') });
  const cells: unknown[] = [];
  for (const data of Object.values(parts)) {
    const p = new SaxesParser({ xmlns: false, position: false });
    let cur: { r?: string; t?: string; s?: string; v: string } | undefined;
    p.on('opentag', (tag) => {
      if (tag.name === 'c') cells.push((cur = { r: tag.attributes['r'], t: tag.attributes['t'], s: tag.attributes['s'], v: '' }));
    });
    p.on('text', (t) => {
      if (cur) cur.v += t;
    });
    p.on('closetag', (tag) => {
      if (tag.name === 'c') cur = undefined;
    });
    p.write(strFromU8(data)).close();
  }
  return cells.length;
}
