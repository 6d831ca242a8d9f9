/** `full-width-digits`: full-width digits or separators, read as normal digits; the shared reader's verdict (read/number.ts), at the cell. */
import { readerRule } from '../validate/rule';

export const rule = readerRule('full-width-digits');
