/**
 * The figures-summary wording as template data (`phrases`): a federation edits its phrasing in its template JSON,
 * with no rebuild. Every field is optional; whatever a template leaves out comes from the standard template's phrases.
 *
 * Patterns hold placeholders `{name}`; a segment in square brackets `[…]` is dropped when a placeholder inside it has
 * no figure (e.g. `[，完成年计划的{percentOfPlan}]` when there is no plan). Placeholders (by pattern):
 * - indicator clauses (`generic`, `total`, `share`, `rate`, `part`, an indicator's own `pattern`): `{period}`, `{code}`,
 *   `{name}`, `{value}`, `{unit}`, `{plan}`, `{percentOfPlan}`, `{timeProgress}`, `{parts}` (exhaustive parts, each drafted
 *   with `part`), `{parentName}`, `{parentValue}`, `{share}` (a ≤-part over its total);
 * - `paragraph`: `{period}`, `{sheet}`, `{heading}`, `{clauses}`;
 * - `twoPlan`: `{total}`, `{final}`, `{finalShare}`, `{mid}`, `{midShare}`, `{below}`, `{belowShare}`, `{noData}`,
 *   `{period}`, `{plans}` (each plan drafted with `twoPlanPlan`: `{plan}`, `{total}`, `{final}`, `{mid}`, …); `{mid}` and
 *   `{noData}` have no figure when 0, so a `[…]` around them drops the clause;
 * - `behind`: `{count}`, `{items}` (each drafted with `behindItem`: `{code}`, `{name}`, `{value}`, `{unit}`,
 *   `{percentOfPlan}`, `{timeProgress}`); `title`: `{unit}`, `{period}`, `{periodText}`, `{year}`; notes: `{items}`;
 * - `change` (同比 / 环比, `summary --previous --last-year`): `sentence` per plan indicator with `{name}`, `{value}`,
 *   `{unit}`, `{yoy}` (drafted with `yoyUp` / `yoyDown`: `{percent}`; `yoyFlat`; `yoyFromZero`) and `{qoq}` (drafted
 *   with `qoqUp` / `qoqDown`: `{delta}`, `{unit}`; `qoqFlat`); `paragraph`: `{period}`, `{items}`; `missing`: `{items}`.
 */
import { z } from 'zod';

const text = z.string();

export const indicatorPhraseSchema = z.object({
  /** The indicator's name in prose (default: its template name without a leading 其中：). */
  name: text.optional(),
  /** Its own clause pattern, used instead of generic / total / share / rate. */
  pattern: text.optional(),
  /** Separator between the items of `{parts}` in this indicator's clause. */
  partSeparator: text.optional(),
  /** true: never drafted (e.g. a rate already said as a share). */
  omit: z.boolean().optional(),
}).strict();

/** 同比 (against the same quarter of last year) and 环比 (against the previous quarter's 累计). */
export const changePhraseSchema = z
  .object({
    paragraph: text.optional(),
    sentence: text.optional(),
    yoyUp: text.optional(),
    yoyDown: text.optional(),
    yoyFlat: text.optional(),
    yoyFromZero: text.optional(),
    qoqUp: text.optional(),
    qoqDown: text.optional(),
    qoqFlat: text.optional(),
    missing: text.optional(),
  })
  .strict();

export const phraseSetSchema = z.object({
  /** Summary title. */
  title: text.optional(),
  /** Period wording by report quarter: 一季度, 上半年, 1—3季度, 全年. */
  periods: z.tuple([text, text, text, text]).optional(),
  /** Used for {period} when the 报告期 is unreadable. */
  periodUnknown: text.optional(),
  /** Paragraph headings: data-sheet names, `twoPlan`, `behind`. */
  headings: z.record(z.string(), text).optional(),
  paragraph: text.optional(),
  emptyParagraph: text.optional(),
  clauseSeparator: text.optional(),
  /** Between a total's clause and the clauses of its ≤-parts. */
  attachSeparator: text.optional(),
  partSeparator: text.optional(),
  listSeparator: text.optional(),
  generic: text.optional(),
  total: text.optional(),
  part: text.optional(),
  share: text.optional(),
  rate: text.optional(),
  twoPlan: text.optional(),
  twoPlanPlan: text.optional(),
  twoPlanEmpty: text.optional(),
  behind: text.optional(),
  behindItem: text.optional(),
  behindNone: text.optional(),
  notes: z
    .object({
      blank: text.optional(),
      noPlan: text.optional(),
      twoPlanNoData: text.optional(),
      /** Two-plan rows that cannot be judged (无数据 with a 本期值: no readable 终期目标 or 方向). */
      twoPlanUnjudged: text.optional(),
      item: text.optional(),
    })
    .strict()
    .optional(),
  /** Unit wording: 人 → people (a unit missing here is written as in the template). */
  units: z.record(z.string(), text).optional(),
  /** Digits after the point: percent of plan and time progress, part shares, two-plan shares. */
  decimals: z
    .object({
      percent: z.number().int().min(0).max(6).optional(),
      share: z.number().int().min(0).max(6).optional(),
      twoPlanShare: z.number().int().min(0).max(6).optional(),
      value: z.number().int().min(0).max(6).optional(),
    })
    .strict()
    .optional(),
  indicators: z.record(z.string(), indicatorPhraseSchema).optional(),
  change: changePhraseSchema.optional(),
}).strict();

/** Strict: a misspelt key (`genric`) is a template error naming its path, not a phrase silently ignored. */
export const phrasesSchema = z
  .object({
    'zh-CN': phraseSetSchema.optional(),
    en: phraseSetSchema.optional(),
  })
  .strict();

export type PhraseSet = z.infer<typeof phraseSetSchema>;
export type Phrases = z.infer<typeof phrasesSchema>;
export type IndicatorPhrase = z.infer<typeof indicatorPhraseSchema>;
export type ChangePhrases = Required<z.infer<typeof changePhraseSchema>>;
