/**
 * The namespaces the reader knows, and ISO/IEC 29500's Strict names for the same things (Part 1, Annex A: Strict
 * replaces schemas.openxmlformats.org/…/2006/… with purl.oclc.org/ooxml/…). Everything is compared in its
 * transitional spelling: `canonicalNs` maps a Strict URI onto it, `canonicalRelType` does the same for a
 * relationship type. Packaging (OPC) namespaces are the same in both.
 */
export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const XMLNS_XML = 'http://www.w3.org/XML/1998/namespace';

/**
 * Each known namespace, Strict or transitional, onto this module's own constant: a URI read from a part is a fresh
 * string (often a slice of a two-byte part), and comparing it with MAIN on every element of every part compared it
 * character by character; the constant compares by identity.
 */
const CANONICAL: ReadonlyMap<string, string> = new Map([
  ['http://purl.oclc.org/ooxml/spreadsheetml/main', MAIN],
  ['http://purl.oclc.org/ooxml/officeDocument/relationships', REL],
  [MAIN, MAIN],
  [REL, REL],
  [PKG_REL, PKG_REL],
]);

export function canonicalNs(uri: string): string {
  return CANONICAL.get(uri) ?? uri;
}

const STRICT_REL_TYPES = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';
const REL_TYPES = `${REL}/`;

/** A relationship type in its transitional spelling (`…/2006/relationships/worksheet`). */
export function canonicalRelType(type: string): string {
  return type.startsWith(STRICT_REL_TYPES) ? REL_TYPES + type.slice(STRICT_REL_TYPES.length) : type;
}

export const REL_TYPE = {
  officeDocument: `${REL_TYPES}officeDocument`,
  worksheet: `${REL_TYPES}worksheet`,
  styles: `${REL_TYPES}styles`,
  sharedStrings: `${REL_TYPES}sharedStrings`,
} as const;
