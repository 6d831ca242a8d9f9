/**
 * The reviewer's view: open many returns or a folder, see the review table (returns needing a call first) and who
 * is behind, open any return in the staff view, and download the roll-up (as `merge`) and the review report (as
 * `check --report`). Files that are not returns are listed with the reason.
 */
import * as React from 'react';
import {
  Button,
  Checkbox,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, DocumentMultipleRegular, FolderOpenRegular } from '@fluentui/react-icons';
import { buildReviewModel } from '../../cli/report/model';
import type { FileResult } from '../../cli/results';
import { formatPercent } from '../../engine/display';
import type { Lang } from '../../engine/findings';
import type { Template } from '../../engine/template/schema';
import { saveAs } from '../download';
import type { ReviewItem } from '../work';
import type { WorkPool } from '../worker-client';
import type { Batch } from './batch';
import { pickedFromInput, type PickedFile } from './files';
import { LagChart } from './LagChart';
import { StatusPanel } from './StatusPanel';
import { reviewStrings } from './strings';
import { useReviewStyles } from './ReviewView.styles';

export interface ReviewViewProps {
  readonly lang: Lang;
  readonly template: Template;
  readonly batch: Batch | null;
  readonly pool: () => WorkPool;
  readonly onPick: (files: PickedFile[]) => void;
  /** Opens one return (by its name in the batch) in the staff view. */
  readonly onOpen: (name: string) => void;
}

/** The engine's one display rounding, as the .xlsx report shows it under 0.00% (79.675% → 79.68%). */
const pct = (f: number | null): string => (f === null ? '' : formatPercent(f, 2));
const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function ReviewView({ lang, template, batch, pool, onPick, onOpen }: ReviewViewProps) {
  const styles = useReviewStyles();
  const s = reviewStrings(lang);
  const filesInput = React.useRef<HTMLInputElement>(null);
  const folderInput = React.useRef<HTMLInputElement>(null);
  const [allowErrors, setAllowErrors] = React.useState(false);
  const [allowDuplicates, setAllowDuplicates] = React.useState(false);
  const [notice, setNotice] = React.useState<{ intent: 'error' | 'success' | 'warning'; text: string } | null>(null);
  const [working, setWorking] = React.useState(false);

  // webkitdirectory is not in React's attribute types: set it on the element.
  React.useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const done = batch !== null && batch.ms !== null;
  const items = React.useMemo(() => batch?.items ?? [], [batch]);
  const model = React.useMemo(() => {
    const results: FileResult[] = items.map((it: ReviewItem) =>
      it.ok ? { file: it.file, ok: true, report: it.report, findings: it.findings } : { file: it.file, ok: false, error: it.error },
    );
    return buildReviewModel(results, template, lang);
  }, [items, template, lang]);

  const pick = (e: React.ChangeEvent<HTMLInputElement>): void => {
    const list = e.target.files;
    if (list && list.length) onPick(pickedFromInput(list));
    e.target.value = '';
    setNotice(null);
  };

  /** The bytes of the batch's .xlsx files, in file order (the roll-up and the annotated copies start from them). */
  const bytesOf = async (names: readonly string[]): Promise<{ name: string; bytes: Uint8Array }[]> => {
    const byName = new Map((batch?.files ?? []).map((f) => [f.name, f.file]));
    const out: { name: string; bytes: Uint8Array }[] = [];
    for (const name of names) {
      const file = byName.get(name);
      if (file) out.push({ name, bytes: new Uint8Array(await file.arrayBuffer()) });
    }
    return out;
  };

  /** Runs one download with the buttons disabled; a failure becomes the error notice. */
  const whileWorking = async (work: () => Promise<void>): Promise<void> => {
    setWorking(true);
    try {
      await work();
    } catch (e) {
      setNotice({ intent: 'error', text: s.failed(reason(e)) });
    } finally {
      setWorking(false);
    }
  };

  const downloadRollup = (): Promise<void> =>
    whileWorking(async () => {
      setNotice(null);
      // Every .xlsx of the batch, readable or not, as merge takes the files it is given (files that are no returns
      // are listed apart and not given).
      const inputs = await bytesOf(items.map((it) => it.file));
      const r = await pool().rollup(inputs, template, { lang, allowErrors, allowDuplicates });
      if (!r.ok) setNotice({ intent: 'error', text: r.refusal });
      else {
        saveAs(r.bytes, `${r.unit}-${r.period}.xlsx`);
        setNotice({ intent: 'success', text: [s.rolledUp(r.merged, r.unit, r.period), r.note].filter(Boolean).join(' ') });
      }
    });

  const downloadReviewBook = (): Promise<void> =>
    whileWorking(async () => {
      saveAs(await pool().reviewWorkbook(items, template, lang), lang === 'en' ? 'review-report.xlsx' : '审核报告.xlsx');
    });

  const downloadAnnotated = (): Promise<void> =>
    whileWorking(async () => {
      setNotice(null);
      const findings = new Map(items.flatMap((it) => (it.ok ? [[it.file, it.findings] as const] : [])));
      const returns = (await bytesOf([...findings.keys()])).map((r) => ({ ...r, findings: findings.get(r.name)! }));
      const { zip, failed } = await pool().annotatedZip(returns, lang);
      saveAs(zip, lang === 'en' ? 'annotated-returns.zip' : '退回修改.zip', 'application/zip');
      if (failed.length) setNotice({ intent: 'warning', text: failed.map((f) => `${f.name}：${f.error}`).join('；') });
    });

  const unreadable = items.filter((it) => !it.ok).length;
  return (
    <div className={styles.root} data-testid="review-view">
      <section className={styles.section} aria-labelledby="review-open-heading">
        <h2 id="review-open-heading" className={styles.heading}>
          {s.heading}
        </h2>
        <p className={styles.note}>{s.intro}</p>
        <div className={styles.actions}>
          <Button icon={<DocumentMultipleRegular />} onClick={() => filesInput.current?.click()}>
            {s.openFiles}
          </Button>
          <input
            ref={filesInput}
            className={styles.hiddenInput}
            type="file"
            multiple
            aria-label={s.openFiles}
            data-testid="files-input"
            onChange={pick}
          />
          <Button icon={<FolderOpenRegular />} onClick={() => folderInput.current?.click()}>
            {s.openFolder}
          </Button>
          <input ref={folderInput} className={styles.hiddenInput} type="file" multiple aria-label={s.openFolder} data-testid="folder-input" onChange={pick} />
        </div>
        {batch && (
          <ProgressBar
            value={batch.total ? batch.done / batch.total : 1}
            thickness="large"
            aria-label={done ? s.checked(batch.done, batch.ms ?? 0) : s.progress(batch.done, batch.total)}
          />
        )}
        {batch && (
          <p role="status" className={styles.note} data-testid="review-progress" data-done={done ? 'true' : undefined} data-ms={done ? Math.round(batch.ms ?? 0) : undefined}>
            {done ? s.checked(batch.done, batch.ms ?? 0) : s.progress(batch.done, batch.total)}
          </p>
        )}
      </section>

      {done && items.length > 0 && (
        <section className={styles.section} aria-labelledby="review-downloads-heading">
          <h2 id="review-downloads-heading" className={styles.heading}>
            {s.downloads}
          </h2>
          <div className={styles.actions}>
            <Button appearance="primary" icon={<ArrowDownloadRegular />} onClick={() => void downloadRollup()} disabled={working || unreadable === items.length}>
              {s.rollup}
            </Button>
            <Checkbox checked={allowErrors} onChange={(_, d) => setAllowErrors(d.checked === true)} label={s.allowErrors} />
            <Checkbox checked={allowDuplicates} onChange={(_, d) => setAllowDuplicates(d.checked === true)} label={s.allowDuplicates} />
            <Button icon={<ArrowDownloadRegular />} onClick={() => void downloadReviewBook()} disabled={working}>
              {s.reviewBook}
            </Button>
            <Button icon={<ArrowDownloadRegular />} onClick={() => void downloadAnnotated()} disabled={working || unreadable === items.length}>
              {s.annotated}
            </Button>
          </div>
          {notice && (
            <MessageBar intent={notice.intent}>
              <MessageBarBody data-testid="review-notice" className={styles.notice}>{notice.text}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}

      {model.rows.length > 0 && (
        <section className={styles.section} aria-labelledby="review-table-heading">
          <h2 id="review-table-heading" className={styles.heading}>
            {s.tableCaption}
          </h2>
          <div className={styles.tableWrap}>
            <Table className={styles.table} size="small" aria-labelledby="review-table-heading" data-testid="review-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{s.unit}</TableHeaderCell>
                  <TableHeaderCell>{s.file}</TableHeaderCell>
                  <TableHeaderCell>{s.period}</TableHeaderCell>
                  <TableHeaderCell className={styles.number}>{s.completeness}</TableHeaderCell>
                  <TableHeaderCell className={styles.number}>{s.errors}</TableHeaderCell>
                  <TableHeaderCell className={styles.number}>{s.warnings}</TableHeaderCell>
                  <TableHeaderCell className={styles.number}>{s.behind}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {model.rows.map((r) => {
                  const unit = r.unit ?? r.file;
                  return (
                    <TableRow key={r.path} data-file={r.path} className={r.error === null ? styles.row : undefined} onClick={r.error === null ? () => onOpen(r.path) : undefined}>
                      <TableCell>
                        {r.error === null ? (
                          <Button appearance="transparent" size="small" aria-label={s.open(unit)} onClick={(e) => (e.stopPropagation(), onOpen(r.path))}>
                            {unit.length > 60 ? `${unit.slice(0, 60)}…` : unit}
                          </Button>
                        ) : (
                          <span className={styles.bad}>{s.unreadable}</span>
                        )}
                      </TableCell>
                      <TableCell className={styles.file} title={r.path}>
                        {r.error === null ? r.file : `${r.file}：${r.error}`}
                      </TableCell>
                      <TableCell>{r.period ?? ''}</TableCell>
                      <TableCell className={styles.number}>{pct(r.completeness)}</TableCell>
                      <TableCell className={mergeClasses(styles.number, r.errors > 0 && styles.bad)} data-errors={r.errors}>
                        {r.error === null ? r.errors : ''}
                      </TableCell>
                      <TableCell className={styles.number} data-warnings={r.warnings}>
                        {r.error === null ? r.warnings : ''}
                      </TableCell>
                      <TableCell className={styles.number}>{r.error === null ? r.behind : ''}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        </section>
      )}

      {model.rows.some((r) => r.error === null) && <LagChart rows={model.rows} template={template} strings={s} />}

      {/* Kept while a language switch checks the batch again, so a pasted list stays. */}
      {batch && batch.total > 0 && <StatusPanel items={items} lang={lang} strings={s} />}

      {batch && batch.skipped.length > 0 && (
        <section className={styles.section} aria-labelledby="review-skipped-heading">
          <h2 id="review-skipped-heading" className={styles.heading}>
            {s.skippedHeading}
          </h2>
          <Table size="small" aria-labelledby="review-skipped-heading" data-testid="skipped-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.file}</TableHeaderCell>
                <TableHeaderCell>{s.reason}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {batch.skipped.map((k) => (
                <TableRow key={k.name} data-file={k.name}>
                  <TableCell className={styles.file}>{k.name}</TableCell>
                  <TableCell>{k.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}

      {!batch && <p className={styles.note}>{s.none}</p>}
    </div>
  );
}
