/**
 * The human formatter, after ESLint's `stylish`: grouped by file then sheet, one finding a line
 * (`Sheet!B7`, severity, message, dimmed rule id), each file's completeness, and a closing count line.
 * Pure: `(results, lang, color) → string`.
 */
import type { Finding, Lang, Severity } from '../../engine/findings';
import { parseA1 } from '../../engine/address';
import { messages } from '../messages';
import { periodOf, type FileResult } from '../results';
import { terminalText } from '../terminal-text';

const ESC = '\u001b[';
const style = (open: number, close: number) => (on: boolean, s: string) => (on ? `${ESC}${open}m${s}${ESC}${close}m` : s);
const red = style(31, 39);
const yellow = style(33, 39);
const cyan = style(36, 39);
const green = style(32, 39);
const dim = style(2, 22);
const bold = style(1, 22);
const underline = style(4, 24);

const paint: Record<Severity, (on: boolean, s: string) => string> = { error: red, warning: yellow, info: cyan };

export function stylish(results: readonly FileResult[], lang: Lang, color: boolean): string {
  const m = messages(lang);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let checked = 0;
  // Why a file could not be read went to stderr as it happened: here it is only named, never said twice.
  const unreadable: string[] = [];
  const emptyFolders: string[] = [];

  for (const r of results) {
    if (!r.ok) {
      (r.folder ? emptyFolders : unreadable).push(terminalText(r.file));
      continue;
    }
    checked++;
    const { report } = r;
    errors += report.counts.error;
    warnings += report.counts.warning;
    infos += report.counts.info;
    const facts = [report.unit, periodOf(report), m.completeness(report.completeness.overall)]
      .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
      .map(terminalText);
    const clean = r.findings.length === 0;
    out.push(
      `${underline(color, terminalText(r.file))}  ${dim(color, facts.join(' · '))}${clean ? `  ${green(color, `✔ ${m.noProblems}`)}` : ''}`,
    );
    if (clean) {
      out.push('');
      continue;
    }
    const rows = groupBySheet(r.findings).map((f) => ({
      where: terminalText(f.cell ? `${f.sheet}!${f.cell}` : f.sheet),
      sev: m.severity(f.severity),
      f,
    }));
    const whereW = Math.max(...rows.map((x) => displayWidth(x.where)));
    const sevW = Math.max(...rows.map((x) => displayWidth(x.sev)));
    const msgW = Math.max(...rows.map((x) => displayWidth(oneLine(x.f.message))));
    for (const x of rows) {
      const msg = oneLine(x.f.message);
      out.push(
        `  ${dim(color, padEnd(x.where, whereW))}  ${paint[x.f.severity](color, padEnd(x.sev, sevW))}  ${padEnd(msg, msgW)}  ${dim(color, x.f.rule)}`,
      );
    }
    out.push('');
  }

  const total = errors + warnings + infos;
  if (total > 0) {
    const line = m.problemsLine(total, errors, warnings, infos);
    out.push(bold(color, errors > 0 ? red(color, line) : yellow(color, line)));
  } else if (checked > 0) {
    out.push(bold(color, green(color, m.cleanLine(checked))));
  }
  if (unreadable.length > 0) out.push(bold(color, red(color, m.unreadableLine(unreadable))));
  if (emptyFolders.length > 0) out.push(bold(color, red(color, m.emptyFolderLine(emptyFolders))));
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** Findings of one file, sheets in order of first appearance, within a sheet by row then column (stable). */
function groupBySheet(findings: readonly Finding[]): Finding[] {
  const sheetOrder = new Map<string, number>();
  for (const f of findings) if (!sheetOrder.has(f.sheet)) sheetOrder.set(f.sheet, sheetOrder.size);
  return findings
    .map((f, i) => ({ f, i, pos: position(f.cell) }))
    .sort(
      (a, b) =>
        sheetOrder.get(a.f.sheet)! - sheetOrder.get(b.f.sheet)! ||
        a.pos.row - b.pos.row ||
        a.pos.col - b.pos.col ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

function position(cell: string | null): { row: number; col: number } {
  if (!cell) return { row: 0, col: 0 };
  try {
    return parseA1(cell);
  } catch {
    return { row: 0, col: 0 };
  }
}

function oneLine(s: string): string {
  return terminalText(s.replace(/\s*[\r\n]+\s*/g, ' '));
}

/** Terminal columns a string takes: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x300 && c <= 0x36f) || c === 0x200b) continue;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

function padEnd(s: string, width: number): string {
  const pad = width - displayWidth(s);
  return pad > 0 ? s + ' '.repeat(pad) : s;
}
