/**
 * The .xlsx layer: reading a workbook into the engine's WorkbookView, patching a FillPlan into the package
 * surgically, and writing a new return. Host-neutral: bytes in, bytes out (no fs), so the browser preview can use it.
 */
export { XlsxError, type XlsxErrorReason } from './errors';
export { readXlsx, readXlsxSync, type LoadedWorkbook } from './read';
export { patchXlsx } from './patch';
export { writeNewXlsx, type WriteNewOptions } from './write';
