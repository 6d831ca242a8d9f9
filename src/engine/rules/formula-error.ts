/** `formula-error`: an error value (#DIV/0!, #REF! …) in a user cell; the shared reader's verdict (read/number.ts), at the cell. */
import { readerRule } from '../validate/rule';

export const rule = readerRule('formula-error');
