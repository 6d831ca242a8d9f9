/** `full-width-digits`: full-width digits or separators read as normal digits: a note of read/number.ts, reported by validate/values.ts. */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'full-width-digits'> = { id: 'full-width-digits', scope: 'reading' };
