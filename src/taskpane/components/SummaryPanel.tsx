import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { Copy20Regular, CopyRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { Lang } from '../../engine/findings';
import type { ReturnReport } from '../../engine/report';
import { draftSummary, type FiguresSummary } from '../../engine/summary';
import type { Template } from '../../engine/template/schema';
import { summaryStrings } from './summary-strings';
import { PaneSection } from './PaneSection';
import { useSummaryPanelStyles } from './SummaryPanel.styles';

/** Puts text on the clipboard: the Clipboard API where the host allows it, else a hidden textarea and execCommand. */
export async function copyToClipboard(text: string): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Office's webview may refuse the Clipboard API; fall back below.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = typeof document.execCommand === 'function' && document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/** What the tab shows, as plain text: the title, then each block's heading, paragraph and notes (what staff paste). */
export function shownText(summary: FiguresSummary, notePrefix: string): string {
  const blocks = summary.paragraphs.map((p) => [p.heading, p.text, ...p.notes.map((n) => `${notePrefix}${n}`)].join('\n'));
  return [summary.title, ...blocks].join('\n\n');
}

export interface SummaryPanelProps {
  readonly report: ReturnReport | null;
  readonly template: Template;
  readonly lang: Lang;
  /** Clipboard writer; tests and hosts may pass their own. */
  readonly copy?: (text: string) => Promise<void>;
}

/** The 摘要 tab: the figures summary drafted from the last check, a paragraph a block, with copy buttons. */
export function SummaryPanel({ report, template, lang, copy = copyToClipboard }: SummaryPanelProps) {
  const styles = useSummaryPanelStyles();
  const strings = summaryStrings(lang);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const summary = useMemo(() => (report ? draftSummary(report, template, lang) : null), [report, template, lang]);

  if (!summary) return <p className={styles.intro}>{strings.noReport}</p>;

  const doCopy = (text: string) => {
    copy(text).then(
      () => setStatus({ ok: true, text: strings.copied }),
      () => setStatus({ ok: false, text: strings.copyFailed }),
    );
  };

  return (
    <PaneSection level="panel" title={summary.title} intro={strings.summaryIntro}>
      <div className={styles.toolbar}>
        <Button appearance="primary" icon={<Copy20Regular />} onClick={() => doCopy(shownText(summary, strings.notePrefix))}>
          {strings.copyAll}
        </Button>
      </div>
      {status && (
        <MessageBar intent={status.ok ? 'success' : 'warning'} layout="multiline">
          <MessageBarBody role="status">{status.text}</MessageBarBody>
        </MessageBar>
      )}
      {summary.paragraphs.map((p) => (
        <article key={p.sheet} className={styles.paragraph} aria-label={p.heading}>
          <div className={styles.headingRow}>
            <h3 className={styles.heading}>{p.heading}</h3>
            <Button
              appearance="subtle"
              size="small"
              icon={<CopyRegular />}
              aria-label={strings.copyParagraph(p.heading)}
              title={strings.copyParagraph(p.heading)}
              onClick={() => doCopy(p.text)}
            />
          </div>
          <p className={styles.text}>{p.text}</p>
          {p.notes.length > 0 && (
            <ul className={styles.notes} aria-label={strings.notesLabel}>
              {p.notes.map((n) => (
                <li key={n}>
                  {strings.notePrefix}
                  {n}
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </PaneSection>
  );
}
