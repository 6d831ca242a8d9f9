/**
 * The one printer of the tool's formulas: Excel's formula text (en-US function names, comma separators) with the
 * parentheses precedence needs and no others (a `group` keeps its own), strings with `"` doubled, sheet names always
 * quoted (`'创业就业'!D5`, `'It''s'!A1`) and numbers in their shortest round-trip digits (`0.1`, `1E-7`).
 */
import { columnLetters, cellAddress, sheetRef } from '../address';
import type { BinaryOp, CellRef, Expr } from './expr';

/**
 * Excel's operator precedence, loosest first: comparison, `&`, `+ -`, `* /`, `^`, then negation (which binds tighter
 * than `^`: `-2^2` is 4). Operators of one level run left to right.
 */
const BINARY_PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  '=': 1,
  '<>': 1,
  '<': 1,
  '<=': 1,
  '>': 1,
  '>=': 1,
  '&': 2,
  '+': 3,
  '-': 3,
  '*': 4,
  '/': 4,
  '^': 5,
};
const NEGATION = 6;
const ATOM = 7;

function precedence(e: Expr): number {
  if (e.kind === 'binary') return BINARY_PRECEDENCE[e.op];
  if (e.kind === 'negate') return NEGATION;
  return ATOM;
}

/** A number as a formula literal: shortest round-trip digits, Excel's exponent spelling, no `-0`. */
function numberLiteral(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`No formula literal for ${v}`);
  return String(v === 0 ? 0 : v).replace('e', 'E');
}

const stringLiteral = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function corner(c: CellRef): string {
  const at = cellAddress(c.row, c.col);
  return `${c.absCol ? '$' : ''}${columnLetters(at.col)}${c.absRow ? '$' : ''}${at.row}`;
}

function operand(e: Expr, tighterThan: number, orEqual: boolean): string {
  const p = precedence(e);
  const text = printExpr(e);
  return p < tighterThan || (orEqual && p === tighterThan) ? `(${text})` : text;
}

/** An expression's text, without the leading `=`. */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return numberLiteral(e.value);
    case 'string':
      return stringLiteral(e.value);
    case 'boolean':
      return e.value ? 'TRUE' : 'FALSE';
    case 'ref':
      return `${e.sheet !== undefined ? `${sheetRef(e.sheet)}!` : ''}${corner(e.from)}${e.to ? `:${corner(e.to)}` : ''}`;
    case 'call':
      return `${e.name}(${e.args.map(printExpr).join(',')})`;
    case 'negate':
      return `-${operand(e.arg, NEGATION, false)}`;
    case 'binary': {
      // Left to right: a right operand of the same level keeps its parentheses (`A1-(B1-C1)`). The left spine of one
      // level is walked in a loop, not by recursion: 汇总 chains a term per row, 20,000 rows deep on a big return.
      const p = BINARY_PRECEDENCE[e.op];
      const tail: string[] = [];
      let left: Expr = e;
      while (left.kind === 'binary' && BINARY_PRECEDENCE[left.op] === p) {
        tail.push(`${left.op}${operand(left.right, p, true)}`);
        left = left.left;
      }
      return operand(left, p, false) + tail.reverse().join('');
    }
    case 'group':
      return `(${printExpr(e.expr)})`;
  }
}

/** A formula's text as a cell holds it: `=` and the expression. */
export const printFormula = (e: Expr): string => `=${printExpr(e)}`;
