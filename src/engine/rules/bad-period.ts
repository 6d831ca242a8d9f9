/** `bad-period`: a 封面 field of type period (报告期) that does not read as a year and a quarter 1–4. */
import { readPeriod } from '../read/cover';
import { fieldFormatRule } from '../validate/rule';

export const rule = fieldFormatRule('bad-period', 'period', (cell) => readPeriod(cell) !== null);
