/** `target-order`: a two-plan 中期目标 outside 基期值 … 终期目标 in the row's direction (validate/two-plan.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule = { id: 'target-order', scope: 'two-plan' };
