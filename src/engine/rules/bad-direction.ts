/** `bad-direction`: a two-plan row whose 方向 is unreadable (validate/two-plan.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule = { id: 'bad-direction', scope: 'two-plan' };
