import { ProgressBar, mergeClasses } from '@fluentui/react-components';
import { useId } from 'react';
import type { ReturnReport } from '../../engine/report';
import { formatPercent, type UiStrings } from '../i18n';
import { useCompletenessStyles } from './Completeness.styles';

export interface CompletenessProps {
  readonly completeness: ReturnReport['completeness'];
  readonly strings: UiStrings;
}

interface BarProps {
  readonly label: string;
  readonly fraction: number;
  readonly strings: UiStrings;
  readonly emphasis?: boolean;
}

function Bar({ label, fraction, strings, emphasis }: BarProps) {
  const styles = useCompletenessStyles();
  const percent = formatPercent(fraction);
  return (
    <li className={styles.item}>
      <div className={mergeClasses(styles.labelRow, emphasis && styles.overallLabel)}>
        <span>{label}</span>
        <span className={styles.percent}>{percent}</span>
      </div>
      <ProgressBar
        value={Math.max(0, Math.min(1, fraction))}
        max={1}
        thickness={emphasis ? 'large' : 'medium'}
        color={fraction >= 1 ? 'success' : 'brand'}
        aria-label={`${strings.completenessOf(label)} ${percent}`}
        aria-valuetext={percent}
      />
    </li>
  );
}

/** Filled required cells over required cells, overall and per sheet (spec section 4, completeness). */
export function Completeness({ completeness, strings }: CompletenessProps) {
  const styles = useCompletenessStyles();
  const headingId = useId();
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {strings.completenessTitle}
      </h2>
      <ul className={styles.list}>
        <Bar label={strings.overall} fraction={completeness.overall} strings={strings} emphasis />
        {completeness.detail.map((d) => (
          <Bar key={d.sheet} label={d.sheet} fraction={d.fraction} strings={strings} />
        ))}
      </ul>
    </section>
  );
}
