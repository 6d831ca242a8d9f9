/** Pure formatters of a drafted figures summary: plain text (to paste into a report), Markdown, JSON. */
import type { FiguresSummary } from './draft';

export type SummaryFormat = 'text' | 'md' | 'json';
export const SUMMARY_FORMATS: readonly SummaryFormat[] = ['text', 'md', 'json'];

const notePrefix = (s: FiguresSummary) => (s.lang === 'en' ? 'Note: ' : '注：');

export function formatSummaryText(s: FiguresSummary): string {
  const out: string[] = [s.title, ''];
  for (const p of s.paragraphs) {
    out.push(s.lang === 'en' ? `${p.heading}` : `【${p.heading}】`, p.text);
    for (const n of p.notes) out.push(`  ${notePrefix(s)}${n}`);
    out.push('');
  }
  return out.join('\n');
}

/**
 * Text as Markdown shows it literally: line breaks become spaces (a unit cannot open a block of its own) and the
 * characters Markdown or its raw HTML would act on are backslash-escaped (CommonMark escapes any ASCII punctuation).
 */
export function markdownText(s: string): string {
  return s.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').replace(/[\\`*_[\]<>&#|~!{}]/g, '\\$&');
}

export function formatSummaryMarkdown(s: FiguresSummary): string {
  const md = markdownText;
  const out: string[] = [`# ${md(s.title)}`, ''];
  for (const p of s.paragraphs) {
    out.push(`## ${md(p.heading)}`, '', md(p.text), '');
    if (p.notes.length > 0) {
      for (const n of p.notes) out.push(`> ${md(`${notePrefix(s)}${n}`)}`);
      out.push('');
    }
  }
  return out.join('\n');
}

export function formatSummaryJson(s: FiguresSummary): string {
  return JSON.stringify(s, null, 2);
}

export function formatSummary(s: FiguresSummary, format: SummaryFormat): string {
  switch (format) {
    case 'text':
      return formatSummaryText(s);
    case 'md':
      return formatSummaryMarkdown(s);
    case 'json':
      return formatSummaryJson(s);
  }
}

/** Only the prose, paragraphs one a line: what a copy button puts on the clipboard. */
export function summaryProse(s: FiguresSummary): string {
  return s.paragraphs.map((p) => p.text).join('\n');
}
