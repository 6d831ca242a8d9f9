/** `bad-date`: a 封面 field of type date (填报日期) that is not a date. */
import { readDate } from '../read/cover';
import { fieldFormatRule } from '../validate/rule';

export const rule = fieldFormatRule('bad-date', 'date', (cell) => readDate(cell) !== null);
