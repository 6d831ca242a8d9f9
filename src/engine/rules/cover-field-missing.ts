/** `cover-field-missing`: a required 封面 field whose label row is absent or whose value cell is blank (validate/cover.ts). */
import type { ReadingRule } from '../validate/rule';

export const rule: ReadingRule<'cover-field-missing'> = { id: 'cover-field-missing', scope: 'cover' };
