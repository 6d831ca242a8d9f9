/** The parts of a vetted zip the reader needs, by OPC part name, each walked as XML as it is inflated. */
import { resolveTarget } from '../opc';
import { xlsxError } from '../errors';
import { foldName, readDirectory, streamEntry, type ZipDirectory } from '../zip';
import { canonicalRelType, PKG_REL } from './namespaces';
import { PartDecoder, XmlWalker, type Handlers } from './xml-walk';

export interface Rel {
  readonly id: string;
  readonly type: string;
  /** The zip entry it points to (resolved against the source part), or undefined for an external target. */
  readonly part: string | undefined;
}

export class PartReader {
  readonly dir: ZipDirectory;

  constructor(bytes: Uint8Array, maxUncompressedBytes?: number) {
    this.dir = readDirectory(bytes, maxUncompressedBytes);
  }

  has(part: string): boolean {
    return this.dir.byName.has(foldName(part));
  }

  /** Streams the part through `handlers`; false when the package has no such part. */
  walk(part: string, handlers: Handlers): boolean {
    const e = this.dir.byName.get(foldName(part));
    if (!e) return false;
    const walker = new XmlWalker(part, handlers);
    const decoder = new PartDecoder();
    let any = false;
    streamEntry(this.dir, e, (chunk) => {
      any = true;
      walker.write(decoder.decode(chunk));
    });
    walker.write(decoder.decode(new Uint8Array(0), true));
    if (!any) throw xlsxError('bad-xml', `${part}: empty`);
    walker.end();
    return true;
  }

  /** The relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`); [] when it has none. */
  rels(part: string): Rel[] {
    const i = part.lastIndexOf('/');
    const relsPart = `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
    const out: Rel[] = [];
    this.walk(relsPart, {
      open: (el) => {
        if (el.local !== 'Relationship' || el.uri !== PKG_REL) return;
        const target = el.attr('Target') ?? '';
        const external = el.attr('TargetMode') === 'External';
        out.push({ id: el.attr('Id') ?? '', type: canonicalRelType(el.attr('Type') ?? ''), part: external ? undefined : this.resolve(part, target) });
      },
      close: () => undefined,
    });
    return out;
  }

  /** A relationship target as a part name that exists (trying it percent-decoded too), else as resolved. */
  private resolve(source: string, target: string): string {
    const p = resolveTarget(source, target);
    if (this.has(p)) return p;
    try {
      const d = resolveTarget(source, decodeURI(target));
      if (this.has(d)) return d;
    } catch {
      // not percent-encoded
    }
    return p;
  }
}
