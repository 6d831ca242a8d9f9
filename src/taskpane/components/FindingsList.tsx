import { Button, Switch, Tab, TabList, mergeClasses } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular, ErrorCircle16Filled, Info16Filled, Warning16Filled } from '@fluentui/react-icons';
import { memo, useId, useMemo, useState } from 'react';
import type { Finding, Severity } from '../../engine/findings';
import type { Counts, UiStrings } from '../i18n';
import { useFindingsListStyles } from './FindingsList.styles';

export type SeverityFilter = 'all' | Severity;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Rows shown per sheet before a "show the rest" button: a badly broken return can yield thousands of findings. */
export const GROUP_LIMIT = 100;

/** A rule found this often on one sheet is shown as one expandable line (a blank return: "28 项…未填写"). */
export const BUNDLE_MIN = 5;

export type GroupItem = { kind: 'one'; finding: Finding } | { kind: 'bundle'; rule: string; findings: Finding[] };

/** A sheet's findings with each rule found BUNDLE_MIN times or more gathered where it first appears. */
export function bundleByRule(findings: readonly Finding[]): GroupItem[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const out: GroupItem[] = [];
  const placed = new Set<string>();
  for (const f of findings) {
    const same = byRule.get(f.rule)!;
    if (same.length < BUNDLE_MIN) out.push({ kind: 'one', finding: f });
    else if (!placed.has(f.rule)) {
      placed.add(f.rule);
      out.push({ kind: 'bundle', rule: f.rule, findings: same });
    }
  }
  return out;
}

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
  /** Whether the rule id shows under the message (on request: it is jargon for staff); it is the tooltip always. */
  readonly showRule: boolean;
}

/** One finding as a button: severity icon, cell, message and, on request, the dimmed rule id. Memoised: filtering keeps rows. */
const FindingRow = memo(function FindingRow({ finding: f, strings, onSelect, showRule }: FindingRowProps) {
  const styles = useFindingsListStyles();
  return (
    <button
      type="button"
      className={styles.row}
      onClick={() => onSelect(f)}
      data-severity={f.severity}
      data-rule={f.rule}
      title={f.rule}
    >
      <span className={mergeClasses(styles.icon, styles[f.severity])} aria-hidden="true">
        <SeverityIcon severity={f.severity} />
      </span>
      {/* The accessible name is the visible text with severity and sheet before it (WCAG 2.5.3: name contains label). */}
      <span className={styles.visuallyHidden}>{strings.findingRowPrefix(strings.severityOne[f.severity], f.sheet)}</span>
      <span className={mergeClasses(styles.cell, f.cell === null && styles.wholeSheet)}>{f.cell ?? strings.wholeSheet}</span>{' '}
      <span className={styles.text}>
        <span className={styles.message}>{f.message}</span>
        {showRule && (
          <>
            {' '}
            <span className={styles.rule}>{f.rule}</span>
          </>
        )}
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
  const groups = useMemo(
    () => groupBySheet(shown, sheetOrder).map((g) => ({ ...g, items: bundleByRule(g.findings) })),
    [shown, sheetOrder],
  );
  // A row keeps its key across filters (its place in the whole list), so switching severity only adds and removes.
  const keys = useMemo(() => new Map(findings.map((f, i) => [f, i])), [findings]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  /** Bundles opened, by sheet and rule. */
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set());
  const [showRule, setShowRule] = useState(false);
  const row = (f: Finding) => (
    <li key={keys.get(f)}>
      <FindingRow finding={f} strings={strings} onSelect={onSelect} showRule={showRule} />
    </li>
  );

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {strings.findingsTitle}
      </h2>
      <TabList
        size="small"
        className={styles.filters}
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
      <Switch
        className={styles.ruleSwitch}
        checked={showRule}
        onChange={(_, d) => setShowRule(d.checked)}
        label={strings.showRuleIds}
      />
      {groups.length === 0 ? (
        <p className={styles.empty} role="note">
          {filter === 'all' ? strings.noFindings : strings.noFindingsOfSeverity(strings.severity[filter])}
        </p>
      ) : (
        groups.map((g) => (
          <section key={g.sheet} className={styles.group} aria-label={strings.sheetGroupLabel(g.sheet, g.findings.length)}>
            <h3 className={styles.groupHeading}>{strings.sheetGroupLabel(g.sheet, g.findings.length)}</h3>
            <ul className={styles.list}>
              {(expanded.has(g.sheet) ? g.items : g.items.slice(0, GROUP_LIMIT)).map((item) => {
                if (item.kind === 'one') return row(item.finding);
                const id = `${g.sheet}\u0000${item.rule}`;
                const open = opened.has(id);
                const first = item.findings[0]!;
                return (
                  <li key={`bundle:${item.rule}`} className={styles.bundle}>
                    <button
                      type="button"
                      className={styles.bundleRow}
                      aria-expanded={open}
                      data-bundle={item.rule}
                      title={item.rule}
                      onClick={() =>
                        setOpened((o) => {
                          const next = new Set(o);
                          if (open) next.delete(id);
                          else next.add(id);
                          return next;
                        })
                      }
                    >
                      <span className={mergeClasses(styles.icon, styles[first.severity])} aria-hidden="true">
                        <SeverityIcon severity={first.severity} />
                      </span>
                      <span className={styles.text}>
                        <span className={styles.bundleTitle}>{strings.bundleTitle(item.findings.length, strings.severityOne[first.severity])}</span>
                        <span className={styles.message}>{strings.bundleExample(first.message)}</span>
                        {showRule && <span className={styles.rule}>{item.rule}</span>}
                      </span>
                      <span className={styles.icon} aria-hidden="true">
                        {open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
                      </span>
                    </button>
                    {open && (
                      <ul className={mergeClasses(styles.list, styles.bundleList)}>
                        {(expanded.has(id) ? item.findings : item.findings.slice(0, GROUP_LIMIT)).map(row)}
                      </ul>
                    )}
                    {open && !expanded.has(id) && item.findings.length > GROUP_LIMIT && (
                      <Button appearance="subtle" size="small" className={styles.more} onClick={() => setExpanded((e) => new Set(e).add(id))}>
                        {strings.showMore(item.findings.length - GROUP_LIMIT)}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
            {!expanded.has(g.sheet) && g.items.length > GROUP_LIMIT && (
              <Button
                appearance="subtle"
                size="small"
                className={styles.more}
                onClick={() => setExpanded((e) => new Set(e).add(g.sheet))}
              >
                {strings.showMore(g.items.slice(GROUP_LIMIT).reduce((n, i) => n + (i.kind === 'one' ? 1 : i.findings.length), 0))}
              </Button>
            )}
          </section>
        ))
      )}
    </section>
  );
}
