import standard from '../../templates/fulian-quarterly.json';
import type { Lang } from '../findings';
import type { Template } from '../template/schema';
import type { ChangePhrases, IndicatorPhrase, Phrases, PhraseSet } from './phrases-schema';

/** A phrase set with every field present: the template's phrases laid over the standard template's. */
export interface ResolvedPhrases {
  readonly title: string;
  readonly periods: readonly [string, string, string, string];
  readonly periodUnknown: string;
  readonly headings: Readonly<Record<string, string>>;
  readonly paragraph: string;
  readonly emptyParagraph: string;
  readonly clauseSeparator: string;
  readonly attachSeparator: string;
  readonly partSeparator: string;
  readonly listSeparator: string;
  readonly generic: string;
  readonly total: string;
  readonly part: string;
  readonly share: string;
  readonly rate: string;
  readonly twoPlan: string;
  readonly twoPlanPlan: string;
  readonly twoPlanEmpty: string;
  readonly behind: string;
  readonly behindItem: string;
  readonly behindNone: string;
  readonly notes: {
    readonly blank: string;
    readonly noPlan: string;
    readonly twoPlanNoData: string;
    readonly twoPlanUnjudged: string;
    readonly item: string;
  };
  readonly units: Readonly<Record<string, string>>;
  readonly decimals: { readonly percent: number; readonly share: number; readonly twoPlanShare: number; readonly value: number };
  readonly indicators: Readonly<Record<string, IndicatorPhrase>>;
  readonly change: Readonly<ChangePhrases>;
}

/** The standard template's phrases: the shipped file is already what the schema makes of it (see template/load.ts). */
function standardSet(lang: Lang): PhraseSet {
  return (standard as unknown as { phrases?: Phrases }).phrases?.[lang] ?? {};
}

function merge(base: PhraseSet, over: PhraseSet | undefined): PhraseSet {
  if (!over) return base;
  const indicators: Record<string, IndicatorPhrase> = { ...base.indicators };
  for (const [code, p] of Object.entries(over.indicators ?? {})) indicators[code] = { ...indicators[code], ...p };
  return {
    ...base,
    ...over,
    headings: { ...base.headings, ...over.headings },
    notes: { ...base.notes, ...over.notes },
    units: { ...base.units, ...over.units },
    change: { ...base.change, ...over.change },
    decimals: { ...base.decimals, ...over.decimals },
    indicators,
  };
}

const REQUIRED = [
  'title', 'periods', 'periodUnknown', 'paragraph', 'emptyParagraph', 'clauseSeparator', 'attachSeparator',
  'partSeparator', 'listSeparator', 'generic', 'total', 'part', 'share', 'rate', 'twoPlan', 'twoPlanPlan',
  'twoPlanEmpty', 'behind', 'behindItem', 'behindNone',
] as const;

/**
 * The phrases in force for a language: the template's own, then the standard template's for whatever it leaves out.
 * Throws only if the shipped standard template itself lacks a phrase (a defect in the product, not in a return).
 */
export function resolvePhrases(template: Template, lang: Lang): ResolvedPhrases {
  const set = merge(standardSet(lang), template.phrases?.[lang]);
  for (const k of REQUIRED) {
    if (set[k] === undefined) throw new Error(`the template's phrases for ${lang} lack "${k}"`);
  }
  const n = set.notes ?? {};
  const d = set.decimals ?? {};
  return {
    ...(set as Required<PhraseSet>),
    headings: set.headings ?? {},
    notes: {
      blank: n.blank ?? '{items}',
      noPlan: n.noPlan ?? '{items}',
      twoPlanNoData: n.twoPlanNoData ?? '{items}',
      twoPlanUnjudged: n.twoPlanUnjudged ?? '{items}',
      item: n.item ?? '{code}{name}',
    },
    units: set.units ?? {},
    decimals: { percent: d.percent ?? 2, share: d.share ?? 2, twoPlanShare: d.twoPlanShare ?? 1, value: d.value ?? 2 },
    indicators: set.indicators ?? {},
    change: resolveChange(set, lang),
  };
}

const CHANGE_KEYS = ['paragraph', 'sentence', 'yoyUp', 'yoyDown', 'yoyFlat', 'yoyFromZero', 'qoqUp', 'qoqDown', 'qoqFlat', 'missing'] as const;

function resolveChange(set: PhraseSet, lang: Lang): ChangePhrases {
  const c = set.change ?? {};
  for (const k of CHANGE_KEYS) if (c[k] === undefined) throw new Error(`the template's phrases for ${lang} lack "change.${k}"`);
  return c as ChangePhrases;
}
