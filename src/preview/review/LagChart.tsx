/**
 * Who is behind: one row per return, one box per plan indicator coloured by its status against time progress, so
 * every lagging indicator of every unit shows (no average to hide them). Units with the most behind come first.
 */
import { mergeClasses } from '@fluentui/react-components';
import type { ReviewRow } from '../../cli/report/model';
import { formatPercent } from '../../engine/display';
import type { Template } from '../../engine/template/schema';
import type { ReviewStrings } from './strings';
import { useReviewStyles } from './ReviewView.styles';

export interface LagChartProps {
  readonly rows: readonly ReviewRow[];
  readonly template: Template;
  readonly strings: ReviewStrings;
}

/** The engine's one display rounding, as the .xlsx report shows it under 0.00% (79.675% → 79.68%). */
const pct = (f: number | null): string => (f === null ? '—' : formatPercent(f, 2));

export function LagChart({ rows, template, strings }: LagChartProps) {
  const styles = useReviewStyles();
  const names = new Map(template.indicators.map((i) => [i.code, i.name]));
  const shown = rows.filter((r) => r.error === null).slice().sort((a, b) => b.behind - a.behind || (a.path < b.path ? -1 : 1));
  const tp = shown.find((r) => r.timeProgress !== null)?.timeProgress ?? null;
  return (
    <section className={styles.section} aria-labelledby="lag-chart-heading">
      <h2 id="lag-chart-heading" className={styles.heading}>
        {strings.chartHeading}
      </h2>
      <p className={styles.note}>{strings.chartNote(pct(tp))}</p>
      <ul className={styles.chart} data-testid="lag-chart">
        {shown.map((r) => {
          const unit = r.unit ?? r.file;
          return (
            <li key={r.path} className={styles.chartRow} aria-label={strings.chartRow(unit, r.behind, r.plans.length)} data-unit={unit} data-behind={r.behind}>
              <span className={styles.chartLabel} aria-hidden="true" title={unit}>
                {unit.length > 40 ? `${unit.slice(0, 40)}…` : unit}
              </span>
              <span className={styles.boxes} aria-hidden="true">
                {r.plans.map((p) => (
                  <span
                    key={p.code}
                    title={`${p.code} ${names.get(p.code) ?? ''}：${pct(p.percent)}`}
                    className={mergeClasses(
                      styles.box,
                      p.status === 'behind' ? styles.behind : p.status === 'no-plan' ? styles.noPlan : styles.onTrack,
                    )}
                  />
                ))}
              </span>
              <span className={mergeClasses(styles.count, r.behind > 0 && styles.bad)} aria-hidden="true">
                {r.behind}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
