/**
 * A small argument parser (no dependency): long options (`--json`, `--lang en`, `--lang=en`), short aliases
 * (`-o out.xlsx`, `-h`), `--` to end options, positionals anywhere. Problems come back as typed data so the
 * caller words them in the user's language.
 */

export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
}

export type OptionsSpec = Readonly<Record<string, OptionSpec>>;

export type ParsedOptions = Record<string, string | boolean | undefined>;

export interface ParsedArgs {
  readonly options: ParsedOptions;
  readonly positionals: readonly string[];
}

export type ArgProblem =
  | { readonly kind: 'unknown-option'; readonly option: string }
  | { readonly kind: 'missing-value'; readonly option: string }
  | { readonly kind: 'unexpected-value'; readonly option: string }
  | { readonly kind: 'repeated-option'; readonly option: string };

export type ParseResult = { readonly ok: true; readonly args: ParsedArgs } | { readonly ok: false; readonly problem: ArgProblem };

export function parseArgs(argv: readonly string[], spec: OptionsSpec): ParseResult {
  const options: ParsedOptions = {};
  const positionals: string[] = [];
  const byShort = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) if (s.short) byShort.set(s.short, name);

  const set = (name: string, shown: string, value: string | boolean): ArgProblem | null => {
    if (options[name] !== undefined && spec[name]!.type === 'string') return { kind: 'repeated-option', option: shown };
    options[name] = value;
    return null;
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const shown = `--${name}`;
      const s = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
      if (!s || name === '') return { ok: false, problem: { kind: 'unknown-option', option: eq === -1 ? arg : shown } };
      if (s.type === 'boolean') {
        if (eq !== -1) return { ok: false, problem: { kind: 'unexpected-value', option: shown } };
        set(name, shown, true);
        continue;
      }
      let value: string | undefined;
      if (eq !== -1) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length && !isOptionLike(argv[i + 1]!)) value = argv[++i];
      if (value === undefined || value === '') return { ok: false, problem: { kind: 'missing-value', option: shown } };
      const p = set(name, shown, value);
      if (p) return { ok: false, problem: p };
      continue;
    }
    if (arg.length > 1 && arg.startsWith('-') && !isNegativeNumber(arg)) {
      // -o out.xlsx, -oout.xlsx, -h; bundled booleans are not supported (no command needs them).
      const letter = arg[1]!;
      const name = byShort.get(letter);
      if (!name) return { ok: false, problem: { kind: 'unknown-option', option: `-${letter}` } };
      const s = spec[name]!;
      const shown = `-${letter}`;
      if (s.type === 'boolean') {
        if (arg.length > 2) return { ok: false, problem: { kind: 'unknown-option', option: arg } };
        set(name, shown, true);
        continue;
      }
      let value: string | undefined;
      if (arg.length > 2) value = arg.slice(2);
      else if (i + 1 < argv.length && !isOptionLike(argv[i + 1]!)) value = argv[++i];
      if (value === undefined || value === '') return { ok: false, problem: { kind: 'missing-value', option: shown } };
      const p = set(name, shown, value);
      if (p) return { ok: false, problem: p };
      continue;
    }
    positionals.push(arg);
  }
  return { ok: true, args: { options, positionals } };
}

/**
 * Whether the word after a string option is another option rather than its value: `--json` or `-o` is; `-某单位`
 * or `=SUM` (a unit name starting with a sign) is a value.
 */
function isOptionLike(arg: string): boolean {
  return (arg.startsWith('--') && arg.length > 2) || /^-[A-Za-z]$/.test(arg);
}

function isNegativeNumber(arg: string): boolean {
  return /^-\d/.test(arg);
}
