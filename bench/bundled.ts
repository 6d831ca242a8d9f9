/*
 * What the reader bench measures in-process, from the CLI's own webpack bundle (webpack.cli.js with `--env bench`):
 * the reader and the engine as they ship, not as tsx compiles them on the fly (its CommonJS output reads every
 * imported binding through a getter, a few per cent of a read that the product never pays).
 */
export { readXlsxSync } from '../src/xlsx/read';
export { checkReturn } from '../src/engine/check';
export { formatFindings } from '../src/engine/messages';
export { standardTemplate } from '../src/engine/template/load';
