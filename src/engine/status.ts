/**
 * 报送情况: who has reported. Matches the returns of a folder against the list of expected units — by 行政区划代码
 * when both sides have one, else by 填报单位 trimmed and full-width folded — and drafts the reminder (催报) naming the
 * units still missing. Pure (no fs): the CLI's `status` and the browser's reviewer mode share it.
 */
import type { Lang } from './findings';
import type { Period } from './report';

/** One line of the expected list: `单位名称`, or `行政区划代码<TAB>单位名称`. */
export interface ExpectedUnit {
  readonly unit: string;
  readonly divisionCode: string | null;
}

/** A return as status needs it: where it came from and what its cover says. */
export interface ReceivedReturn {
  readonly file: string;
  readonly unit: string | null;
  readonly divisionCode: string | null;
  readonly period: Period | null;
  readonly errors: number;
}

export interface ReportingStatus {
  /** The period of the returns (the most common one), `2026Q3`, or null when none could be read. */
  readonly period: string | null;
  /** Each return matched to an expected unit (both files of a duplicate), in list order, then by file. */
  readonly received: readonly { readonly unit: string; readonly file: string; readonly errors: number }[];
  readonly missing: readonly { readonly unit: string; readonly divisionCode: string | null }[];
  /** Files whose unit is not on the list. */
  readonly unexpected: readonly string[];
  /** Units with more than one return. */
  readonly duplicates: readonly { readonly unit: string; readonly files: readonly string[] }[];
  readonly reminder: string;
}

export interface ExpectListProblem {
  /** 1-based line number. */
  readonly line: number;
  readonly text: string;
  readonly reason: 'bad-code' | 'no-name' | 'duplicate';
}

const CODE = /^[0-9]{6}$/;

/** 填报单位 as compared: NFKC (full-width letters, digits, brackets and spaces folded), then no whitespace at all. */
export function foldUnitName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** A 行政区划代码 as compared: full-width digits folded, spaces dropped; null unless it is 6 digits. */
export function foldDivisionCode(code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  const c = code.normalize('NFKC').replace(/\s+/g, '');
  return CODE.test(c) ? c : null;
}

/**
 * The expected list: one unit a line, optionally `行政区划代码<TAB>单位名称` (a 6-digit code then spaces also works).
 * Blank lines and lines starting with `#` are skipped; a BOM and CRLF are fine.
 */
export function parseExpectList(text: string): { readonly units: readonly ExpectedUnit[]; readonly problems: readonly ExpectListProblem[] } {
  const units: ExpectedUnit[] = [];
  const problems: ExpectListProblem[] = [];
  const seen = new Set<string>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      let code: string | null = null;
      let name = line;
      const tab = raw.indexOf('\t');
      const spaced = /^([0-9０-９]{6})[\s\u3000]+(.+)$/.exec(line);
      if (tab >= 0) {
        const first = raw.slice(0, tab).trim();
        name = raw.slice(tab + 1).trim();
        if (first !== '') {
          code = foldDivisionCode(first);
          if (code === null) return void problems.push({ line: i + 1, text: line, reason: 'bad-code' });
        }
      } else if (spaced) {
        code = foldDivisionCode(spaced[1] ?? '');
        name = (spaced[2] ?? '').trim();
      }
      if (name === '') return void problems.push({ line: i + 1, text: line, reason: 'no-name' });
      const key = code ?? `name:${foldUnitName(name)}`;
      if (seen.has(key)) return void problems.push({ line: i + 1, text: line, reason: 'duplicate' });
      seen.add(key);
      units.push({ unit: name, divisionCode: code });
    });
  return { units, problems };
}

/** Whether a return is an expected unit's: by code when both have one, else by folded name. */
export function matchesUnit(expected: ExpectedUnit, r: Pick<ReceivedReturn, 'unit' | 'divisionCode'>): boolean {
  const ec = foldDivisionCode(expected.divisionCode);
  const rc = foldDivisionCode(r.divisionCode);
  if (ec !== null && rc !== null) return ec === rc;
  return r.unit !== null && foldUnitName(r.unit) !== '' && foldUnitName(r.unit) === foldUnitName(expected.unit);
}

const periodKey = (p: Period): string => `${p.year}Q${p.quarter}`;

/** The most common period among the returns (ties: the latest), or null. */
function commonPeriod(returns: readonly ReceivedReturn[]): Period | null {
  const counts = new Map<string, { p: Period; n: number }>();
  for (const r of returns) {
    if (!r.period) continue;
    const k = periodKey(r.period);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { p: r.period, n: 1 });
  }
  let best: { p: Period; n: number } | null = null;
  for (const c of counts.values()) {
    if (!best || c.n > best.n || (c.n === best.n && periodKey(c.p) > periodKey(best.p))) best = c;
  }
  return best?.p ?? null;
}

const QUARTER_ZH = ['一', '二', '三', '四'] as const;

/** 2026年第三季度 / 2026 Q3, as a reminder names a period. */
export function periodWords(p: Period | null, lang: Lang): string {
  if (p === null) return lang === 'en' ? 'this period' : '本期';
  return lang === 'en' ? `${p.year} Q${p.quarter}` : `${p.year}年第${QUARTER_ZH[p.quarter - 1]}季度`;
}

/** The reminder to paste into a group: the period and every missing unit by name. */
export function reminderText(missing: readonly ExpectedUnit[], period: Period | null, lang: Lang): string {
  const when = periodWords(period, lang);
  if (lang === 'en') {
    if (missing.length === 0) return `Every unit has sent its ${when} return. Thank you.`;
    return `Reminder: the ${when} quarterly indicator return has not yet been received from ${missing.map((m) => m.unit).join(', ')}. Please send it as soon as possible.`;
  }
  if (missing.length === 0) return `${when}妇联工作季度统计报表已全部报齐，谢谢各单位。`;
  return `【催报】${when}妇联工作季度统计报表，以下${missing.length}个单位尚未报送：${missing.map((m) => m.unit).join('、')}。请尽快报送，谢谢！`;
}

/** Matches the returns against the expected units. A return matching no unit is unexpected; one unit may get two. */
export function reportingStatus(expected: readonly ExpectedUnit[], returns: readonly ReceivedReturn[], lang: Lang): ReportingStatus {
  const byUnit: ReceivedReturn[][] = expected.map(() => []);
  const unexpected: string[] = [];
  for (const r of returns) {
    const i = expected.findIndex((e) => matchesUnit(e, r));
    if (i < 0) unexpected.push(r.file);
    else byUnit[i]?.push(r);
  }
  const byFile = (a: ReceivedReturn, b: ReceivedReturn): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const received: { unit: string; file: string; errors: number }[] = [];
  const duplicates: { unit: string; files: string[] }[] = [];
  const missing: ExpectedUnit[] = [];
  expected.forEach((e, i) => {
    const rs = [...(byUnit[i] ?? [])].sort(byFile);
    if (rs.length === 0) missing.push({ unit: e.unit, divisionCode: e.divisionCode });
    for (const r of rs) received.push({ unit: e.unit, file: r.file, errors: r.errors });
    if (rs.length > 1) duplicates.push({ unit: e.unit, files: rs.map((r) => r.file) });
  });
  const period = commonPeriod(byUnit.flat()) ?? commonPeriod(returns);
  return {
    period: period ? periodKey(period) : null,
    received,
    missing,
    unexpected: unexpected.sort(),
    duplicates,
    reminder: reminderText(missing, period, lang),
  };
}
