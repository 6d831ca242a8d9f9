/** `approximate-value`: 余, 多, 近, 约 and the like: a note of read/number.ts, reported by validate/values.ts. */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'approximate-value'> = { id: 'approximate-value', scope: 'reading' };
