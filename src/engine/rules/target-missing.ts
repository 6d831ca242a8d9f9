/** `target-missing`: a two-plan row with a blank 终期目标, at that cell. */
import type { TwoPlanRowRule } from '../validate/rule';

export const rule: TwoPlanRowRule<'target-missing'> = {
  id: 'target-missing',
  scope: 'two-plan-row',
  check({ finalTyped, report }) {
    if (finalTyped.kind === 'blank') report('finalTarget', {});
  },
};
