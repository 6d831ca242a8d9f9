/** `bad-date`: a 封面 field of type date (填报日期) that is not a date. */
import { readDate } from '../read/cover';
import type { CoverFieldRule } from '../validate/rule';

export const rule: CoverFieldRule<'bad-date'> = {
  id: 'bad-date',
  scope: 'cover-field',
  fieldType: 'date',
  accepts: (cell) => readDate(cell) !== null,
};
