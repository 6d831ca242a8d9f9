/**
 * A small Excel formula evaluator for the fake Excel API and the browser preview: enough of Excel's grammar and
 * functions for the formulas the engine's fill plan writes. Errors are values (HyperFormula-like), never throws.
 * Browser-safe: no Node built-ins.
 */
import { columnIndex } from '../engine/address';
import { isErrorCode, primitiveOf, type CellValue, type ErrorCode } from '../engine/cell';

/** A scalar while evaluating: blank (a reference to an empty cell) is `null`. */
export type Scalar = number | string | boolean | null | FormulaError;

export class FormulaError {
  constructor(readonly code: ErrorCode) {}
}

interface Matrix {
  readonly kind: 'matrix';
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly Scalar[];
}
type Value = Scalar | Matrix;

/** Where a formula reads cells from. `sheet` undefined means the formula's own sheet. */
export interface EvalContext {
  /** The cell's value, or undefined when the sheet does not exist (#REF!). */
  read(sheet: string | undefined, row: number, col: number): CellValue | undefined;
  /** Bounds used to clip whole-column references (A:A); 0 when the sheet is empty or missing. */
  usedRows(sheet: string | undefined): number;
  hasSheet(sheet: string | undefined): boolean;
}

// ---------------------------------------------------------------- tokens

/** A reference: rows and columns 1-based (r2 = -1: a whole column), and which parts are relative (no $). */
interface RefParts {
  readonly sheet?: string;
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
  readonly rel: { readonly r1: boolean; readonly c1: boolean; readonly r2: boolean; readonly c2: boolean };
}

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'err'; v: ErrorCode }
  | ({ t: 'ref' } & RefParts)
  | { t: 'fn'; v: string }
  | { t: 'op'; v: string }
  | { t: '(' }
  | { t: ')' }
  | { t: ',' };

class ParseError extends Error {}

// Sticky patterns, matched in place (no slicing of the rest of the formula at every token).
const CELL = /(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/y;
const COLS = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9(])/y;
const ERROR_LITERAL = /#[A-Z0-9/_]+[!?]?/iy;
const NUMBER = /(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/iy;
const SHEET_PREFIX = /([^\s!'"(),:+\-*/^&=<>%#]+)!/uy;
const WORD = /[A-Za-z_][A-Za-z0-9_.]*/y;

function execAt(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

/** A quoted text from `start` (its opening quote), the quote doubled inside it: `"a""b"` → a"b, `'O''Brien'` → O'Brien. */
function quoted(s: string, start: number, what: string): { text: string; end: number } {
  const quote = s[start];
  let text = '';
  let i = start + 1;
  for (;;) {
    if (i >= s.length) throw new ParseError(`unterminated ${what}`);
    if (s[i] === quote) {
      if (s[i + 1] !== quote) return { text, end: i + 1 };
      text += quote;
      i += 2;
    } else text += s[i++];
  }
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const s = src;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === ' ' || ch === '\n' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '"') {
      const q = quoted(s, i, 'string');
      out.push({ t: 'str', v: q.text });
      i = q.end;
      continue;
    }
    if (ch === '#') {
      const m = execAt(ERROR_LITERAL, s, i);
      const code = m?.[0].toUpperCase();
      if (!code || !isErrorCode(code)) throw new ParseError('bad error literal');
      out.push({ t: 'err', v: code });
      i += code.length;
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      const m = execAt(NUMBER, s, i);
      if (!m) throw new ParseError('bad number');
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    // A sheet-qualified reference: 'My Sheet'!A1 or Sheet1!A1:B2
    let sheet: string | undefined;
    let j = i;
    if (ch === "'") {
      const q = quoted(s, i, 'sheet name');
      j = q.end;
      if (s[j] !== '!') throw new ParseError('expected ! after sheet name');
      sheet = q.text;
      j++;
    } else {
      const m = execAt(SHEET_PREFIX, s, i);
      if (m) {
        sheet = m[1];
        j = i + m[0].length;
      }
    }
    const cols = execAt(COLS, s, j);
    if (cols) {
      let c1 = columnIndex(cols[2]!);
      let c2 = columnIndex(cols[4]!);
      let a1 = cols[1] === '$';
      let a2 = cols[3] === '$';
      if (c1 > c2) [c1, c2, a1, a2] = [c2, c1, a2, a1];
      out.push({ t: 'ref', sheet, r1: 1, c1, r2: -1, c2, rel: { r1: false, c1: !a1, r2: false, c2: !a2 } });
      i = j + cols[0].length;
      continue;
    }
    const c = execAt(CELL, s, j);
    if (c && !/[A-Za-z0-9_(]/.test(s[j + c[0].length] ?? '')) {
      let r1 = Number(c[4]);
      let c1 = columnIndex(c[2]!);
      let ar1 = c[3] === '$';
      let ac1 = c[1] === '$';
      let [r2, c2, ar2, ac2] = [r1, c1, ar1, ac1];
      let k = j + c[0].length;
      if (s[k] === ':') {
        const d = execAt(CELL, s, k + 1);
        if (!d) throw new ParseError('bad range');
        r2 = Number(d[4]);
        c2 = columnIndex(d[2]!);
        ar2 = d[3] === '$';
        ac2 = d[1] === '$';
        k += 1 + d[0].length;
      }
      if (r1 > r2) [r1, r2, ar1, ar2] = [r2, r1, ar2, ar1];
      if (c1 > c2) [c1, c2, ac1, ac2] = [c2, c1, ac2, ac1];
      out.push({ t: 'ref', sheet, r1, c1, r2, c2, rel: { r1: !ar1, c1: !ac1, r2: !ar2, c2: !ac2 } });
      i = k;
      continue;
    }
    if (sheet !== undefined) throw new ParseError('bad reference after sheet name');
    const w = execAt(WORD, s, j);
    if (w) {
      const word = w[0];
      let after = i + word.length;
      while (s[after] === ' ') after++;
      if (s[after] === '(') {
        out.push({ t: 'fn', v: word.toUpperCase() });
      } else if (/^(TRUE|FALSE)$/i.test(word)) {
        out.push({ t: 'bool', v: word.toUpperCase() === 'TRUE' });
      } else {
        throw new ParseError(`unknown name ${word}`);
      }
      i += word.length;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '<>') {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('+-*/^&=<>%'.includes(ch)) {
      out.push({ t: 'op', v: ch });
      i++;
      continue;
    }
    if (ch === '(') out.push({ t: '(' });
    else if (ch === ')') out.push({ t: ')' });
    else if (ch === ',') out.push({ t: ',' });
    else throw new ParseError(`unexpected ${ch}`);
    i++;
  }
  return out;
}

// ---------------------------------------------------------------- syntax tree

export type Node =
  | { k: 'lit'; v: Scalar }
  | ({ k: 'ref' } & RefParts)
  | { k: 'un'; op: string; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'call'; name: string; args: Node[] };

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  parse(): Node {
    const n = this.comparison();
    if (this.i < this.toks.length) throw new ParseError('trailing input');
    return n;
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private isOp(...ops: string[]): string | undefined {
    const t = this.peek();
    return t && t.t === 'op' && ops.includes(t.v) ? t.v : undefined;
  }

  /** One precedence level: operands joined left to right by its operators (Excel's ^ too: 2^3^2 is 64). */
  private level(ops: readonly string[], operand: () => Node): Node {
    let a = operand();
    for (let op = this.isOp(...ops); op; op = this.isOp(...ops)) {
      this.i++;
      a = { k: 'bin', op, a, b: operand() };
    }
    return a;
  }

  private comparison(): Node {
    return this.level(['=', '<>', '<', '>', '<=', '>='], () => this.concat());
  }

  private concat(): Node {
    return this.level(['&'], () => this.additive());
  }

  private additive(): Node {
    return this.level(['+', '-'], () => this.multiplicative());
  }

  private multiplicative(): Node {
    return this.level(['*', '/'], () => this.power());
  }

  private power(): Node {
    return this.level(['^'], () => this.unary());
  }

  private unary(): Node {
    const op = this.isOp('+', '-');
    if (op) {
      this.i++;
      return { k: 'un', op, a: this.unary() };
    }
    return this.percent();
  }

  private percent(): Node {
    let a = this.primary();
    while (this.isOp('%')) {
      this.i++;
      a = { k: 'un', op: '%', a };
    }
    return a;
  }

  private primary(): Node {
    const t = this.toks[this.i++];
    if (!t) throw new ParseError('unexpected end');
    switch (t.t) {
      case 'num':
      case 'str':
      case 'bool':
        return { k: 'lit', v: t.v };
      case 'err':
        return { k: 'lit', v: new FormulaError(t.v) };
      case 'ref':
        return { k: 'ref', sheet: t.sheet, r1: t.r1, c1: t.c1, r2: t.r2, c2: t.c2, rel: t.rel };
      case '(': {
        const n = this.comparison();
        if (this.toks[this.i++]?.t !== ')') throw new ParseError('expected )');
        return n;
      }
      case 'fn': {
        if (this.toks[this.i++]?.t !== '(') throw new ParseError('expected (');
        const args: Node[] = [];
        if (this.peek()?.t === ')') {
          this.i++;
          return { k: 'call', name: t.v, args };
        }
        for (;;) {
          const p = this.peek();
          // An omitted argument, as in IF(A1,,1), is blank.
          args.push(p?.t === ',' || p?.t === ')' ? { k: 'lit', v: null } : this.comparison());
          const sep = this.toks[this.i++];
          if (sep?.t === ')') break;
          if (sep?.t !== ',') throw new ParseError('expected , or )');
        }
        return { k: 'call', name: t.v, args };
      }
      default:
        throw new ParseError('unexpected token');
    }
  }
}

const parseCache = new Map<string, Node | ParseError>();

/** Parses a formula (with or without its leading '='); throws a ParseError on a syntax error. */
export function parseFormula(formula: string): Node {
  const src = formula.startsWith('=') ? formula.slice(1) : formula;
  let hit = parseCache.get(src);
  if (!hit) {
    try {
      hit = new Parser(tokenize(src)).parse();
    } catch (e) {
      hit = e instanceof ParseError ? e : new ParseError(String(e));
    }
    if (parseCache.size > 50_000) parseCache.clear();
    parseCache.set(src, hit);
  }
  if (hit instanceof ParseError) throw hit;
  return hit;
}

/** True when Excel would accept the formula's syntax (the fake's setter rejects the rest). */
export function isValidFormula(formula: string): boolean {
  try {
    parseFormula(formula);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- evaluation

const err = (code: ErrorCode): FormulaError => new FormulaError(code);
const isErr = (v: unknown): v is FormulaError => v instanceof FormulaError;
const isMatrix = (v: Value): v is Matrix => typeof v === 'object' && v !== null && (v as Matrix).kind === 'matrix';

function scalarOf(v: CellValue | undefined): Scalar {
  if (!v) return err('#REF!');
  if (v.kind === 'blank') return null;
  return v.kind === 'error' ? err(v.code) : primitiveOf(v);
}

function toNumber(v: Scalar): number | FormulaError {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isErr(v)) return v;
  const t = v.trim();
  if (t === '') return err('#VALUE!');
  const pct = /%$/.test(t);
  const n = Number((pct ? t.slice(0, -1) : t).replace(/,/g, ''));
  if (!Number.isFinite(n)) return err('#VALUE!');
  return pct ? n / 100 : n;
}

function toBool(v: Scalar): boolean | FormulaError {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (isErr(v)) return v;
  const u = v.toUpperCase();
  if (u === 'TRUE') return true;
  if (u === 'FALSE') return false;
  return err('#VALUE!');
}

/** Excel's General rendering of a number in text operations (15 significant digits). */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

function toText(v: Scalar): string | FormulaError {
  if (v === null) return '';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isErr(v)) return v;
  return v;
}

function checkNumber(n: number): number | FormulaError {
  return Number.isFinite(n) ? n : err('#NUM!');
}

/** Excel's comparison: numbers < text < booleans; text case-insensitive; blank equals 0, "" and FALSE. */
function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (a === null) a = typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0;
  if (b === null) b = typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return Number(a) - Number(b);
}

function binaryScalar(op: string, a: Scalar, b: Scalar): Scalar {
  if (isErr(a)) return a;
  if (isErr(b)) return b;
  switch (op) {
    case '&': {
      const x = toText(a);
      const y = toText(b);
      if (isErr(x)) return x;
      if (isErr(y)) return y;
      return x + y;
    }
    case '=':
      return compare(a, b) === 0;
    case '<>':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '>':
      return compare(a, b) > 0;
    case '<=':
      return compare(a, b) <= 0;
    case '>=':
      return compare(a, b) >= 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (isErr(x)) return x;
  if (isErr(y)) return y;
  switch (op) {
    case '+':
      return checkNumber(x + y);
    case '-':
      return checkNumber(x - y);
    case '*':
      return checkNumber(x * y);
    case '/':
      return y === 0 ? err('#DIV/0!') : checkNumber(x / y);
    case '^':
      return checkNumber(x ** y);
  }
  return err('#VALUE!');
}

function elementwise(a: Value, b: Value, f: (x: Scalar, y: Scalar) => Scalar): Value {
  if (!isMatrix(a) && !isMatrix(b)) return f(a, b);
  const rows = Math.max(isMatrix(a) ? a.rows : 1, isMatrix(b) ? b.rows : 1);
  const cols = Math.max(isMatrix(a) ? a.cols : 1, isMatrix(b) ? b.cols : 1);
  const at = (m: Value, r: number, c: number): Scalar => {
    if (!isMatrix(m)) return m;
    if ((m.rows !== 1 && r >= m.rows) || (m.cols !== 1 && c >= m.cols)) return err('#N/A');
    return m.data[(m.rows === 1 ? 0 : r) * m.cols + (m.cols === 1 ? 0 : c)]!;
  };
  const data: Scalar[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data.push(f(at(a, r, c), at(b, r, c)));
  return { kind: 'matrix', rows, cols, data };
}

function mapValue(a: Value, f: (x: Scalar) => Scalar): Value {
  return isMatrix(a) ? { ...a, data: a.data.map(f) } : f(a);
}

/** Top-left of a matrix (Excel's implicit intersection, simplified). */
function first(v: Value): Scalar {
  return isMatrix(v) ? (v.data[0] ?? null) : v;
}

/** Values of the arguments, flattened, tagged with whether they came from a reference (ranges skip text). */
function* flatten(values: readonly { v: Value; fromRef: boolean }[]): Generator<{ s: Scalar; fromRef: boolean }> {
  for (const { v, fromRef } of values) {
    if (isMatrix(v)) for (const s of v.data) yield { s, fromRef: true };
    else yield { s: v, fromRef };
  }
}

// Criteria of COUNTIF / COUNTIFS / SUMIF(S).
function criterion(c: Scalar): (v: Scalar) => boolean {
  if (typeof c === 'number' || typeof c === 'boolean') return (v) => v !== null && !isErr(v) && compare(v, c) === 0;
  if (c === null || isErr(c)) return (v) => c === null && (v === null || v === '');
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(c)!;
  const op = m[1] ?? '=';
  const rest = m[2]!;
  const asNum = rest.trim() === '' ? NaN : Number(rest);
  if (rest === '') {
    if (op === '=') return (v) => v === null || v === '';
    if (op === '<>') return (v) => !(v === null || v === '');
    return () => false;
  }
  const cmp = (d: number): boolean =>
    op === '=' ? d === 0 : op === '<>' ? d !== 0 : op === '<' ? d < 0 : op === '>' ? d > 0 : op === '<=' ? d <= 0 : d >= 0;
  if (Number.isFinite(asNum)) {
    return (v) => {
      if (typeof v === 'number') return cmp(compare(v, asNum));
      return op === '<>'; // text, blank and booleans never equal a number
    };
  }
  const bool = /^(TRUE|FALSE)$/i.test(rest) ? rest.toUpperCase() === 'TRUE' : undefined;
  if (bool !== undefined) return (v) => (typeof v === 'boolean' ? cmp(compare(v, bool)) : op === '<>');
  if (op === '=' || op === '<>') {
    const re = new RegExp(
      '^' +
        rest
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/~\*/g, '\u0001')
          .replace(/~\?/g, '\u0002')
          .replace(/\*/g, '[\\s\\S]*')
          .replace(/\?/g, '[\\s\\S]')
          // eslint-disable-next-line no-control-regex -- \u0001 and \u0002 stand for the escaped ~* and ~?
          .replace(/\u0001/g, '\\*')
          // eslint-disable-next-line no-control-regex
          .replace(/\u0002/g, '\\?') +
        '$',
      'i',
    );
    return (v) => {
      const hit = typeof v === 'string' && re.test(v);
      return op === '=' ? hit : !hit;
    };
  }
  return (v) => typeof v === 'string' && cmp(compare(v, rest));
}

function roundHalfAway(x: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / f;
}

/** Evaluates formulas of one sheet against a context (cycle detection and caching are the caller's, see model.recalc). */
export class Evaluator {
  constructor(
    private readonly ctx: EvalContext,
    private readonly sheet: string,
    /** Shift of relative references: a conditional format's formula is written for its range's top-left cell. */
    private readonly offset: { readonly rows: number; readonly cols: number } = { rows: 0, cols: 0 },
  ) {}

  evaluate(formula: string): CellValue {
    let node: Node;
    try {
      node = parseFormula(formula);
    } catch {
      return { kind: 'error', code: '#NAME?' };
    }
    return toCellValue(first(this.eval(node)), true);
  }

  private refValue(ref: Extract<Node, { k: 'ref' }>): Value {
    const sheet = ref.sheet ?? this.sheet;
    if (!this.ctx.hasSheet(sheet)) return err('#REF!');
    const { rows, cols } = this.offset;
    const n =
      rows === 0 && cols === 0
        ? ref
        : {
            r1: ref.r1 + (ref.rel.r1 ? rows : 0),
            c1: ref.c1 + (ref.rel.c1 ? cols : 0),
            r2: ref.r2 === -1 ? -1 : ref.r2 + (ref.rel.r2 ? rows : 0),
            c2: ref.c2 + (ref.rel.c2 ? cols : 0),
          };
    if (n.r1 < 1 || n.c1 < 1 || (n.r2 !== -1 && n.r2 < 1) || n.c2 < 1) return err('#REF!');
    const r2 = n.r2 === -1 ? Math.max(1, this.ctx.usedRows(sheet)) : n.r2;
    if (n.r1 === r2 && n.c1 === n.c2) return scalarOf(this.ctx.read(sheet, n.r1, n.c1));
    const data: Scalar[] = [];
    for (let r = n.r1; r <= r2; r++) for (let c = n.c1; c <= n.c2; c++) data.push(scalarOf(this.ctx.read(sheet, r, c)));
    return { kind: 'matrix', rows: r2 - n.r1 + 1, cols: n.c2 - n.c1 + 1, data };
  }

  private eval(n: Node): Value {
    switch (n.k) {
      case 'lit':
        return n.v;
      case 'ref':
        return this.refValue(n);
      case 'un': {
        const a = this.eval(n.a);
        return mapValue(a, (x) => {
          const v = toNumber(x);
          if (isErr(v)) return v;
          return n.op === '-' ? -v : n.op === '%' ? v / 100 : v;
        });
      }
      case 'bin':
        return elementwise(this.eval(n.a), this.eval(n.b), (x, y) => binaryScalar(n.op, x, y));
      case 'call':
        return this.call(n.name, n.args);
    }
  }

  private args(nodes: readonly Node[]): { v: Value; fromRef: boolean }[] {
    return nodes.map((a) => ({ v: this.eval(a), fromRef: a.k === 'ref' }));
  }

  private call(name: string, nodes: readonly Node[]): Value {
    const need = (min: number, max = min): FormulaError | undefined =>
      nodes.length < min || nodes.length > max ? err('#VALUE!') : undefined;
    switch (name) {
      case 'IF': {
        const bad = need(2, 3);
        if (bad) return bad;
        const c = this.eval(nodes[0]!);
        if (isMatrix(c)) {
          const yes = this.eval(nodes[1]!);
          const no = nodes[2] ? this.eval(nodes[2]) : false;
          return elementwise(elementwise(c, yes, (x, y) => [x, y] as never), no, (xy, z) => {
            const [x, y] = xy as unknown as [Scalar, Scalar];
            const b = toBool(x);
            return isErr(b) ? b : b ? y : z;
          });
        }
        const b = toBool(c);
        if (isErr(b)) return b;
        if (b) return blankToZero(this.eval(nodes[1]!));
        return nodes[2] ? blankToZero(this.eval(nodes[2])) : false;
      }
      case 'IFERROR': {
        const bad = need(2);
        if (bad) return bad;
        const v = this.eval(nodes[0]!);
        return mapValue(v, (x) => (isErr(x) ? first(this.eval(nodes[1]!)) : x));
      }
      case 'N': {
        const bad = need(1);
        if (bad) return bad;
        const v = first(this.eval(nodes[0]!));
        if (isErr(v)) return v;
        return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : 0;
      }
      case 'ISNUMBER':
      case 'ISTEXT':
      case 'ISBLANK':
      case 'ISERROR': {
        const bad = need(1);
        if (bad) return bad;
        return mapValue(this.eval(nodes[0]!), (v) =>
          name === 'ISNUMBER'
            ? typeof v === 'number'
            : name === 'ISTEXT'
              ? typeof v === 'string'
              : name === 'ISBLANK'
                ? v === null
                : isErr(v),
        );
      }
      case 'NOT': {
        const bad = need(1);
        if (bad) return bad;
        return mapValue(this.eval(nodes[0]!), (v) => {
          const b = toBool(v);
          return isErr(b) ? b : !b;
        });
      }
      case 'AND':
      case 'OR': {
        if (nodes.length === 0) return err('#VALUE!');
        let seen = 0;
        let acc = name === 'AND';
        for (const { s, fromRef } of flatten(this.args(nodes))) {
          if (isErr(s)) return s;
          if (fromRef && (s === null || typeof s === 'string')) continue;
          const b = toBool(s);
          if (isErr(b)) return b;
          seen++;
          acc = name === 'AND' ? acc && b : acc || b;
        }
        return seen === 0 ? err('#VALUE!') : acc;
      }
      case 'SUM':
      case 'COUNT':
      case 'COUNTA':
      case 'MIN':
      case 'MAX':
      case 'AVERAGE': {
        let total = 0;
        let count = 0;
        let min = Infinity;
        let max = -Infinity;
        for (const { s, fromRef } of flatten(this.args(nodes))) {
          if (name === 'COUNTA') {
            if (s !== null) count++;
            continue;
          }
          if (name === 'COUNT') {
            if (typeof s === 'number' || (!fromRef && typeof s !== 'string' && s !== null && !isErr(s))) count++;
            else if (!fromRef && typeof s === 'string' && !isErr(toNumber(s))) count++;
            continue;
          }
          if (isErr(s)) return s;
          let x: number;
          if (fromRef) {
            if (typeof s !== 'number') continue;
            x = s;
          } else {
            const n = toNumber(s);
            if (isErr(n)) return n;
            x = n;
          }
          total += x;
          count++;
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
        if (name === 'COUNT' || name === 'COUNTA') return count;
        if (name === 'SUM') return checkNumber(total);
        if (name === 'MIN') return count ? min : 0;
        if (name === 'MAX') return count ? max : 0;
        return count ? total / count : err('#DIV/0!');
      }
      case 'COUNTIF':
      case 'COUNTIFS':
      case 'SUMIF':
      case 'SUMIFS': {
        const isSum = name.startsWith('SUM');
        let sumRange: Value | undefined;
        let pairs: Node[];
        if (name === 'SUMIFS') {
          if (nodes.length < 3 || nodes.length % 2 === 0) return err('#VALUE!');
          sumRange = this.eval(nodes[0]!);
          pairs = nodes.slice(1);
        } else if (name === 'SUMIF') {
          const bad = need(2, 3);
          if (bad) return bad;
          pairs = nodes.slice(0, 2);
          sumRange = this.eval(nodes[2] ?? nodes[0]!);
        } else {
          if (nodes.length < 2 || nodes.length % 2 === 1) return err('#VALUE!');
          pairs = [...nodes];
        }
        const ranges: Scalar[][] = [];
        const tests: ((v: Scalar) => boolean)[] = [];
        let size = -1;
        for (let p = 0; p < pairs.length; p += 2) {
          const r = this.eval(pairs[p]!);
          const data = isMatrix(r) ? [...r.data] : [r];
          if (size !== -1 && data.length !== size) return err('#VALUE!');
          size = data.length;
          ranges.push(data);
          tests.push(criterion(first(this.eval(pairs[p + 1]!))));
        }
        const sums = sumRange === undefined ? [] : isMatrix(sumRange) ? sumRange.data : [sumRange];
        let acc = 0;
        for (let i = 0; i < size; i++) {
          if (!tests.every((t, k) => t(ranges[k]![i]!))) continue;
          if (!isSum) acc++;
          else {
            const v = sums[i];
            if (isErr(v)) return v;
            if (typeof v === 'number') acc += v;
          }
        }
        return acc;
      }
      case 'SUMPRODUCT': {
        if (nodes.length === 0) return err('#VALUE!');
        const arrays = nodes.map((a) => this.eval(a));
        const shape = arrays[0]!;
        const rows = isMatrix(shape) ? shape.rows : 1;
        const cols = isMatrix(shape) ? shape.cols : 1;
        for (const a of arrays) {
          if ((isMatrix(a) ? a.rows : 1) !== rows || (isMatrix(a) ? a.cols : 1) !== cols) return err('#VALUE!');
        }
        let total = 0;
        for (let i = 0; i < rows * cols; i++) {
          let prod = 1;
          for (const a of arrays) {
            const v = isMatrix(a) ? a.data[i]! : a;
            if (isErr(v)) return v;
            prod *= typeof v === 'number' ? v : 0;
          }
          total += prod;
        }
        return checkNumber(total);
      }
      case 'ROUND':
      case 'ABS': {
        const bad = name === 'ROUND' ? need(2) : need(1);
        if (bad) return bad;
        const x = toNumber(first(this.eval(nodes[0]!)));
        if (isErr(x)) return x;
        if (name === 'ABS') return Math.abs(x);
        const d = toNumber(first(this.eval(nodes[1]!)));
        if (isErr(d)) return d;
        return roundHalfAway(x, Math.trunc(d));
      }
      case 'LEN':
      case 'TRIM': {
        const bad = need(1);
        if (bad) return bad;
        const t = toText(first(this.eval(nodes[0]!)));
        if (isErr(t)) return t;
        return name === 'LEN' ? t.length : t.trim().replace(/ +/g, ' ');
      }
      default:
        return err('#NAME?');
    }
  }
}

function blankToZero(v: Value): Value {
  return v === null ? 0 : v;
}

/** A formula result as a cell value: a blank result shows as 0 like Excel's =A1 of an empty A1. */
export function toCellValue(v: Scalar, blankAsZero: boolean): CellValue {
  if (v === null) return blankAsZero ? { kind: 'number', value: 0 } : { kind: 'blank' };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'string') return { kind: 'text', value: v };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  return { kind: 'error', code: v.code };
}
