/**
 * The tool's own formulas as plain immutable trees: literals, cell and range references, calls of a closed list of
 * functions, operators. Built with the factories below and turned into Excel's formula text by `printFormula` only,
 * so precedence, string escaping and sheet-name quoting live in one place.
 */

/**
 * The functions the tool's formulas may call: each evaluates in LibreOffice Calc as in Excel and needs no `_xlfn.`
 * prefix in a file. Another one is a deliberate addition here.
 */
export type FunctionName =
  | 'ABS'
  | 'AND'
  | 'COUNTA'
  | 'COUNTIF'
  | 'COUNTIFS'
  | 'IF'
  | 'IFERROR'
  | 'ISERROR'
  | 'ISNUMBER'
  | 'ISTEXT'
  | 'N'
  | 'NOT'
  | 'OR'
  | 'SUM'
  | 'TRIM';

export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type BinaryOp = ComparisonOp | '&' | '+' | '-' | '*' | '/' | '^';

/** One corner of a reference, 1-based; `$` on the row or the column where absolute. */
export interface CellRef {
  readonly row: number;
  readonly col: number;
  readonly absRow?: boolean;
  readonly absCol?: boolean;
}

export type Expr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** A cell (`to` absent) or a range; on another sheet where `sheet` is set. */
  | { readonly kind: 'ref'; readonly sheet?: string; readonly from: CellRef; readonly to?: CellRef }
  | { readonly kind: 'call'; readonly name: FunctionName; readonly args: readonly Expr[] }
  | { readonly kind: 'negate'; readonly arg: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  /** Parentheses kept where precedence does not need them, for a formula that reads better with them. */
  | { readonly kind: 'group'; readonly expr: Expr };

export const num = (value: number): Expr => ({ kind: 'number', value });
export const str = (value: string): Expr => ({ kind: 'string', value });
export const TRUE: Expr = { kind: 'boolean', value: true };
export const FALSE: Expr = { kind: 'boolean', value: false };

/** A relative cell reference (`D5`), on `sheet` when given (`'创业就业'!D5`). */
export const cell = (row: number, col: number, sheet?: string): Expr => ({ kind: 'ref', from: { row, col }, ...(sheet !== undefined ? { sheet } : {}) });

/** A range between two corners (`E3:G3`, `$B$3:$B$14`), on `sheet` when given. */
export const range = (from: CellRef, to: CellRef, sheet?: string): Expr => ({ kind: 'ref', from, to, ...(sheet !== undefined ? { sheet } : {}) });

/** A corner fixed in both row and column (`$B$3`). */
export const absolute = (row: number, col: number): CellRef => ({ row, col, absRow: true, absCol: true });

export const call = (name: FunctionName, ...args: readonly Expr[]): Expr => ({ kind: 'call', name, args });
export const negate = (arg: Expr): Expr => ({ kind: 'negate', arg });
export const binary = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const group = (expr: Expr): Expr => ({ kind: 'group', expr });

export const add = (left: Expr, right: Expr): Expr => binary('+', left, right);
export const sub = (left: Expr, right: Expr): Expr => binary('-', left, right);
export const mul = (left: Expr, right: Expr): Expr => binary('*', left, right);
export const div = (left: Expr, right: Expr): Expr => binary('/', left, right);
export const eq = (left: Expr, right: Expr): Expr => binary('=', left, right);
export const ne = (left: Expr, right: Expr): Expr => binary('<>', left, right);
export const lt = (left: Expr, right: Expr): Expr => binary('<', left, right);
export const le = (left: Expr, right: Expr): Expr => binary('<=', left, right);
export const gt = (left: Expr, right: Expr): Expr => binary('>', left, right);
export const ge = (left: Expr, right: Expr): Expr => binary('>=', left, right);

/** `a+b+c…` left to right; one term alone is itself. Throws on none (a formula needs an operand). */
export function sum(terms: readonly Expr[]): Expr {
  const [first, ...rest] = terms;
  if (first === undefined) throw new RangeError('sum of no terms');
  return rest.reduce(add, first);
}

export const IF = (test: Expr, then: Expr, otherwise: Expr): Expr => call('IF', test, then, otherwise);
export const AND = (...args: readonly Expr[]): Expr => call('AND', ...args);
export const OR = (...args: readonly Expr[]): Expr => call('OR', ...args);
export const NOT = (arg: Expr): Expr => call('NOT', arg);
export const N = (arg: Expr): Expr => call('N', arg);
export const ISNUMBER = (arg: Expr): Expr => call('ISNUMBER', arg);
export const ISTEXT = (arg: Expr): Expr => call('ISTEXT', arg);
export const ISERROR = (arg: Expr): Expr => call('ISERROR', arg);
export const IFERROR = (arg: Expr, otherwise: Expr): Expr => call('IFERROR', arg, otherwise);
export const TRIM = (arg: Expr): Expr => call('TRIM', arg);
export const ABS = (arg: Expr): Expr => call('ABS', arg);
export const SUM = (...args: readonly Expr[]): Expr => call('SUM', ...args);
export const COUNTA = (...args: readonly Expr[]): Expr => call('COUNTA', ...args);
export const COUNTIF = (where: Expr, criterion: Expr): Expr => call('COUNTIF', where, criterion);
export const COUNTIFS = (...pairs: readonly Expr[]): Expr => call('COUNTIFS', ...pairs);
