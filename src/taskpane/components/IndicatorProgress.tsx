import { ProgressBar, mergeClasses } from '@fluentui/react-components';
import { useId } from 'react';
import { formatPercent } from '../../engine/display';
import type { IndicatorFigures } from '../../engine/report';
import type { UiStrings } from '../i18n';
import { useIndicatorProgressStyles } from './IndicatorProgress.styles';

export interface IndicatorProgressProps {
  readonly indicators: readonly IndicatorFigures[];
  /** The template's label for an indicator behind the time progress (`滞后序时进度`). */
  readonly behindStatus: string;
  readonly strings: UiStrings;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** For each `plan` indicator: 完成年计划(%) as a bar, with a mark at 序时进度; those behind are highlighted. */
export function IndicatorProgress({ indicators, behindStatus, strings }: IndicatorProgressProps) {
  const styles = useIndicatorProgressStyles();
  const headingId = useId();
  const planned = indicators.filter((f) => f.indicator.plan);
  if (planned.length === 0) return null;
  const behindCount = planned.filter((f) => f.progressStatus === behindStatus).length;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {strings.progressTitle}
      </h2>
      {behindCount > 0 && <p className={styles.summary}>{strings.behindCount(behindCount)}</p>}
      <ul className={styles.list}>
        {planned.map((f) => {
          const { code, name } = f.indicator;
          const behind = f.progressStatus === behindStatus;
          const pct = f.percentOfPlan;
          const pctText = pct === null ? strings.noPlan : formatPercent(pct);
          const timeText = f.timeProgress === null ? '—' : formatPercent(f.timeProgress);
          return (
            <li
              key={code}
              className={mergeClasses(styles.item, behind && styles.behindItem)}
              data-indicator={code}
              data-behind={behind ? 'true' : 'false'}
            >
              <div className={styles.labelRow}>
                <span className={styles.name}>{`${code} ${name}`}</span>
                <span
                  className={mergeClasses(styles.percent, behind && styles.behindText, pct === null && styles.noPlan)}
                >
                  {behind ? `${pctText} · ${strings.behind}` : pctText}
                </span>
              </div>
              <div className={styles.track}>
                <ProgressBar
                  value={pct === null ? 0 : clamp01(pct)}
                  max={1}
                  thickness="large"
                  color={behind ? 'warning' : pct !== null && pct >= 1 ? 'success' : 'brand'}
                  aria-label={strings.indicatorProgressLabel(code, name, pctText, timeText)}
                  aria-valuetext={pctText}
                />
                {f.timeProgress !== null && (
                  <span
                    className={styles.marker}
                    style={{ left: `${clamp01(f.timeProgress) * 100}%` }}
                    title={strings.timeProgressLabel(timeText)}
                    aria-hidden="true"
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
