/** Excel's number range lives with the roll-up's pure core (src/engine/number-range.ts). */
export { EXCEL_MAX_NUMBER, firstOutOfRange } from '../engine/number-range';
