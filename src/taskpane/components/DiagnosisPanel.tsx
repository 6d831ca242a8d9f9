import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { Copy20Regular, Stethoscope20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Lang } from '../../engine/findings';
import type { Diagnosis } from '../host';
import { diagnosisStrings, diagnosisText } from './diagnosis-strings';
import { PaneSection } from './PaneSection';
import { useDiagnosisPanelStyles } from './DiagnosisPanel.styles';
import { copyToClipboard } from './SummaryPanel';

export interface DiagnosisPanelProps {
  /** The host's self-test (WorkbookHost.diagnose): Excel's, or WPS's. */
  readonly diagnose: () => Promise<Diagnosis>;
  readonly lang: Lang;
  /** Disabled while another task runs on the workbook. */
  readonly disabled?: boolean;
  readonly copy?: (text: string) => Promise<void>;
}

/** The 诊断 tab: runs the host's self-test, lists each step's result, and copies it as text for a support message. */
export function DiagnosisPanel({ diagnose, lang, disabled = false, copy = copyToClipboard }: DiagnosisPanelProps) {
  const styles = useDiagnosisPanelStyles();
  const s = diagnosisStrings(lang);
  const [result, setResult] = useState<{ diagnosis: Diagnosis; text: string } | null>(null);
  const [running, setRunning] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const run = () => {
    setRunning(true);
    setStatus(null);
    diagnose().then(
      (diagnosis) => setResult({ diagnosis, text: diagnosisText(diagnosis, lang) }),
      (e: unknown) => setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) }),
    ).finally(() => setRunning(false));
  };

  const steps = result?.diagnosis.steps ?? [];
  return (
    <PaneSection level="panel" title={s.tab} intro={s.intro}>
      <div className={styles.toolbar}>
        <Button appearance="primary" icon={<Stethoscope20Regular />} onClick={run} disabled={disabled || running}>
          {s.run}
        </Button>
        {result && (
          <Button
            icon={<Copy20Regular />}
            onClick={() =>
              copy(result.text).then(
                () => setStatus({ ok: true, text: s.copied }),
                () => setStatus({ ok: false, text: s.copyFailed }),
              )
            }
          >
            {s.copy}
          </Button>
        )}
        {running && <Spinner size="tiny" label={s.running} />}
      </div>
      {status && (
        <MessageBar intent={status.ok ? 'success' : 'warning'} layout="multiline">
          <MessageBarBody role="status">{status.text}</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <>
          <p role="status">{s.passed(steps.filter((x) => x.ok).length, steps.length)}</p>
          <ol className={styles.steps}>
            {steps.map((x) => (
              <li key={x.id} data-step={x.id} data-ok={x.ok}>
                <span className={x.ok ? styles.ok : styles.failed}>{x.ok ? '✓' : '✗'} </span>
                {s.steps[x.id]}（{x.ok ? s.ok : s.failed}）
                <span className={styles.detail}>{x.detail}</span>
              </li>
            ))}
          </ol>
          <pre className={styles.text} aria-label={s.copy}>
            {result.text}
          </pre>
        </>
      )}
    </PaneSection>
  );
}
