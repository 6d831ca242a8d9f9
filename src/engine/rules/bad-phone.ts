/** `bad-phone`: a 封面 field of type phone (联系电话) that is not a phone number. */
import { isPhone } from '../read/cover';
import type { CoverFieldRule } from '../validate/rule';

export const rule: CoverFieldRule<'bad-phone'> = {
  id: 'bad-phone',
  scope: 'cover-field',
  fieldType: 'phone',
  accepts: (cell) => isPhone(cell),
};
