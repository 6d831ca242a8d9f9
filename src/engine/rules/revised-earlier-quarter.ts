/** `revised-earlier-quarter`: a quarter cell differing from what the previous quarter's return reported (validate/revisions.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'revised-earlier-quarter'> = { id: 'revised-earlier-quarter', scope: 'revisions' };
