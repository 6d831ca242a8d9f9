/** 报送情况: the batch's returns against the list of expected units, matched as `status --expect` matches them. */
import * as React from 'react';
import { Button, Field, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import { CopyRegular, DocumentTextRegular } from '@fluentui/react-icons';
import type { Lang } from '../../engine/findings';
import { parseExpectList, reportingStatus, type ReceivedReturn } from '../../engine/status';
import type { ReviewItem } from '../work';
import type { ReviewStrings } from './strings';
import { useReviewStyles } from './ReviewView.styles';

export interface StatusPanelProps {
  readonly items: readonly ReviewItem[];
  readonly lang: Lang;
  readonly strings: ReviewStrings;
}

/** One list of the status: a small heading over its items. */
function ListBlock({ heading, testId, children }: { readonly heading: string; readonly testId?: string; readonly children: React.ReactNode }) {
  const styles = useReviewStyles();
  return (
    <div>
      <h3 className={styles.heading}>{heading}</h3>
      <ul className={styles.list} data-testid={testId}>
        {children}
      </ul>
    </div>
  );
}

export function StatusPanel({ items, lang, strings: s }: StatusPanelProps) {
  const styles = useReviewStyles();
  const [text, setText] = React.useState('');
  const listInput = React.useRef<HTMLInputElement>(null);
  const list = React.useMemo(() => parseExpectList(text), [text]);
  const status = React.useMemo(() => {
    if (list.units.length === 0) return null;
    const returns: ReceivedReturn[] = items.flatMap((r) =>
      r.ok ? [{ file: r.file, unit: r.report.unit, divisionCode: r.report.divisionCode ?? null, period: r.report.period, errors: r.report.counts.error }] : [],
    );
    return reportingStatus(list.units, returns, lang);
  }, [list, items, lang]);

  const onList = async (e: React.ChangeEvent<HTMLInputElement>): Promise<void> => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (f) setText(await f.text());
  };

  return (
    <section className={styles.section} aria-labelledby="status-heading" data-testid="status-panel">
      <h2 id="status-heading" className={styles.heading}>
        {s.status}
      </h2>
      <p className={styles.note}>{s.statusIntro}</p>
      <Field label={s.statusList}>
        <Textarea className={styles.textarea} value={text} onChange={(_, d) => setText(d.value)} resize="vertical" data-testid="expect-list" />
      </Field>
      <div className={styles.actions}>
        <Button icon={<DocumentTextRegular />} onClick={() => listInput.current?.click()}>
          {s.openList}
        </Button>
        <input ref={listInput} className={styles.hiddenInput} type="file" accept=".txt,.csv,text/plain" aria-label={s.openList} onChange={(e) => void onList(e)} />
      </div>
      {list.problems.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {list.problems.map((p) => `${p.line}: ${p.text}`).join('；')}
          </MessageBarBody>
        </MessageBar>
      )}
      {status && (
        <div className={styles.statusGrid}>
          <ListBlock heading={`${s.received} (${status.received.length})`} testId="status-received">
            {status.received.map((r) => (
              <li key={r.file}>
                {r.unit} · {r.file}
                {r.errors > 0 ? ` · ${s.errors} ${r.errors}` : ''}
              </li>
            ))}
          </ListBlock>
          <ListBlock heading={`${s.missing} (${status.missing.length})`} testId="status-missing">
            {status.missing.map((m) => (
              <li key={`${m.divisionCode ?? ''}${m.unit}`}>{m.divisionCode ? `${m.divisionCode} ${m.unit}` : m.unit}</li>
            ))}
          </ListBlock>
          {status.unexpected.length > 0 && (
            <ListBlock heading={s.unexpected}>
              {status.unexpected.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ListBlock>
          )}
          {status.duplicates.length > 0 && (
            <ListBlock heading={s.duplicates}>
              {status.duplicates.map((d) => (
                <li key={d.unit}>
                  {d.unit}：{d.files.join('、')}
                </li>
              ))}
            </ListBlock>
          )}
        </div>
      )}
      {status && status.missing.length > 0 && (
        <>
          <h3 className={styles.heading}>{s.reminder}</h3>
          <p className={styles.reminder} data-testid="status-reminder">
            {status.reminder}
          </p>
          <div className={styles.actions}>
            <Button icon={<CopyRegular />} onClick={() => void navigator.clipboard?.writeText(status.reminder)}>
              {s.copy}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
