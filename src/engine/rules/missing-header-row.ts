/** `missing-header-row`: no row with the template's header labels, or a required column missing (validate/data-sheets.ts, two-plan.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'missing-header-row'> = { id: 'missing-header-row', scope: 'structure' };
