/** `approximate-value`: 余, 多, 近, 约 and the like, read as the number they qualify; the shared reader's verdict (read/number.ts), at the cell. */
import { readerRule } from '../validate/rule';

export const rule = readerRule('approximate-value');
