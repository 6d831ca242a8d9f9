/**
 * The command table. To add a command, write `commands/<name>.ts` exporting a `Command` and add one line here;
 * the dispatcher gives it --help/-h and --lang and lists it in the top-level help, in this order.
 */
import type { Command } from '../context';
import { check } from './check';
import { fill } from './fill';
import { merge } from './merge';
import { newReturn } from './new';
import { statusCommand } from './status';
import { summaryCommand } from './summary';
import { templateCommand } from './template';

export const COMMANDS: readonly Command[] = [
  check,
  fill,
  newReturn,
  merge,
  statusCommand,
  summaryCommand,
  templateCommand,
];
