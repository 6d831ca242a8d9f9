/** `not-a-number`: text that is no number; the shared reader's verdict (read/number.ts), at the cell. */
import { readerRule } from '../validate/rule';

export const rule = readerRule('not-a-number');
