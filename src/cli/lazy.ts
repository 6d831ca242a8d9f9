/**
 * The heavy modules (zod and the template, ExcelJS inside the reader) load on first use, so `--help`,
 * `--version` and usage errors answer at once instead of after a second of module loading.
 */
export const loadEngine = () => import('../engine');
export const loadXlsx = () => import('../xlsx');
export const loadTemplates = () => import('../engine/template/load');
