/**
 * Walking one XML part with saxes, namespaces resolved to (uri, local name) whatever prefixes the writer chose:
 * `<x:c>` under `xmlns:x="…/spreadsheetml/2006/main"` and `<c>` under a default namespace are the same element.
 * saxes runs without its own namespace processing (faster); bindings are tracked here only where an element declares
 * one. Strict URIs arrive in their transitional spelling (namespaces.ts).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { xlsxError } from '../errors';
import { canonicalNs, XMLNS_XML as XML_NS } from './namespaces';

export interface Element {
  readonly uri: string;
  readonly local: string;
  /** Attributes as written (qualified names as keys). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The value of an unprefixed attribute, or of `prefix:local` whose prefix is bound to `uri`. */
  attr(local: string, uri?: string): string | undefined;
}

export interface Handlers {
  open(el: Element): void;
  close(): void;
  text?(text: string): void;
}

interface Scope {
  readonly depth: number;
  readonly bindings: Map<string, string>;
}

/**
 * The start tag being handled. One instance per walker, reset for each element (handlers use it at once and never
 * keep it): an element of every part of every file is the hot path.
 */
class Tag implements Element {
  uri = '';
  local = '';
  attributes: Readonly<Record<string, string>> = {};

  constructor(private readonly walker: XmlWalker) {}

  attr(local: string, uri?: string): string | undefined {
    if (uri === undefined) return this.attributes[local];
    for (const k in this.attributes) {
      const c = k.indexOf(':');
      if (c < 0 || k.slice(c + 1) !== local) continue;
      if (this.walker.lookup(k.slice(0, c)) === uri) return this.attributes[k];
    }
    return undefined;
  }
}

const ignoreText = (): void => undefined;

/** A push parser: `write` text as it is decoded, then `end`. Errors become a 'bad-xml' XlsxError naming the part. */
export class XmlWalker {
  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private readonly scopes: Scope[] = [{ depth: -1, bindings: new Map([['xml', XML_NS]]) }];
  private depth = 0;
  /** The last prefix looked up, while the bindings have not changed since. */
  private cachedPrefix: string | undefined;
  private cachedUri: string | undefined;
  private readonly tag = new Tag(this);
  /**
   * How many `xmlns` occurrences the text written so far holds that no start tag has used yet: while none is left,
   * a start tag cannot declare a namespace and its attributes need no scan (in a worksheet only the root declares).
   */
  private pendingXmlns = 0;
  private tailText = '';

  constructor(
    private readonly part: string,
    handlers: Handlers,
  ) {
    this.parser.on('opentag', (tag: SaxesTagPlain) => {
      const attrs = tag.attributes as Record<string, string>;
      const depth = this.depth;
      let bindings: Map<string, string> | undefined;
      if (this.pendingXmlns > 0) {
        for (const k in attrs) {
          if (k.charCodeAt(0) !== 120 /* x */ || !k.startsWith('xmlns')) continue;
          this.pendingXmlns--;
          if (k.length === 5) (bindings ??= new Map()).set('', canonicalNs(attrs[k]!));
          else if (k.charCodeAt(5) === 58 /* : */) (bindings ??= new Map()).set(k.slice(6), canonicalNs(attrs[k]!));
        }
      }
      if (bindings) {
        this.scopes.push({ depth, bindings });
        this.cachedPrefix = undefined;
      }
      const name = tag.name;
      const colon = name.indexOf(':');
      const local = colon < 0 ? name : name.slice(colon + 1);
      const uri = this.lookup(colon < 0 ? '' : name.slice(0, colon)) ?? '';
      this.depth++;
      const t = this.tag;
      t.uri = uri;
      t.local = local;
      t.attributes = attrs;
      handlers.open(t);
    });
    this.parser.on('closetag', () => {
      this.depth--;
      handlers.close();
      if (this.scopes[this.scopes.length - 1]!.depth === this.depth) {
        this.scopes.pop();
        this.cachedPrefix = undefined;
      }
    });
    // Every parser gets the same handlers in the same order, text or not: saxes adds them as properties, so a parser
    // without a text handler had another hidden class, and the states of its hot loop met two shapes, not one.
    const text = handlers.text ?? ignoreText;
    this.parser.on('text', text);
    this.parser.on('cdata', text);
    this.parser.on('error', (e: Error) => {
      throw xlsxError('bad-xml', `${this.part}: ${e.message.split('\n')[0]}`);
    });
  }

  /** The namespace bound to a prefix ('' = the default namespace) where the parser is now. */
  lookup(prefix: string): string | undefined {
    if (prefix === this.cachedPrefix) return this.cachedUri;
    this.cachedPrefix = prefix;
    this.cachedUri = this.find(prefix);
    return this.cachedUri;
  }

  private find(prefix: string): string | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const u = this.scopes[i]!.bindings.get(prefix);
      if (u !== undefined) return u;
    }
    return undefined;
  }

  write(chunk: string): void {
    // Count `xmlns` in the chunk, and across the boundary with the last 4 characters of the previous one (searched
    // apart: searching `tail + chunk` would copy every part once more, the whole part being one chunk).
    for (let i = chunk.indexOf('xmlns'); i >= 0; i = chunk.indexOf('xmlns', i + 5)) this.pendingXmlns++;
    const tail = this.tailText;
    if (tail !== '') {
      const seam = tail + chunk.slice(0, 4);
      for (let i = seam.indexOf('xmlns'); i >= 0; i = seam.indexOf('xmlns', i + 5)) if (i < tail.length && i + 5 > tail.length) this.pendingXmlns++;
    }
    this.tailText = chunk.length >= 4 ? chunk.slice(-4) : (tail + chunk).slice(-4);
    this.parser.write(chunk);
  }

  end(): void {
    this.parser.close();
  }
}

/** A decoder for one part: UTF-8, or UTF-16 when the part starts with its byte order mark. */
export class PartDecoder {
  private decoder: TextDecoder | undefined;

  decode(chunk: Uint8Array, last = false): string {
    if (!this.decoder) {
      const le = chunk[0] === 0xff && chunk[1] === 0xfe;
      const be = chunk[0] === 0xfe && chunk[1] === 0xff;
      this.decoder = new TextDecoder(le ? 'utf-16le' : be ? 'utf-16be' : 'utf-8');
    }
    return this.decoder.decode(chunk, { stream: !last });
  }
}
