import { Button, Tab, TabList, mergeClasses } from '@fluentui/react-components';
import { ErrorCircle16Filled, Info16Filled, Warning16Filled } from '@fluentui/react-icons';
import { memo, useId, useMemo, useState } from 'react';
import type { Finding, Severity } from '../../engine/findings';
import type { Counts, UiStrings } from '../i18n';
import { useFindingsListStyles } from './FindingsList.styles';

export type SeverityFilter = 'all' | Severity;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Rows shown per sheet before a "show the rest" button: a badly broken return can yield thousands of findings. */
export const GROUP_LIMIT = 100;

export interface FindingsListProps {
  readonly findings: readonly Finding[];
  /** Sheet names in the order their groups appear; sheets not listed follow in order of first finding. */
  readonly sheetOrder: readonly string[];
  readonly strings: UiStrings;
  readonly onSelect: (finding: Finding) => void;
}

export function countBySeverity(findings: readonly Finding[]): Counts {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Findings grouped by sheet (groups in `sheetOrder`, findings in the engine's order within a group). */
export function groupBySheet(
  findings: readonly Finding[],
  sheetOrder: readonly string[],
): { sheet: string; findings: Finding[] }[] {
  const groups = new Map<string, Finding[]>();
  for (const s of sheetOrder) groups.set(s, []);
  for (const f of findings) {
    const g = groups.get(f.sheet);
    if (g) g.push(f);
    else groups.set(f.sheet, [f]);
  }
  return [...groups].filter(([, fs]) => fs.length > 0).map(([sheet, fs]) => ({ sheet, findings: fs }));
}

function SeverityIcon({ severity }: { severity: Severity }) {
  switch (severity) {
    case 'error':
      return <ErrorCircle16Filled />;
    case 'warning':
      return <Warning16Filled />;
    case 'info':
      return <Info16Filled />;
  }
}

interface FindingRowProps {
  readonly finding: Finding;
  readonly strings: UiStrings;
  readonly onSelect: (finding: Finding) => void;
}

/** One finding as a button: severity icon, cell, message and the dimmed rule id. Memoised: filtering keeps rows. */
const FindingRow = memo(function FindingRow({ finding: f, strings, onSelect }: FindingRowProps) {
  const styles = useFindingsListStyles();
  return (
    <button
      type="button"
      className={styles.row}
      onClick={() => onSelect(f)}
      data-severity={f.severity}
    >
      <span className={mergeClasses(styles.icon, styles[f.severity])} aria-hidden="true">
        <SeverityIcon severity={f.severity} />
      </span>
      {/* The accessible name is the visible text with severity and sheet before it (WCAG 2.5.3: name contains label). */}
      <span className={styles.visuallyHidden}>{strings.findingRowPrefix(strings.severityOne[f.severity], f.sheet)}</span>
      <span className={mergeClasses(styles.cell, f.cell === null && styles.wholeSheet)}>{f.cell ?? strings.wholeSheet}</span>{' '}
      <span className={styles.text}>
        <span className={styles.message}>{f.message}</span>{' '}
        <span className={styles.rule}>{f.rule}</span>
      </span>
    </button>
  );
});

export function FindingsList({ findings, sheetOrder, strings, onSelect }: FindingsListProps) {
  const styles = useFindingsListStyles();
  const headingId = useId();
  const [filter, setFilter] = useState<SeverityFilter>('all');
  const counts = useMemo(() => countBySeverity(findings), [findings]);
  const shown = useMemo(
    () => (filter === 'all' ? findings : findings.filter((f) => f.severity === filter)),
    [findings, filter],
  );
  const groups = useMemo(() => groupBySheet(shown, sheetOrder), [shown, sheetOrder]);
  // A row keeps its key across filters (its place in the whole list), so switching severity only adds and removes.
  const keys = useMemo(() => new Map(findings.map((f, i) => [f, i])), [findings]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {strings.findingsTitle}
      </h2>
      <TabList
        size="small"
        selectedValue={filter}
        onTabSelect={(_, data) => setFilter(data.value as SeverityFilter)}
        aria-label={strings.severityFilterLabel}
      >
        <Tab value="all">{`${strings.all} (${findings.length})`}</Tab>
        {SEVERITIES.map((s) => (
          <Tab key={s} value={s}>
            {`${strings.severity[s]} (${counts[s]})`}
          </Tab>
        ))}
      </TabList>
      {groups.length === 0 ? (
        <p className={styles.empty} role="note">
          {filter === 'all' ? strings.noFindings : strings.noFindingsOfSeverity(strings.severity[filter])}
        </p>
      ) : (
        groups.map((g) => (
          <section key={g.sheet} className={styles.group} aria-label={strings.sheetGroupLabel(g.sheet, g.findings.length)}>
            <h3 className={styles.groupHeading}>{strings.sheetGroupLabel(g.sheet, g.findings.length)}</h3>
            <ul className={styles.list}>
              {(expanded.has(g.sheet) ? g.findings : g.findings.slice(0, GROUP_LIMIT)).map((f) => (
                <li key={keys.get(f)}>
                  <FindingRow finding={f} strings={strings} onSelect={onSelect} />
                </li>
              ))}
            </ul>
            {!expanded.has(g.sheet) && g.findings.length > GROUP_LIMIT && (
              <Button
                appearance="subtle"
                size="small"
                className={styles.more}
                onClick={() => setExpanded((e) => new Set(e).add(g.sheet))}
              >
                {strings.showMore(g.findings.length - GROUP_LIMIT)}
              </Button>
            )}
          </section>
        ))
      )}
    </section>
  );
}
