/** `unit-in-cell`: the cell carries its own unit, converted: a note of read/number.ts, reported by validate/values.ts. */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'unit-in-cell'> = { id: 'unit-in-cell', scope: 'reading' };
