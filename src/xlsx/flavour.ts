/**
 * The two namespace sets a SpreadsheetML package may use: Transitional (what Excel saves by default) and Strict
 * (ISO/IEC 29500-1 Strict, "Strict Open XML Spreadsheet"). Element names are the same in both; the namespaces and
 * relationship types differ, so every element and relationship we write takes the package's own set.
 */
export interface Flavour {
  readonly strict: boolean;
  /** SpreadsheetML main namespace. */
  readonly main: string;
  /** The officeDocument relationships namespace (the `r:` of `r:id`). */
  readonly rel: string;
  /** Relationship type URI for a part kind (`worksheet`, `styles`, `calcChain`, `officeDocument`). */
  relType(kind: string): string;
}

const T_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const S_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

export const TRANSITIONAL: Flavour = {
  strict: false,
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: T_REL,
  relType: (kind) => `${T_REL}/${kind}`,
};

export const STRICT: Flavour = {
  strict: true,
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  rel: S_REL,
  relType: (kind) => `${S_REL}/${kind}`,
};

export const MAIN_NAMESPACES: readonly string[] = [TRANSITIONAL.main, STRICT.main];

/** The flavour of a part whose root element is in `uri`, or undefined when it is no SpreadsheetML. */
export function flavourOf(uri: string): Flavour | undefined {
  if (uri === TRANSITIONAL.main) return TRANSITIONAL;
  if (uri === STRICT.main) return STRICT;
  return undefined;
}

/** A relationship's kind (`worksheet` …) when its type is of either set, else undefined. */
export function relKind(type: string): string | undefined {
  for (const base of [T_REL, S_REL]) if (type.startsWith(`${base}/`)) return type.slice(base.length + 1);
  return undefined;
}
