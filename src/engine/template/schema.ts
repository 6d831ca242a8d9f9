import { z } from 'zod';
import { RULE_IDS } from '../findings';
import { phrasesSchema } from '../summary/phrases-schema';

const nonEmpty = z.string().trim().min(1);
const localized = z.object({ 'zh-CN': nonEmpty, en: nonEmpty });

const dataColumnRole = z.enum([
  'code', 'name', 'unit', 'plan', 'q1', 'q2', 'q3', 'q4', 'cumulative', 'percentOfPlan', 'timeProgress', 'note',
]);
const twoPlanColumnRole = z.enum([
  'code', 'plan', 'domain', 'name', 'unit', 'direction', 'baseline', 'midTarget', 'finalTarget', 'value', 'status', 'note',
  'department', 'year',
]);

/** A two-plan target as plans write it: a number, or text (`比2020年降20%`, `逐步提高`, `50%左右`, see read/target.ts). */
const targetValue = z.union([z.number(), nonEmpty]);

export const indicatorSchema = z
  .object({
    code: nonEmpty,
    sheet: nonEmpty,
    name: nonEmpty,
    unit: nonEmpty,
    kind: z.enum(['flow', 'stock', 'rate']),
    plan: z.boolean(),
    integer: z.boolean(),
    /** Exhaustive parts: the total must equal their sum. */
    sumOf: z.array(nonEmpty).min(1).optional(),
    /** A part of another indicator; `mayNotExceed` enables the part ≤ total check. */
    partOf: z.object({ total: nonEmpty, mayNotExceed: z.boolean() }).optional(),
    /** A rate: numerator ÷ denominator, each at its 累计. */
    ratio: z.object({ numerator: nonEmpty, denominator: nonEmpty }).optional(),
  })
  .refine((i) => (i.kind === 'rate') === (i.ratio !== undefined), {
    message: 'a rate indicator needs a ratio, and only a rate indicator may have one',
    path: ['ratio'],
  });

const ruleSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  message: localized,
});

export const templateSchema = z
  .object({
    $schema: z.string().optional(),
    id: nonEmpty,
    version: nonEmpty,
    title: localized,
    sheets: z.object({
      cover: nonEmpty,
      data: z.array(z.object({ name: nonEmpty, title: nonEmpty })).min(1),
      twoPlan: nonEmpty,
      summary: nonEmpty,
    }),
    cover: z.object({
      title: nonEmpty,
      fields: z
        .array(
          z.object({
            key: nonEmpty,
            label: nonEmpty,
            type: z.enum(['text', 'division-code', 'period', 'phone', 'date']),
            required: z.union([z.literal(false), z.enum(['error', 'warning'])]),
          }),
        )
        .min(1),
      /**
       * Label of the template stamp row (a last cover row, column A; column B holds `<id> <version>`), written into
       * every new return and roll-up so `merge` can refuse returns of other template versions. Optional: a template
       * without it writes and reads no stamp.
       */
      stampLabel: nonEmpty.optional(),
    }),
    dataColumns: z.object({
      code: nonEmpty,
      name: nonEmpty,
      unit: nonEmpty,
      plan: nonEmpty,
      quarters: z.tuple([nonEmpty, nonEmpty, nonEmpty, nonEmpty]),
      cumulative: nonEmpty,
      percentOfPlan: nonEmpty,
      timeProgress: nonEmpty,
      note: nonEmpty,
      order: z.array(dataColumnRole).length(12),
      toolOwned: z.array(dataColumnRole),
    }),
    indicators: z.array(indicatorSchema).min(1),
    twoPlan: z.object({
      columns: z.object({
        code: nonEmpty,
        plan: nonEmpty,
        domain: nonEmpty,
        name: nonEmpty,
        unit: nonEmpty,
        direction: nonEmpty,
        baseline: nonEmpty,
        midTarget: nonEmpty,
        finalTarget: nonEmpty,
        value: nonEmpty,
        status: nonEmpty,
        note: nonEmpty,
        /** Optional columns after 备注, found by label: the department that supplies the figure, and its year. */
        department: nonEmpty.optional(),
        year: nonEmpty.optional(),
        order: z.array(twoPlanColumnRole).min(12).max(14),
        toolOwned: z.array(twoPlanColumnRole),
      }),
      plans: z.array(nonEmpty).min(1),
      directions: z.object({ higher: z.array(nonEmpty).min(1), lower: z.array(nonEmpty).min(1) }),
      statuses: z.object({ noData: nonEmpty, final: nonEmpty, mid: nonEmpty, below: nonEmpty }),
      defaultRows: z.array(
        z.object({
          code: nonEmpty,
          plan: nonEmpty,
          domain: nonEmpty,
          name: nonEmpty,
          unit: nonEmpty,
          direction: nonEmpty,
          baseline: z.number().optional(),
          midTarget: targetValue.optional(),
          finalTarget: targetValue,
          department: nonEmpty.optional(),
        }),
      ),
    }),
    /** Units that convert into one another: value in base = value × factor. */
    units: z.record(z.string(), z.object({ dimension: nonEmpty, factor: z.number().positive() })),
    progress: z.object({
      timeProgressByQuarter: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      statuses: z.object({ noPlan: nonEmpty, exceeded: nonEmpty, onTrack: nonEmpty, behind: nonEmpty }),
    }),
    tolerances: z.object({
      money: z.number().nonnegative(),
      ratePoints: z.number().nonnegative(),
      outlierQuarterFactor: z.number().positive(),
      outlierPlanFactor: z.number().positive(),
    }),
    summary: z.object({
      sheet: nonEmpty,
      title: nonEmpty,
      indicatorBlock: z.object({ headers: z.array(nonEmpty).length(8) }),
      sheetBlock: z.object({ headers: z.array(nonEmpty).length(4) }),
      twoPlanBlock: z.object({ headers: z.array(nonEmpty).length(8), totalLabel: nonEmpty }),
      formats: z.object({ percent: nonEmpty, share: nonEmpty }),
    }),
    /** Figures-summary wording (数据摘要), see summary/phrases-schema.ts; optional, defaults from the standard template. */
    phrases: phrasesSchema.optional(),
    rules: z.record(z.string(), ruleSchema),
  })
  .superRefine((t, ctx) => {
    const stamp = t.cover.stampLabel;
    if (stamp !== undefined && t.cover.fields.some((f) => f.label.trim() === stamp.trim())) {
      ctx.addIssue({ code: 'custom', path: ['cover', 'stampLabel'], message: `the stamp label ${stamp} is also a cover field's label` });
    }
    const sheetNames = new Set(t.sheets.data.map((s) => s.name));
    const codes = new Map<string, number>();
    t.indicators.forEach((ind, i) => {
      if (codes.has(ind.code)) {
        ctx.addIssue({ code: 'custom', path: ['indicators', i, 'code'], message: `duplicate indicator code ${ind.code}` });
      }
      codes.set(ind.code, i);
      if (!sheetNames.has(ind.sheet)) {
        ctx.addIssue({ code: 'custom', path: ['indicators', i, 'sheet'], message: `no data sheet named ${ind.sheet}` });
      }
    });
    t.indicators.forEach((ind, i) => {
      const refs: [string, (string | number)[]][] = [];
      ind.sumOf?.forEach((c, j) => refs.push([c, ['sumOf', j]]));
      if (ind.partOf) refs.push([ind.partOf.total, ['partOf', 'total']]);
      if (ind.ratio) {
        refs.push([ind.ratio.numerator, ['ratio', 'numerator']]);
        refs.push([ind.ratio.denominator, ['ratio', 'denominator']]);
      }
      for (const [code, path] of refs) {
        if (!codes.has(code)) {
          ctx.addIssue({ code: 'custom', path: ['indicators', i, ...path], message: `unknown indicator ${code}` });
        }
      }
    });
    const cols = t.twoPlan.columns;
    t.twoPlan.columns.order.forEach((role, i) => {
      if (cols[role] === undefined) ctx.addIssue({ code: 'custom', path: ['twoPlan', 'columns', 'order', i], message: `column ${role} has no label` });
    });
    for (const rule of RULE_IDS) {
      if (!(rule in t.rules)) ctx.addIssue({ code: 'custom', path: ['rules', rule], message: `rule ${rule} is missing` });
    }
    for (const [i, unit] of t.indicators.entries()) {
      if (unit.kind === 'rate' && unit.plan) {
        ctx.addIssue({ code: 'custom', path: ['indicators', i, 'plan'], message: 'a rate indicator has no annual plan' });
      }
    }
  });

export type Template = z.infer<typeof templateSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type DataColumnRole = z.infer<typeof dataColumnRole>;
export type TwoPlanColumnRole = z.infer<typeof twoPlanColumnRole>;
export type CoverField = Template['cover']['fields'][number];
export type TwoPlanDefaultRow = Template['twoPlan']['defaultRows'][number];
