/** `base-missing`: a relative or qualitative two-plan target with a blank 基期值, at the 基期值 cell (validate/two-plan.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule = { id: 'base-missing', scope: 'two-plan' };
