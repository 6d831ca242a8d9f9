/** `bad-division-code`: a 封面 field of type division-code (行政区划代码) present but not 6 digits. */
import { isDivisionCode } from '../read/cover';
import { fieldFormatRule } from '../validate/rule';

export const rule = fieldFormatRule('bad-division-code', 'division-code', (cell) => isDivisionCode(cell));
