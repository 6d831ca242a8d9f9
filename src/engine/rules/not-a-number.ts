/** `not-a-number`: text that is no number; the reader's verdict (read/number.ts), reported at the cell by validate/values.ts. */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'not-a-number'> = { id: 'not-a-number', scope: 'reading' };
