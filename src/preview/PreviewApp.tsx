/**
 * The browser preview: a read-only grid of the workbook on the left, the real task pane (`App` over the real
 * `createExcelHost()`) on the right, both over one fake Office workbook model installed as the page's globals.
 * Files are parsed in the browser (`readXlsx`) and never leave it; the only requests are the page's own files.
 */
import * as React from 'react';
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  ToggleButton,
  Toolbar,
  ToolbarDivider,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, FolderOpenRegular } from '@fluentui/react-icons';
import { checkReturn, planFill } from '../engine';
import type { Lang } from '../engine/findings';
import { standardTemplate } from '../engine/template/load';
import type { Template } from '../engine/template/schema';
import type { WorkbookView } from '../engine/workbook';
import { installFakeOffice } from '../office-fake';
import { FakeWorkbookModel } from '../office-fake/model';
import { App } from '../taskpane/App';
import { createExcelHost } from '../taskpane/excel';
import type { WorkbookHost } from '../taskpane/host';
import { patchXlsx } from '../xlsx/patch';
import { gridSourceFromModel } from './fake-source';
import { Grid } from './Grid';
import { usePreviewStyles } from './PreviewApp.styles';
import { displayLanguageOf, previewStrings } from './strings';
import { SAMPLE_NAME, sampleBytes } from './sample';
import { unpackView } from './transfer';
import { poolSize, WorkPool } from './worker-client';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface LoadedDoc {
  /** The file as loaded: `download` patches these bytes. */
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly view: WorkbookView;
  readonly model: FakeWorkbookModel;
  /** Counts loads, so the task pane starts afresh for each workbook. */
  readonly epoch: number;
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

let sharedPool: WorkPool | undefined;
/** The page's workers, started on first use. */
export function pool(): WorkPool {
  return (sharedPool ??= new WorkPool(poolSize()));
}

/** The pane's previous-quarter picker reads in the page's worker too. */
const readInWorker = async (bytes: Uint8Array): Promise<WorkbookView> => {
  const read = await pool().read(bytes, 'zh-CN');
  if (!read.ok) throw new Error(read.error);
  return unpackView(read.book);
};

/** Installs the fake Office over `model` as the page's globals and makes the real Office.js host over it. */
function installHost(model: FakeWorkbookModel, lang: Lang): WorkbookHost {
  installFakeOffice(globalThis, model, { displayLanguage: displayLanguageOf(lang) });
  return createExcelHost();
}

/** The filled workbook: the loaded bytes patched with the plan `fill` writes (the grid is read-only, so the plan is the task pane's). */
export function filledBytes(doc: { bytes: Uint8Array; view: WorkbookView }, template: Template): Uint8Array {
  const report = checkReturn(doc.view, template);
  return patchXlsx(doc.bytes, planFill(doc.view, template, report));
}

function saveAs(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_MIME }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface PreviewAppProps {
  readonly initialLang?: Lang;
  readonly template?: Template;
}

export function PreviewApp({ initialLang = 'zh-CN', template = standardTemplate() }: PreviewAppProps): React.JSX.Element {
  const styles = usePreviewStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const [doc, setDoc] = React.useState<LoadedDoc | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(true);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const epoch = React.useRef(0);
  const s = previewStrings(lang);

  React.useEffect(() => {
    document.documentElement.lang = lang;
    document.title = s.title;
  }, [lang, s.title]);

  const load = React.useCallback(async (bytes: Uint8Array, name: string) => {
    setBusy(true);
    setError(null);
    try {
      const read = await pool().read(bytes, lang);
      if (!read.ok) throw new Error(read.error);
      const view = unpackView(read.book);
      const model = FakeWorkbookModel.fromWorkbookView(view);
      // Excel opens a workbook with A1 of its active sheet selected.
      if (!model.selection && model.activeSheet) model.selection = { sheet: model.activeSheet, address: 'A1' };
      epoch.current += 1;
      setDoc({ bytes, name, view, model, epoch: epoch.current });
    } catch (e) {
      setError(previewStrings(lang).loadFailed(name, reason(e)));
    } finally {
      setBusy(false);
    }
  }, [lang]);

  // The first screen: the sample return shipped inside the page.
  React.useEffect(() => {
    void load(sampleBytes(), SAMPLE_NAME);
  }, []); // once, on mount

  const source = React.useMemo(() => (doc ? gridSourceFromModel(doc.model) : null), [doc]);
  // Re-created on a new workbook or a language switch: the task pane re-mounts with Office's displayLanguage changed.
  const host = React.useMemo(() => (doc ? installHost(doc.model, lang) : null), [doc, lang]);

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    await load(new Uint8Array(await file.arrayBuffer()), file.name);
  };

  const onDownload = (): void => {
    if (!doc) return;
    try {
      const base = doc.name.replace(/\.xlsx$/i, '');
      saveAs(filledBytes(doc, template), `${base}${lang === 'en' ? '-filled' : '-已填写'}.xlsx`);
    } catch (e) {
      setError(s.downloadFailed(reason(e)));
    }
  };

  return (
    <div className={styles.root}>
      <header>
        <Toolbar className={styles.toolbar} aria-label={s.toolbar}>
          <h1 className={styles.title}>{s.title}</h1>
          <Button icon={<FolderOpenRegular />} onClick={() => fileInput.current?.click()} disabled={busy}>
            {s.open}
          </Button>
          <input
            ref={fileInput}
            className={styles.hiddenInput}
            type="file"
            accept={`.xlsx,${XLSX_MIME}`}
            aria-label={s.open}
            data-testid="file-input"
            onChange={(e) => void onFile(e)}
          />
          <Button icon={<ArrowDownloadRegular />} onClick={onDownload} disabled={!doc || busy}>
            {s.download}
          </Button>
          {doc && <Caption1 className={styles.fileName}>{s.fileLabel(doc.name)}</Caption1>}
          <span className={styles.spacer} />
          <Caption1 className={styles.fileName}>{s.localOnly}</Caption1>
          <ToolbarDivider />
          <div role="group" aria-label={s.language} className={styles.languages}>
            <ToggleButton size="small" checked={lang === 'zh-CN'} onClick={() => setLang('zh-CN')} lang="zh-CN">
              中文
            </ToggleButton>
            <ToggleButton size="small" checked={lang === 'en'} onClick={() => setLang('en')} lang="en">
              English
            </ToggleButton>
          </div>
        </Toolbar>
        {error && (
          <MessageBar intent="error" className={styles.notice}>
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
      </header>
      <div className={styles.main}>
        <div className={styles.workbook}>
          {source ? (
            <Grid source={source} labels={{ grid: s.grid, tabs: s.tabs, empty: s.empty }} />
          ) : (
            busy && <Spinner className={styles.loading} label={s.loading} />
          )}
        </div>
        <div className={styles.taskPane} data-testid="task-pane">
          {doc && host && <App key={`${doc.epoch}-${lang}`} host={host} template={template} lang={lang} readWorkbook={readInWorker} />}
        </div>
      </div>
    </div>
  );
}
