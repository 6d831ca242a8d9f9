/** `unit-in-cell`: the cell carries its own unit, converted to the column's; the shared reader's verdict (read/number.ts), at the cell. */
import { readerRule } from '../validate/rule';

export const rule = readerRule('unit-in-cell');
