/** `missing-indicator`: a template code with no row on its sheet (validate/data-sheets.ts, two-plan.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'missing-indicator'> = { id: 'missing-indicator', scope: 'structure' };
