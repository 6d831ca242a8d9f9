/** `bad-division-code`: a 封面 field of type division-code (行政区划代码) present but not 6 digits. */
import { isDivisionCode } from '../read/cover';
import type { CoverFieldRule } from '../validate/rule';

export const rule: CoverFieldRule<'bad-division-code'> = {
  id: 'bad-division-code',
  scope: 'cover-field',
  fieldType: 'division-code',
  accepts: (cell) => isDivisionCode(cell),
};
