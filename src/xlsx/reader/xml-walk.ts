/**
 * Walking one XML part with saxes, namespaces resolved to (uri, local name) whatever prefixes the writer chose:
 * `<x:c>` under `xmlns:x="…/spreadsheetml/2006/main"` and `<c>` under a default namespace are the same element.
 * saxes runs without its own namespace processing (faster); bindings are tracked here only where an element declares
 * one. Strict URIs arrive in their transitional spelling (namespaces.ts).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { xlsxError } from '../errors';
import { canonicalNs } from './namespaces';

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
  close(uri: string, local: string): void;
  text?(text: string): void;
}

interface Scope {
  readonly depth: number;
  readonly bindings: Map<string, string>;
}

/** A push parser: `write` text as it is decoded, then `end`. Errors become a 'bad-xml' XlsxError naming the part. */
export class XmlWalker {
  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private readonly scopes: Scope[] = [{ depth: -1, bindings: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]) }];
  private readonly names: { uri: string; local: string }[] = [];

  constructor(
    private readonly part: string,
    handlers: Handlers,
  ) {
    const lookup = (prefix: string): string | undefined => {
      for (let i = this.scopes.length - 1; i >= 0; i--) {
        const u = this.scopes[i]!.bindings.get(prefix);
        if (u !== undefined) return u;
      }
      return undefined;
    };
    this.parser.on('opentag', (tag: SaxesTagPlain) => {
      const attrs = tag.attributes as Record<string, string>;
      const depth = this.names.length;
      let bindings: Map<string, string> | undefined;
      for (const k in attrs) {
        if (k.charCodeAt(0) !== 120 /* x */ || !k.startsWith('xmlns')) continue;
        if (k === 'xmlns') (bindings ??= new Map()).set('', canonicalNs(attrs[k]!));
        else if (k.charCodeAt(5) === 58 /* : */) (bindings ??= new Map()).set(k.slice(6), canonicalNs(attrs[k]!));
      }
      if (bindings) this.scopes.push({ depth, bindings });
      const name = tag.name;
      const colon = name.indexOf(':');
      const prefix = colon < 0 ? '' : name.slice(0, colon);
      const local = colon < 0 ? name : name.slice(colon + 1);
      const uri = lookup(prefix) ?? '';
      this.names.push({ uri, local });
      handlers.open({
        uri,
        local,
        attributes: attrs,
        attr(l: string, u?: string): string | undefined {
          if (u === undefined) return attrs[l];
          for (const k in attrs) {
            const c = k.indexOf(':');
            if (c < 0 || k.slice(c + 1) !== l) continue;
            if (lookup(k.slice(0, c)) === u) return attrs[k];
          }
          return undefined;
        },
      });
    });
    this.parser.on('closetag', () => {
      const n = this.names.pop()!;
      const depth = this.names.length;
      handlers.close(n.uri, n.local);
      const top = this.scopes[this.scopes.length - 1]!;
      if (top.depth === depth) this.scopes.pop();
    });
    const text = handlers.text;
    if (text) {
      this.parser.on('text', text);
      this.parser.on('cdata', text);
    }
    this.parser.on('error', (e: Error) => {
      throw xlsxError('bad-xml', `${this.part}: ${e.message.split('\n')[0]}`);
    });
  }

  write(chunk: string): void {
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
