/** `target-missing`: a two-plan row with a blank 终期目标 (validate/two-plan.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule = { id: 'target-missing', scope: 'two-plan' };
