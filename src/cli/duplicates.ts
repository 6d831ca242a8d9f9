/** merge's guard against double counting lives with the roll-up's pure core (src/engine/duplicates.ts). */
export { findDuplicates, type Duplicate, type DuplicateReason, type Identity } from '../engine/duplicates';
