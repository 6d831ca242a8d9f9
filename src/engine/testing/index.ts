/**
 * Generators for tests, benchmarks and the shipped sample: a filled clean return and a widened template. Kept out of
 * the engine's public index (src/engine/index.ts), which holds what hosts use.
 */
export { buildFilledReturn, type FilledReturnOptions } from './filled';
export { stressTemplate } from './stress';
