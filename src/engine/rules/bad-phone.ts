/** `bad-phone`: a 封面 field of type phone (联系电话) that is not a phone number. */
import { isPhone } from '../read/cover';
import { fieldFormatRule } from '../validate/rule';

export const rule = fieldFormatRule('bad-phone', 'phone', (cell) => isPhone(cell));
