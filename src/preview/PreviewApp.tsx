/**
 * The web page (网页版), one app for staff and reviewers. Staff: a read-only grid of the workbook on the left, the
 * real task pane (`App` over the real `createExcelHost()`) on the right, both over one fake Office workbook model
 * installed as the page's globals; download the filled workbook. Reviewers: many returns or a folder, the review
 * table and chart, the roll-up and the review report. Every file is read in the page's workers and never leaves the
 * machine; the page makes no request at all.
 */
import * as React from 'react';
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  mergeClasses,
  Spinner,
  Tab,
  TabList,
  ToggleButton,
  Toolbar,
  ToolbarDivider,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, DocumentTableRegular, FolderOpenRegular } from '@fluentui/react-icons';
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
import { saveAs, XLSX_MIME } from './download';
import { gridSourceFromModel } from './fake-source';
import { Grid } from './Grid';
import { usePreviewStyles } from './PreviewApp.styles';
import { useReviewBatch } from './review/batch';
import { pickedFromDrop, type PickedFile } from './review/files';
import { ReviewView } from './review/ReviewView';
import { SAMPLE_NAME, sampleBytes } from './sample';
import { displayLanguageOf, previewStrings } from './strings';
import { unpackView } from './transfer';
import { poolSize, WorkPool } from './worker-client';

interface LoadedDoc {
  /** The file as loaded: `download` patches these bytes. */
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly view: WorkbookView;
  readonly model: FakeWorkbookModel;
  /** Counts loads, so the task pane starts afresh for each workbook. */
  readonly epoch: number;
}

type Mode = 'staff' | 'review';

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

export interface PreviewAppProps {
  readonly initialLang?: Lang;
  readonly template?: Template;
}

export function PreviewApp({ initialLang = 'zh-CN', template = standardTemplate() }: PreviewAppProps): React.JSX.Element {
  const styles = usePreviewStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const [mode, setMode] = React.useState<Mode>('staff');
  const [doc, setDoc] = React.useState<LoadedDoc | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(true);
  const [dropping, setDropping] = React.useState(false);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const epoch = React.useRef(0);
  const s = previewStrings(lang);
  const review = useReviewBatch(pool, template, lang);

  React.useEffect(() => {
    document.documentElement.lang = lang;
    document.title = s.title;
  }, [lang, s.title]);

  // The reviewer's findings, reasons and report speak the page's language: a switch checks the batch again.
  const batchFiles = review.batch?.files;
  React.useEffect(() => {
    if (batchFiles) void review.start(batchFiles);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a language switch re-runs the batch
  }, [lang]);

  const load = React.useCallback(
    async (bytes: Uint8Array, name: string) => {
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
    },
    [lang],
  );

  // The first screen: the sample return shipped inside the page.
  React.useEffect(() => {
    void load(sampleBytes(), SAMPLE_NAME);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount: a language switch must not reload the sample
  }, []);

  const source = React.useMemo(() => (doc ? gridSourceFromModel(doc.model) : null), [doc]);
  // Re-created on a new workbook or a language switch: the task pane re-mounts with Office's displayLanguage changed.
  const host = React.useMemo(() => (doc ? installHost(doc.model, lang) : null), [doc, lang]);

  const openFile = async (file: File, name = file.name): Promise<void> => {
    setMode('staff');
    await load(new Uint8Array(await file.arrayBuffer()), name);
  };

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) await openFile(file);
  };

  const startReview = (files: PickedFile[]): void => {
    setMode('review');
    void review.start(files);
  };

  // One file dropped opens it for staff; several, or a folder, go to the reviewer's view.
  const onDrop = async (e: React.DragEvent): Promise<void> => {
    e.preventDefault();
    setDropping(false);
    const picked = await pickedFromDrop(e.dataTransfer);
    if (picked.length === 1 && !picked[0]!.name.includes('/') && mode === 'staff') await openFile(picked[0]!.file);
    else if (picked.length > 0) startReview(picked);
  };

  const openFromReview = (name: string): void => {
    const picked = review.batch?.files.find((f) => f.name === name);
    if (picked) void openFile(picked.file, name);
  };

  const onDownload = (): void => {
    if (!doc) return;
    try {
      const base = doc.name.slice(doc.name.lastIndexOf('/') + 1).replace(/\.xlsx$/i, '');
      saveAs(filledBytes(doc, template), `${base}${lang === 'en' ? '-filled' : '-已填写'}.xlsx`);
    } catch (e) {
      setError(s.downloadFailed(reason(e)));
    }
  };

  return (
    <div
      className={mergeClasses(styles.root, dropping && styles.dropping)}
      onDragOver={(e) => {
        e.preventDefault();
        if (!dropping) setDropping(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDropping(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      <header>
        <Toolbar className={styles.toolbar} aria-label={s.toolbar}>
          <h1 className={styles.title}>{s.title}</h1>
          <TabList selectedValue={mode} onTabSelect={(_, d) => setMode(d.value as Mode)} aria-label={s.modes} className={styles.modes}>
            <Tab value="staff" icon={<DocumentTableRegular />} data-testid="mode-staff">
              {s.staffMode}
            </Tab>
            <Tab value="review" icon={<FolderOpenRegular />} data-testid="mode-review">
              {s.reviewMode}
            </Tab>
          </TabList>
          <ToolbarDivider />
          {mode === 'staff' && (
            <>
              <Button icon={<FolderOpenRegular />} onClick={() => fileInput.current?.click()} disabled={busy}>
                {s.open}
              </Button>
              <Button icon={<ArrowDownloadRegular />} onClick={onDownload} disabled={!doc || busy}>
                {s.download}
              </Button>
              {doc && <Caption1 className={styles.fileName}>{s.fileLabel(doc.name)}</Caption1>}
            </>
          )}
          <input
            ref={fileInput}
            className={styles.hiddenInput}
            type="file"
            accept={`.xlsx,.xlsm,${XLSX_MIME}`}
            aria-label={s.open}
            data-testid="file-input"
            onChange={(e) => void onFile(e)}
          />
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
      {mode === 'review' ? (
        <ReviewView lang={lang} template={template} batch={review.batch} pool={pool} onPick={startReview} onOpen={openFromReview} />
      ) : (
        <div className={styles.main}>
          <div className={styles.workbook}>
            {source ? (
              <Grid source={source} labels={{ grid: s.grid, tabs: s.tabs, empty: s.empty }} />
            ) : (
              busy && <Spinner className={styles.loading} label={s.loading} />
            )}
          </div>
          <div className={styles.taskPane} data-testid="task-pane">
            {doc && host && (
              <App key={`${doc.epoch}-${lang}`} host={host} template={template} lang={lang} readWorkbook={readInWorker} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
