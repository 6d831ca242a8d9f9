/** `missing-sheet`: a template sheet is absent. Reported where each sheet is looked up (validate/cover.ts, data-sheets.ts, two-plan.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'missing-sheet'> = { id: 'missing-sheet', scope: 'structure' };
