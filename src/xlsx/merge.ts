/**
 * Roll-up (`merge`, spec section 6) as pure work over bytes, shared by the CLI and the web page: returns
 * `{ name, bytes }` in, the roll-up's bytes and its 各单位 rows out. No fs, no threads: the CLI reads the files
 * (on workers for large folders) and hands each return's compact `MergeItem` to a `Merger`; the browser calls
 * `mergeReturns` with the files the user picked.
 *
 * A return becomes a MergeItem once checked (its typed numbers, counts, 各单位 row and, for a roll-up, the rows of its
 * own 各单位); the Merger keeps running sums and these small rows only, then refuses (other template versions, mixed
 * periods, errors unless allowed) or builds the roll-up exactly as `new` + `fill` write a return.
 */
import { dateSerial, serialFromDate, text, type Cell } from '../engine/cell';
import { checkReturn } from '../engine/check';
import { planFill } from '../engine/fill';
import type { Finding, Lang } from '../engine/findings';
import { formatFindings } from '../engine/messages';
import { isPhone, readDate } from '../engine/read/cover';
import type { Period } from '../engine/report';
import {
  contributionOf,
  Rollup,
  twoPlanRowsOf,
  unitRowOf,
  unitRowsOf,
  type CarriedTwoPlanRow,
  type RollupContribution,
  type UnitRow,
} from '../engine/rollup';
import { findDuplicates, type Duplicate, type DuplicateReason } from '../engine/duplicates';
import { firstOutOfRange } from '../engine/number-range';
import { chooseTemplate, templateKey, type TemplateChoice } from '../engine/template/choose';
import { EMBEDDED_TEMPLATE_SHEET, embedTemplate } from '../engine/template/embed';
import { knownTemplate, knownTemplates } from '../engine/template/load';
import type { Template } from '../engine/template/schema';
import type { WorkbookView } from '../engine/workbook';
import { patchXlsx } from './patch';
import { readXlsx } from './read';
import { writeNewXlsx } from './write';

/** One return as the user gave it. */
export interface MergeInput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** What the roll-up needs of one return: its identity, counts, typed numbers and 各单位 rows. */
export type MergeItem =
  | { readonly file: string; readonly ok: false; readonly error: string }
  | {
      readonly file: string;
      readonly ok: true;
      readonly template: { readonly id: string; readonly version: string };
      /** The return's own template stamp (封面), null when it has none. */
      readonly stamp: { readonly id: string; readonly version: string } | null;
      readonly unit: string | null;
      /** 行政区划代码 when it reads as 6 digits, and a digest of the file's bytes: merge refuses two returns of one unit. */
      readonly divisionCode: string | null;
      readonly digest: string;
      readonly periodText: string | null;
      readonly period: Period | null;
      readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
      /** The error findings, rendered (listed when the return is refused). */
      readonly errors: readonly Finding[];
      readonly contribution: RollupContribution;
      readonly unitRow: UnitRow;
      /** The rows of the return's own 各单位 when it is a roll-up (逐级汇总), with 上级单位 set; else empty. */
      readonly subUnits: readonly UnitRow[];
      /** The two-plan rows, when asked for (the first return). */
      readonly twoPlan: readonly CarriedTwoPlanRow[] | null;
      /** The template the return carries, where it was checked with that one (no shipped version is sent back). */
      readonly carried: Template | null;
    };

export type MergeOk = Extract<MergeItem, { ok: true }>;

export interface MergeItemOptions {
  /** The template in force. */
  readonly template: Template;
  /** True when the user named it (`--template`): it checks every return; else each return chooses its own. */
  readonly explicit?: boolean;
  readonly lang: Lang;
  /** Keep the return's two-plan rows (the first return's are carried). */
  readonly carryTwoPlan: boolean;
  /** A digest of the file's bytes (same bytes = same return). */
  readonly digest: string;
  /** Why a return's template cannot be chosen, as the host says it; default: this module's own wording. */
  readonly describeChoice?: (c: Extract<TemplateChoice, { ok: false }>) => string;
}

/**
 * A return checked with its template (the one given, else the one it carries or its stamp names) and reduced to what
 * the roll-up needs. A stamp naming an unknown version is checked with the template in force, so the roll-up refuses
 * it for its version, naming it. Pure.
 */
export function mergeItemOf(file: string, view: WorkbookView, o: MergeItemOptions): MergeItem {
  const choice = chooseTemplate(view, o.explicit ? o.template : undefined);
  if (!choice.ok && choice.reason !== 'unknown-version') {
    return { file, ok: false, error: (o.describeChoice ?? ((c) => describeChoice(c, o.lang)))(choice) };
  }
  const template = choice.ok ? choice.template : o.template;
  const report = checkReturn(view, template);
  return {
    file,
    ok: true,
    template: choice.ok ? report.template : (report.stamp ?? report.template),
    stamp: report.stamp ?? null,
    unit: report.unit,
    divisionCode: report.divisionCode ?? null,
    digest: o.digest,
    periodText: report.periodText,
    period: report.period,
    counts: { error: report.counts.error, warning: report.counts.warning, info: report.counts.info },
    errors: formatFindings(report.issues, template, o.lang).filter((f) => f.severity === 'error'),
    contribution: contributionOf(report),
    unitRow: unitRowOf(report, file),
    subUnits: unitRowsOf(view, template, report.unit),
    twoPlan: o.carryTwoPlan ? twoPlanRowsOf(view, report) : null,
    carried: choice.ok && choice.source === 'embedded' ? template : null,
  };
}

/** The roll-up's own cover (逐级汇总): who made it and when, so it goes up a level clean. */
export interface MergeCover {
  readonly preparer?: string;
  readonly reviewer?: string;
  readonly phone?: string;
  /** 填报日期 as typed (`2026-10-08`, `2026年10月8日` …); default: `today`. */
  readonly date?: string;
}

export interface MergeOptions {
  /** The template in force. */
  readonly template: Template;
  /** True when the user named it (`--template`): every return must be stamped with it. */
  readonly explicit?: boolean;
  readonly lang: Lang;
  /** 填报单位 of the roll-up; default: the first return's unit followed by 汇总. */
  readonly unit?: string;
  /** Merge returns with error findings too (default: refuse them). */
  readonly allowErrors?: boolean;
  /** Merge several returns of one unit too (default: refuse them, naming each pair). */
  readonly allowDuplicates?: boolean;
  readonly cover?: MergeCover;
  /** The day of the merge (填报日期 when `cover.date` is not given); default: now, in the local time zone. */
  readonly today?: Date;
}

export type MergeRefusal =
  | { readonly kind: 'bad-option'; readonly option: 'unit' | 'preparer' | 'reviewer' | 'phone' | 'date'; readonly value: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly files: readonly { readonly file: string; readonly error: string }[] }
  | { readonly kind: 'versions'; readonly inForce: string; readonly odd: readonly { readonly file: string; readonly version: string }[] }
  | {
      readonly kind: 'periods';
      /** The period most returns have (`2026Q3`), or '' when none is readable. */
      readonly common: string;
      readonly odd: readonly { readonly file: string; readonly period: string | null; readonly periodText: string | null }[];
    }
  | { readonly kind: 'duplicates'; readonly duplicates: readonly Duplicate[] }
  /** A sum past Excel's number range (it would be written as #NUM!), at `Sheet!A1`. */
  | { readonly kind: 'out-of-range'; readonly cell: string }
  | { readonly kind: 'errors'; readonly returns: readonly MergeOk[] };

export interface Merged {
  readonly ok: true;
  readonly bytes: Uint8Array;
  readonly unit: string;
  /** `2026Q3`. */
  readonly period: string;
  readonly merged: number;
  /** Returns merged in spite of their errors (`allowErrors`). */
  readonly withErrors: number;
  /** Returns merged although they repeat a unit (`allowDuplicates`). */
  readonly duplicates: number;
  /** The rows of the roll-up's 各单位, in order. */
  readonly units: readonly UnitRow[];
  /** Labels of cover fields the roll-up still lacks (its own `cover-field-missing` findings), e.g. 填报人. */
  readonly lacking: readonly string[];
}

export type MergeOutcome = Merged | { readonly ok: false; readonly refusal: MergeRefusal };

/** Most error findings a refusal keeps per return. */
export const MAX_LISTED_ERRORS = 10;

/** Cover cells of the roll-up from the options, or the option that is not usable. */
export function mergeCoverCells(
  template: Template,
  options: Pick<MergeOptions, 'cover' | 'today' | 'unit'>,
): { readonly ok: true; readonly cells: Record<string, Cell> } | { readonly ok: false; readonly refusal: MergeRefusal } {
  const bad = (option: Extract<MergeRefusal, { kind: 'bad-option' }>['option'], value: string) =>
    ({ ok: false, refusal: { kind: 'bad-option', option, value } }) as const;
  if (options.unit !== undefined && options.unit.trim() === '') return bad('unit', options.unit);
  const c = options.cover ?? {};
  const cells: Record<string, Cell> = {};
  for (const f of template.cover.fields) {
    if (f.key === 'preparer' && c.preparer !== undefined) {
      if (c.preparer.trim() === '') return bad('preparer', c.preparer);
      cells[f.key] = { value: text(c.preparer.trim()) };
    } else if (f.key === 'reviewer' && c.reviewer !== undefined) {
      if (c.reviewer.trim() === '') return bad('reviewer', c.reviewer);
      cells[f.key] = { value: text(c.reviewer.trim()) };
    } else if (f.type === 'phone' && c.phone !== undefined) {
      const cell: Cell = { value: text(c.phone.trim()) };
      if (!isPhone(cell)) return bad('phone', c.phone);
      cells[f.key] = cell;
    } else if (f.type === 'date') {
      let serial: number | null;
      if (c.date !== undefined) {
        serial = readDate({ value: text(c.date.trim()) });
        if (serial === null) return bad('date', c.date);
      } else {
        const d = options.today ?? new Date();
        serial = serialFromDate(new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())));
      }
      cells[f.key] = { value: dateSerial(serial), numberFormat: 'yyyy-mm-dd' };
    }
  }
  return { ok: true, cells };
}

const periodKey = (it: MergeOk): string => (it.period ? `${it.period.year}Q${it.period.quarter}` : '');

/** The most common key (ties: the one seen first). */
function majority<T>(items: readonly T[], key: (t: T) => string): string {
  const counts = new Map<string, number>();
  for (const it of items) counts.set(key(it), (counts.get(key(it)) ?? 0) + 1);
  let best = '';
  let n = -1;
  for (const [k, c] of counts) {
    if (c > n) {
      best = k;
      n = c;
    }
  }
  return best;
}

/**
 * Running roll-up of returns added one by one, in merge order: only sums and small rows are kept, never a workbook
 * (a province's hundreds of returns stay in flat memory).
 */
export class Merger {
  private readonly items: MergeOk[] = [];
  /** The typed numbers wait for the template: without --template, the returns' own versions decide it. */
  private readonly contributions: RollupContribution[] = [];
  private readonly carried = new Map<string, Template>();
  private readonly unreadable: { file: string; error: string }[] = [];
  private twoPlan: readonly CarriedTwoPlanRow[] | null = null;

  constructor(private readonly options: MergeOptions) {}

  add(item: MergeItem): void {
    if (!item.ok) {
      this.unreadable.push({ file: item.file, error: item.error });
      return;
    }
    this.contributions.push(item.contribution);
    if (this.items.length === 0) this.twoPlan = item.twoPlan;
    const key = templateKey(item.template);
    if (item.carried && !this.carried.has(key)) this.carried.set(key, item.carried);
    // Keep only what the listing and 各单位 need: the contributions hold the numbers.
    this.items.push({ ...item, contribution: { values: {} }, twoPlan: null, carried: null, errors: item.errors.slice(0, MAX_LISTED_ERRORS) });
  }

  /** The roll-up, or why there is none. */
  async finish(): Promise<MergeOutcome> {
    const { template, explicit = false } = this.options;
    const early = mergeCoverCells(template, this.options);
    if (!early.ok) return early;
    if (this.unreadable.length > 0) return { ok: false, refusal: { kind: 'unreadable', files: this.unreadable } };
    const items = this.items;
    if (items.length === 0) return { ok: false, refusal: { kind: 'none' } };
    // Template versions first: a return of another version is not comparable at all. With --template, every return's
    // 封面 stamp must name it (a return without a stamp, made before stamps existed, is taken as it); without, the
    // returns' own versions (the template each carries, or the shipped version its stamp names) must agree.
    const given = templateKey(template);
    const resolved = (it: MergeOk): string => templateKey(it.template);
    const versionOf = explicit ? (it: MergeOk): string => (it.stamp ? templateKey(it.stamp) : given) : resolved;
    const inForce = explicit ? given : majority(items, resolved) || given;
    const oddVersions = items.filter((it) => versionOf(it) !== inForce);
    if (oddVersions.length > 0) {
      return { ok: false, refusal: { kind: 'versions', inForce, odd: oddVersions.map((it) => ({ file: it.file, version: versionOf(it) })) } };
    }
    const rollupTemplate = explicit ? template : (knownTemplate(inForce) ?? this.carried.get(inForce) ?? template);
    const period = majority(items.filter((it) => periodKey(it) !== ''), periodKey);
    const oddPeriods = items.filter((it) => period === '' || periodKey(it) !== period);
    if (oddPeriods.length > 0) {
      const odd = oddPeriods.map((it) => ({ file: it.file, period: periodKey(it) || null, periodText: it.periodText }));
      return { ok: false, refusal: { kind: 'periods', common: period, odd } };
    }
    // Two returns of one unit would be counted twice.
    const duplicates = findDuplicates(items);
    if (duplicates.length > 0 && !this.options.allowDuplicates) return { ok: false, refusal: { kind: 'duplicates', duplicates } };
    const withErrors = items.filter((it) => it.counts.error > 0);
    if (withErrors.length > 0 && !this.options.allowErrors) return { ok: false, refusal: { kind: 'errors', returns: withErrors } };

    const cover = mergeCoverCells(rollupTemplate, this.options);
    if (!cover.ok) return cover;
    const rollup = new Rollup(rollupTemplate);
    for (const c of this.contributions) rollup.add(c);
    const unit = this.options.unit?.trim() || `${items[0]!.unit ?? ''}${messages(this.options.lang).suffix}`;
    const units = items.flatMap((it) => [it.unitRow, ...it.subUnits]);
    const book = rollup.build({ unit, period, cover: cover.cells, units, twoPlan: this.twoPlan });
    const over = firstOutOfRange(book);
    if (over) return { ok: false, refusal: { kind: 'out-of-range', cell: over } };
    // A federation's own template goes up the chain with the roll-up, as `new --template` put it in each return.
    const own = !knownTemplates().includes(rollupTemplate);
    if (own) embedTemplate(book, rollupTemplate);
    const fresh = await writeNewXlsx(book, own ? { veryHiddenSheets: [EMBEDDED_TEMPLATE_SHEET] } : {});
    // The same path as `fill`: read the new package back, check it, plan the fill, patch it in.
    const { view } = await readXlsx(fresh);
    const report = checkReturn(view, rollupTemplate);
    const bytes = patchXlsx(fresh, planFill(view, rollupTemplate, report));
    const lacking = report.issues.filter((i) => i.rule === 'cover-field-missing').map((i) => String(i.params['label'] ?? ''));
    return {
      ok: true,
      bytes,
      unit,
      period,
      merged: items.length,
      withErrors: withErrors.length,
      duplicates: duplicates.length,
      units,
      lacking,
    };
  }
}

/** A digest of bytes for telling identical files apart (SHA-256 where the platform has it). */
export async function digestOf(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle) {
    const d = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
    return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  // FNV-1a over the bytes and their length: only sameness matters here.
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return `fnv1a:${bytes.length}:${h.toString(16)}`;
}

/** The whole roll-up over bytes (the web page's entry): every input read and checked here, in order. */
export async function mergeReturns(inputs: readonly MergeInput[], options: MergeOptions): Promise<MergeOutcome> {
  const merger = new Merger(options);
  for (const [i, input] of inputs.entries()) {
    let item: MergeItem;
    try {
      const { view } = await readXlsx(input.bytes);
      const o = { template: options.template, explicit: options.explicit ?? false, lang: options.lang, carryTwoPlan: i === 0 };
      item = mergeItemOf(input.name, view, { ...o, digest: await digestOf(input.bytes) });
    } catch (e) {
      item = { file: input.name, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    merger.add(item);
  }
  return merger.finish();
}

const TEXT = {
  'zh-CN': {
    none: '没有要汇总的报表',
    badOption: {
      unit: '--unit 不能为空',
      preparer: '--preparer 不能为空',
      reviewer: '--reviewer 不能为空',
      phone: (v: string) => `--phone「${v}」不是有效的手机或座机号码`,
      date: (v: string) => `--date「${v}」不是日期（如 2026-10-08 或 2026年10月8日）`,
    },
    unreadable: (n: number) => `${n} 个文件无法读取，未汇总：`,
    periodsDiffer: (common: string) => `报告期不一致，未汇总（多数报表为 ${common}）：`,
    versionsDiffer: (inForce: string) => `模板版本不一致，未汇总（所用模板为 ${inForce}，可用 --template 指定其他版本）：`,
    noPeriod: '无法识别的报告期',
    item: (file: string, why: string) => `${file}（${why}）`,
    sep: '；',
    refused: (n: number) => `${n} 份报表有错误，未汇总（修改后重试，或加 --allow-errors 照常汇总）：`,
    errorsOf: (file: string, unit: string | null, n: number) => `${file}${unit ? `（${unit}）` : ''}：${n} 个错误`,
    more: (n: number) => `……另有 ${n} 个错误`,
    merged: (n: number, out: string, unit: string, period: string) => `已汇总 ${n} 份报表 → ${out}：${unit}，${period}`,
    withErrors: (n: number) => `其中 ${n} 份有错误，已照常计入（见「各单位」表的错误数）`,
    duplicates: (n: number) => `${n} 份报表与另一份属同一单位，未汇总（确属不同单位请加 --allow-duplicates）：`,
    duplicate: (a: string, b: string, why: DuplicateReason, v: string) =>
      `${b} 与 ${a}${{ 'same-bytes': '内容完全相同', 'same-code': `行政区划代码相同（${v}）`, 'same-unit': `填报单位相同（${v}）` }[why]}`,
    duplicatesMerged: (n: number) => `其中 ${n} 份与另一份属同一单位，已按 --allow-duplicates 照常计入`,
    outOfRange: (cell: string) => `汇总后 ${cell} 超出 Excel 能表示的数值范围（±9.99999999999999E+307），未汇总；请核对各报表该格的数值`,
    unknownVersion: (stamp: string) => `报表使用的模板版本「${stamp}」未知`,
    embeddedBroken: (why: string) => `报表所附模板无法读取：${why}`,
    lacking: (labels: string) => `汇总报表封面尚缺：${labels}（上报前补填，或用 --preparer、--reviewer、--phone、--date 写入）`,
    unitGuessed: (unit: string) => `未给出 --unit，汇总单位暂按第一份报表写作「${unit}」：请用 --unit 写上本级单位名称（如 --unit 某某市妇联）`,
    listSep: '、',
    suffix: '汇总',
  },
  en: {
    none: 'no return to merge',
    badOption: {
      unit: '--unit must not be empty',
      preparer: '--preparer must not be empty',
      reviewer: '--reviewer must not be empty',
      phone: (v: string) => `--phone "${v}" is not a mobile or landline number`,
      date: (v: string) => `--date "${v}" is not a date (such as 2026-10-08 or 2026年10月8日)`,
    },
    unreadable: (n: number) => `${n} file(s) could not be read; nothing merged: `,
    periodsDiffer: (common: string) => `the returns are of different periods; nothing merged (most are ${common}): `,
    versionsDiffer: (inForce: string) =>
      `returns of another template version; nothing merged (the template in force is ${inForce}; --template loads another): `,
    noPeriod: 'unreadable period',
    item: (file: string, why: string) => `${file} (${why})`,
    sep: '; ',
    refused: (n: number) => `${n} return(s) have errors; nothing merged (fix them, or add --allow-errors to merge anyway):`,
    errorsOf: (file: string, unit: string | null, n: number) => `${file}${unit ? ` (${unit})` : ''}: ${n} error(s)`,
    more: (n: number) => `… and ${n} more error(s)`,
    merged: (n: number, out: string, unit: string, period: string) => `merged ${n} returns → ${out}: ${unit}, ${period}`,
    withErrors: (n: number) => `${n} of them have errors and were merged anyway (see the error counts in 各单位)`,
    duplicates: (n: number) => `${n} return(s) are of a unit already given; nothing merged (add --allow-duplicates if they are distinct units): `,
    duplicate: (a: string, b: string, why: DuplicateReason, v: string) =>
      `${b} repeats ${a} (${{ 'same-bytes': 'identical content', 'same-code': `same 行政区划代码 ${v}`, 'same-unit': `same 填报单位 ${v}` }[why]})`,
    duplicatesMerged: (n: number) => `${n} of them repeat a unit already given and were merged anyway (--allow-duplicates)`,
    outOfRange: (cell: string) => `the sum at ${cell} is beyond the numbers Excel can hold (±9.99999999999999E+307); nothing merged; check that cell in the returns`,
    unknownVersion: (stamp: string) => `the return is stamped with an unknown template version "${stamp}"`,
    embeddedBroken: (why: string) => `the template the return carries cannot be read: ${why}`,
    lacking: (labels: string) =>
      `the roll-up's cover still lacks: ${labels} (fill them in before sending it up, or pass --preparer, --reviewer, --phone, --date)`,
    unitGuessed: (unit: string) => `no --unit given, so the roll-up's unit is taken from the first return as "${unit}": name your own unit with --unit`,
    listSep: ', ',
    suffix: '汇总',
  },
} as const;

export type MergeMessages = (typeof TEXT)[Lang];

export function messages(lang: Lang): MergeMessages {
  return TEXT[lang];
}

/**
 * Why a roll-up was refused, as the CLI prints it (several lines for returns with errors). `show` makes text taken
 * from the files (names, units, messages) safe for where it is shown (the CLI escapes terminal controls).
 */
export function describeRefusal(refusal: MergeRefusal, lang: Lang, show: (s: string) => string = (x) => x): string {
  const s = TEXT[lang];
  const list = (xs: readonly { file: string; why: string }[]): string => xs.map((x) => s.item(x.file, x.why)).join(s.sep);
  switch (refusal.kind) {
    case 'bad-option': {
      const m = s.badOption[refusal.option];
      return typeof m === 'string' ? m : m(refusal.value);
    }
    case 'none':
      return s.none;
    case 'unreadable':
      return `${s.unreadable(refusal.files.length)}${list(refusal.files.map((u) => ({ file: u.file, why: u.error })))}`;
    case 'versions':
      return `${s.versionsDiffer(refusal.inForce)}${list(refusal.odd.map((o) => ({ file: o.file, why: o.version })))}`;
    case 'periods': {
      const shown = (o: (typeof refusal.odd)[number]): string => o.period ?? (o.periodText ? `${s.noPeriod}「${o.periodText}」` : s.noPeriod);
      return `${s.periodsDiffer(refusal.common || s.noPeriod)}${list(refusal.odd.map((o) => ({ file: o.file, why: shown(o) })))}`;
    }
    case 'out-of-range':
      return s.outOfRange(refusal.cell);
    case 'duplicates': {
      const shown = refusal.duplicates.slice(0, MAX_LISTED_ERRORS).map((d) => s.duplicate(d.first.file, d.again.file, d.reason, d.value));
      const more = refusal.duplicates.length > MAX_LISTED_ERRORS ? `${s.sep}…（+${refusal.duplicates.length - MAX_LISTED_ERRORS}）` : '';
      return `${s.duplicates(refusal.duplicates.length)}${shown.join(s.sep)}${more}`;
    }
    case 'errors': {
      const lines: string[] = [s.refused(refusal.returns.length)];
      for (const it of refusal.returns) {
        lines.push(`  ${show(s.errorsOf(it.file, it.unit, it.counts.error))}`);
        for (const f of it.errors.slice(0, MAX_LISTED_ERRORS)) lines.push(`    ${show(`${f.cell ? `${f.sheet}!${f.cell}` : f.sheet}  ${f.message}`)}  ${f.rule}`);
        if (it.counts.error > MAX_LISTED_ERRORS) lines.push(`    ${s.more(it.counts.error - MAX_LISTED_ERRORS)}`);
      }
      return lines.join('\n');
    }
  }
}

/** Why a return's template cannot be chosen (hosts may word it their own way). */
export function describeChoice(c: Extract<TemplateChoice, { ok: false }>, lang: Lang): string {
  const s = TEXT[lang];
  return c.reason === 'unknown-version' ? s.unknownVersion(c.stamp) : s.embeddedBroken(c.error);
}
