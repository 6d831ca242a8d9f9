/** `bad-period`: a 封面 field of type period (报告期) that does not read as a year and a quarter 1–4. */
import { readPeriod } from '../read/cover';
import type { CoverFieldRule } from '../validate/rule';

export const rule: CoverFieldRule<'bad-period'> = {
  id: 'bad-period',
  scope: 'cover-field',
  fieldType: 'period',
  accepts: (cell) => readPeriod(cell) !== null,
};
