import { mergeClasses } from '@fluentui/react-components';
import type { Lang } from '../../engine/findings';
import type { ReturnReport } from '../../engine/report';
import type { Template } from '../../engine/template/schema';
import type { TemplateSource } from '../applied-template';
import type { UiStrings } from '../i18n';
import { useHeaderStyles } from './Header.styles';

export interface HeaderProps {
  readonly template: Template;
  /** Where the applied template came from: said beside its line unless it is the standard one. */
  readonly source?: TemplateSource;
  /** The last check's report, or null before the first check. */
  readonly report: ReturnReport | null;
  readonly strings: UiStrings;
  /** The language the template's title is shown in. */
  readonly lang?: Lang;
}

/** Cover text shown at most this long: a unit typed as a megabyte of text must not stall the pane's layout. */
const SHOWN_CHARS = 120;
const clip = (s: string): string => (s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS)}…` : s);

/** Which template is in force, and the unit and period the workbook declares on its cover. */
export function Header({ template, source = 'standard', report, strings, lang = 'zh-CN' }: HeaderProps) {
  const styles = useHeaderStyles();
  // Staff know the template by its title; its id stays in the CLI's and JSON's output.
  const title = template.title[lang];
  const version = report?.template.version ?? template.version;
  const fact = (label: string, value: string | null | undefined) => (
    <>
      <dt className={styles.term}>{label}</dt>
      <dd className={mergeClasses(styles.value, report !== null && !value && styles.missing)}>
        {report ? (value ? clip(value) : strings.notFilled) : strings.notChecked}
      </dd>
    </>
  );
  return (
    <header className={styles.root}>
      <h1 className={styles.title}>{strings.appTitle}</h1>
      <p className={styles.templateRow}>
        <span className={styles.template}>{strings.templateLine(title, version)}</span>
        {source !== 'standard' && <span className={styles.template}>{strings.templateSource[source]}</span>}
      </p>
      <dl className={styles.facts}>
        {fact(strings.unitLabel, report?.unit)}
        {fact(strings.periodLabel, report?.periodText)}
      </dl>
    </header>
  );
}
