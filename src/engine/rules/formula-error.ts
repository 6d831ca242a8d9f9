/** `formula-error`: an error value (#DIV/0!, #REF! …) in a user cell; from read/number.ts, reported by validate/values.ts. */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'formula-error'> = { id: 'formula-error', scope: 'reading' };
