/** `duplicate-indicator`: a code appearing a second time on a sheet, at the second code cell (validate/data-sheets.ts, two-plan.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'duplicate-indicator'> = { id: 'duplicate-indicator', scope: 'structure' };
