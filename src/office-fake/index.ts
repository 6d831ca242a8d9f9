/**
 * A fake of Office.js for Excel over an in-memory workbook: the `Office` and `Excel` globals the add-in's host
 * (`src/taskpane/excel*.ts`) uses, for jest tests and the browser preview. Browser-safe: no Node built-ins.
 */
import { createFakeExcel, createStats, type FakeExcel, type FakeExcelOptions, type FakeExcelStats } from './excel-api';
import type { FakeWorkbookModel } from './model';

export * from './model';
export * from './excel-api';
export { Evaluator, parseFormula, isValidFormula, FormulaError, type EvalContext } from './formula';

export interface FakeSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: 'succeeded' | 'failed' }) => void): void;
}

export interface FakeOffice {
  readonly HostType: Readonly<Record<string, string>>;
  readonly PlatformType: Readonly<Record<string, string>>;
  readonly AsyncResultStatus: Readonly<Record<string, string>>;
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  readonly context: {
    readonly displayLanguage: string;
    readonly contentLanguage: string;
    readonly document: { readonly settings: FakeSettings };
    readonly requirements: { isSetSupported(name: string, version?: string | number): boolean };
    readonly diagnostics: { readonly host: string; readonly version: string; readonly platform: string };
  };
}

export interface FakeOfficeOptions extends FakeExcelOptions {
  /** Office.context.displayLanguage, e.g. 'zh-CN' or 'en-US'. */
  readonly displayLanguage?: string;
  /** Highest ExcelApi minor version the fake claims (default 1.6: what the add-in needs). */
  readonly excelApiVersion?: number;
}

export interface FakeOfficeEnvironment {
  readonly Office: FakeOffice;
  readonly Excel: FakeExcel;
  readonly model: FakeWorkbookModel;
  readonly stats: FakeExcelStats;
}

/** Document settings survive a "reopened pane" (a new fake over the same model) once saved, like Office's. */
const savedSettings = new WeakMap<FakeWorkbookModel, Map<string, unknown>>();

function settingsFor(model: FakeWorkbookModel): FakeSettings {
  const saved = savedSettings.get(model) ?? new Map<string, unknown>();
  savedSettings.set(model, saved);
  const working = new Map(saved);
  return {
    get: (name) => (working.has(name) ? structuredCloneJson(working.get(name)) : null),
    set: (name, value) => void working.set(name, structuredCloneJson(value)),
    remove: (name) => void working.delete(name),
    saveAsync(callback) {
      saved.clear();
      for (const [k, v] of working) saved.set(k, v);
      queueMicrotask(() => callback?.({ status: 'succeeded' }));
    },
  };
}

/** Settings hold JSON-serialisable data only, as Office's do. */
function structuredCloneJson(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

export function createFakeOffice(model: FakeWorkbookModel, options: FakeOfficeOptions = {}): FakeOfficeEnvironment {
  const stats = createStats();
  const Excel = createFakeExcel(model, options, stats);
  const version = options.excelApiVersion ?? 1.6;
  const info = { host: 'Excel', platform: 'OfficeOnline' };
  const displayLanguage = options.displayLanguage ?? 'zh-CN';
  const Office: FakeOffice = {
    HostType: { Excel: 'Excel', Word: 'Word', PowerPoint: 'PowerPoint', Outlook: 'Outlook', OneNote: 'OneNote', Project: 'Project', Access: 'Access' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android', Universal: 'Universal' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    onReady(callback) {
      return Promise.resolve().then(() => {
        callback?.(info);
        return info;
      });
    },
    context: {
      displayLanguage,
      contentLanguage: displayLanguage,
      document: { settings: settingsFor(model) },
      diagnostics: { host: 'Excel', version: `fake ExcelApi ${version}`, platform: info.platform },
      requirements: {
        isSetSupported(name, v) {
          if (name !== 'ExcelApi') return false;
          const want = v === undefined ? 1.1 : Number(v);
          return want <= version;
        },
      },
    },
  };
  return { Office, Excel, model, stats };
}

/**
 * Installs the fake as `target.Office` / `target.Excel` (globalThis by default) and returns it with `uninstall`,
 * which restores what was there before.
 */
export function installFakeOffice(
  target: object,
  model: FakeWorkbookModel,
  options: FakeOfficeOptions = {},
): FakeOfficeEnvironment & { uninstall(): void } {
  const env = createFakeOffice(model, options);
  const t = target as Record<string, unknown>;
  const before = { Office: t.Office, Excel: t.Excel };
  t.Office = env.Office;
  t.Excel = env.Excel;
  return {
    ...env,
    uninstall() {
      t.Office = before.Office;
      t.Excel = before.Excel;
    },
  };
}
