/**
 * The heavy modules (zod and the template, the engine, the reader) load on first use, so `--help`,
 * `--version` and usage errors answer at once instead of after a second of module loading. Each loader keeps its
 * promise: a folder of returns asks for the engine once per file, and a module loader's resolve step is not free.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export const loadEngine = once(() => import('../engine'));
export const loadXlsx = once(() => import('../xlsx'));
/** The reader alone (check's path: no patcher, writer or annotator to load). */
export const loadReader = once(() => import('../xlsx/read'));
export const loadTemplates = once(() => import('../engine/template/load'));
