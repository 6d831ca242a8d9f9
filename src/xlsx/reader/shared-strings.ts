/**
 * The shared string table: each `<si>`'s plain text, its runs joined (`<r><t>…</t></r>`), phonetic guides
 * (`<rPh>`, furigana/pinyin runs) and their properties left out, as Excel shows the cell.
 */
import { MAIN } from './namespaces';
import type { PartReader } from './package';

/**
 * Collects the text of one string item (`<si>` or a cell's `<is>`): `<t>` directly in it or in a run `<r>`, never in
 * `<rPh>`. Feed it the elements below the item.
 */
export class StringItem {
  /** The text so far: one string, not an array of pieces, so the commonest item (one `<t>`) allocates nothing. */
  private acc = '';
  private depth = 0;
  private inText = false;
  private skip = 0;

  open(uri: string, local: string): void {
    this.depth++;
    if (uri !== MAIN) {
      if (this.skip === 0) this.skip = this.depth;
      return;
    }
    if (this.skip) return;
    if (local === 'rPh' || local === 'phoneticPr' || local === 'rPr') this.skip = this.depth;
    else if (local === 't' && (this.depth === 1 || this.depth === 2)) this.inText = true;
  }

  close(): void {
    if (this.skip === this.depth) this.skip = 0;
    this.inText = false;
    this.depth--;
  }

  text(t: string): void {
    if (this.inText && !this.skip) this.acc += t;
  }

  take(): string {
    const s = this.acc;
    this.acc = '';
    return s;
  }
}

export function readSharedStrings(pkg: PartReader, part: string | undefined): string[] {
  const out: string[] = [];
  if (!part) return out;
  const item = new StringItem();
  let depth = 0;
  let inItem = false;
  pkg.walk(part, {
    open(el) {
      depth++;
      if (depth === 2 && el.uri === MAIN && el.local === 'si') inItem = true;
      else if (inItem) item.open(el.uri, el.local);
    },
    close() {
      if (depth === 2 && inItem) {
        inItem = false;
        out.push(item.take());
      } else if (inItem) item.close();
      depth--;
    },
    text(t) {
      if (inItem) item.text(t);
    },
  });
  return out;
}
