/** `unknown-indicator`: a data-sheet row whose code the template lacks, at the code cell (validate/data-sheets.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'unknown-indicator'> = { id: 'unknown-indicator', scope: 'structure' };
