import { useId, type ReactNode } from 'react';
import { usePaneSectionStyles } from './PaneSection.styles';

export interface PaneSectionProps {
  readonly title: ReactNode;
  /** The grey introduction under the heading; none when absent. */
  readonly intro?: ReactNode;
  /** `panel`: a tab's panel; `part`: a part of one (a picker). */
  readonly level: 'panel' | 'part';
  readonly children?: ReactNode;
}

/** A section of the pane named by its heading (`aria-labelledby`), with an optional introduction, then its content. */
export function PaneSection({ title, intro, level, children }: PaneSectionProps) {
  const styles = usePaneSectionStyles();
  const headingId = useId();
  return (
    <section className={level === 'panel' ? styles.panel : styles.part} aria-labelledby={headingId}>
      <h2 id={headingId} className={level === 'panel' ? styles.panelHeading : styles.partHeading}>
        {title}
      </h2>
      {intro !== undefined && <p className={styles.intro}>{intro}</p>}
      {children}
    </section>
  );
}
