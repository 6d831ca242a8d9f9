/** `target-missing`: a two-plan row with a blank 终期目标, at that cell. */
import type { Rule } from '../validate/rule';

export const rule: Rule<'target-missing'> = {
  id: 'target-missing',
  check: {
    twoPlanRow({ finalTyped, report }) {
      if (finalTyped.kind === 'blank') report('finalTarget', {});
    },
  },
};
