/**
 * The `fulian-returns` command line: `run(argv, io) → exit code`, never `process.exit` inside (ESLint's shape).
 * 0 = no error finding; 1 = at least one error finding; 2 = could not run as asked (one line on stderr).
 */
import { guardedSink, terminalText } from './terminal-text';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../engine/findings';
import { parseArgs, type OptionsSpec } from './args';
import { COMMANDS } from './commands';
import { makeContext, oneLine, type Command } from './context';
import { CliError, UsageError, useColor, type CliIO } from './io';
import { isLang, messages, type Messages } from './messages';

const COMMON: OptionsSpec = { help: { type: 'boolean', short: 'h' }, lang: { type: 'string' } };
const TOP: OptionsSpec = { ...COMMON, version: { type: 'boolean', short: 'v' } };

export function defaultIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

export async function run(argv: readonly string[], rawIO: CliIO = defaultIO()): Promise<number> {
  // Nothing from a file or an argument reaches the terminal raw (control characters shown as escapes).
  const io: CliIO = { ...rawIO, stdout: guardedSink(rawIO.stdout), stderr: guardedSink(rawIO.stderr) };
  let lang: Lang = sniffLang(argv, io.env);
  try {
    // Options before the command are global (--help, --version, --lang); the first word is the command.
    const cmdIndex = commandIndex(argv);
    const globalArgs = cmdIndex === -1 ? argv : argv.slice(0, cmdIndex);
    const top = parseArgs(globalArgs, TOP);
    if (!top.ok) throw new UsageError(messages(lang).argProblem(top.problem), null);
    lang = checkLang(top.args.options['lang'], lang);
    if (top.args.options['help']) return print(io, topHelp(lang));
    if (top.args.options['version']) return print(io, `${version()}\n`);
    if (cmdIndex === -1) {
      // Bare `fulian-returns`: the usage on stdout, and the one line saying what is missing on stderr (exit 2).
      io.stdout.write(topHelp(lang));
      throw new UsageError(messages(lang).missingCommand, null);
    }

    const name = argv[cmdIndex]!;
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(messages(lang).unknownCommand(name, closestCommand(name)), null);
    const parsed = parseArgs(argv.slice(cmdIndex + 1), { ...command.options, ...COMMON });
    if (!parsed.ok) throw new UsageError(messages(lang).argProblem(parsed.problem), command.name);
    lang = checkLang(parsed.args.options['lang'], lang, command.name);
    if (parsed.args.options['help']) return print(io, `${command.help[lang]}\n`);
    return await command.run(makeContext(io, lang, useColor(io)), parsed.args);
  } catch (e) {
    return fail(io, e, messages(lang));
  }
}

/** Entry for bin/fulian-returns.js: real process streams; a closed pipe (`| head`) ends quietly. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  return run(argv, defaultIO());
}

function fail(io: CliIO, e: unknown, m: Messages): number {
  if (e instanceof UsageError) {
    io.stderr.write(`fulian-returns: ${terminalText(m.usage(e.message, e.command))}\n`);
  } else if (e instanceof CliError) {
    // One line: a newline in a file name or a unit is shown, never a line of its own.
    io.stderr.write(`fulian-returns: ${terminalText(e.message)}\n`);
  } else {
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr.write(`fulian-returns: ${terminalText(m.internalError(oneLine(detail)))}\n`);
    if (io.env['FULIAN_RETURNS_DEBUG'] && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
  }
  return 2;
}

function print(io: CliIO, text: string): number {
  io.stdout.write(text);
  return 0;
}

/** The index of the command word: the first argument that is neither an option nor the value of --lang. */
function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (a === '--lang') {
      i++;
      continue;
    }
    if (!a.startsWith('-') || a === '-') return i;
  }
  return -1;
}

/**
 * The language to complain in, before the arguments are known to be well-formed: `--lang` wins, then the locale
 * as POSIX tools read it (LC_ALL, then LC_MESSAGES, then LANG); Chinese unless the locale is English.
 */
function sniffLang(argv: readonly string[], env: CliIO['env']): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v !== undefined && isLang(v)) return v;
  }
  return localeLang(env);
}

export function localeLang(env: CliIO['env']): Lang {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '') ?? '';
  return /^en(?:[_.@-]|$)/i.test(locale) ? 'en' : 'zh-CN';
}

/** The command a mistyped word most likely meant (`chek` → `check`), or null when none is close. */
function closestCommand(word: string): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const c of COMMANDS) {
    const distance = editDistance(word.toLowerCase(), c.name);
    if (distance <= Math.max(1, Math.floor(c.name.length / 3)) && (!best || distance < best.distance)) best = { name: c.name, distance };
  }
  return best?.name ?? null;
}

/** Levenshtein distance, with a transposition counted as one edit (`chcek` → `check`). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function checkLang(value: string | boolean | undefined, fallback: Lang, command: string | null = null): Lang {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && isLang(value)) return value;
  throw new UsageError(messages(fallback).badLang(String(value)), command);
}

export function version(): string {
  try {
    // src/cli and dist/cli both sit two levels below the package root.
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function topHelp(lang: Lang): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c: Command) => `  ${c.name.padEnd(width)}  ${c.summary[lang]}`).join('\n');
  if (lang === 'en') {
    return `fulian-returns ${version()} — checks, fills and creates the Women's Federation quarterly indicator return

Usage: fulian-returns <command> [options]

Commands:
${list}

Options:
  -h, --help          show help (after a command: that command's help)
  -v, --version       print the version
  --lang zh-CN|en     language of messages (default: English where LC_ALL/LANG is English, else zh-CN)

Exit codes: 0 no error findings; 1 at least one error finding; 2 could not run as asked
`;
  }
  return `fulian-returns ${version()} — 妇联指标报表助手：按标准模板检查、填写、新建季度统计报表

用法：fulian-returns <命令> [选项]

命令：
${list}

选项：
  -h, --help          显示帮助（命令后加 --help 显示该命令的帮助）
  -v, --version       显示版本号
  --lang zh-CN|en     消息语言（默认 zh-CN；LC_ALL/LANG 为英文时默认 en）

退出码：0 没有错误；1 至少一个错误；2 无法按要求运行
`;
}
