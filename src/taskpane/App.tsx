import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  ToggleButton,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular, Dismiss20Regular, Highlight20Regular, TableEdit20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Finding, Lang } from '../engine/findings';
import type { Template } from '../engine/template/schema';
import { useAppStyles } from './App.styles';
import { Completeness } from './components/Completeness';
import { DiagnosisPanel } from './components/DiagnosisPanel';
import { diagnosisStrings } from './components/diagnosis-strings';
import { FindingsList } from './components/FindingsList';
import { Header } from './components/Header';
import { IndicatorProgress } from './components/IndicatorProgress';
import { PreviousReturn, type PickedPrevious, type ReadWorkbook } from './components/PreviousReturn';
import { SummaryPanel } from './components/SummaryPanel';
import { summaryStrings } from './components/summary-strings';
import { HostError, type CheckOutcome, type WorkbookHost } from './host';
import { uiStrings } from './i18n';
import { TemplatePicker } from './components/TemplatePicker';
import {
  browserMemory,
  followStamp,
  remembered,
  resolveTemplate,
  type AppliedTemplate,
  type TemplateMemory,
  type TemplateProblem,
} from './applied-template';

export interface AppProps {
  /** The workbook: Office.js in Excel, a fake in tests, an in-memory workbook in the preview. */
  readonly host: WorkbookHost;
  /**
   * The standard template: applied unless the return carries its own, the user loaded one, or the return's stamp names
   * another shipped version (applied-template.ts).
   */
  readonly template: Template;
  /** Where a loaded template is remembered (the browser's storage by default). */
  readonly memory?: TemplateMemory;
  /** UI and finding-message language; zh-CN unless told otherwise. */
  readonly lang?: Lang;
  /** How a picked previous return is read; the web page reads it in its worker. Default: the xlsx reader, lazily. */
  readonly readWorkbook?: ReadWorkbook;
}

type Task = 'check' | 'fill' | 'mark' | 'clear';

const messageOf = (e: unknown, lang: Lang): string =>
  e instanceof HostError ? uiStrings(lang).hostProblem(e.problem) : (e instanceof Error ? e.message : String(e)) || String(e);

/** The sheets in the order their findings are shown: the workbook's own order, then the template's. */
/** The close button of a pane message. */
function DismissAction({ label, onDismiss }: { readonly label: string; readonly onDismiss: () => void }) {
  return <Button appearance="transparent" aria-label={label} icon={<Dismiss20Regular />} onClick={onDismiss} />;
}

function sheetOrder(outcome: CheckOutcome, template: Template): string[] {
  const t = template.sheets;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of [...outcome.sheetNames, t.cover, ...t.data.map((d) => d.name), t.twoPlan, t.summary]) {
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out;
}

/** The task pane: checks the open workbook on load, lists findings, fills formulas and 汇总, marks problem cells. */
export function App({ host, template: standard, lang = 'zh-CN', memory = browserMemory, readWorkbook }: AppProps) {
  const styles = useAppStyles();
  const strings = uiStrings(lang);
  // A host that cannot read the return's own template sheet starts checking at once, with what the pane knows.
  const [applied, setApplied] = useState<AppliedTemplate>(() => remembered(standard, memory));
  const [templateProblem, setTemplateProblem] = useState<TemplateProblem | null>(null);
  const template = applied.template;
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);
  const [task, setTask] = useState<Task | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [marked, setMarked] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  /** What the last task did, shown until the next one starts (the live region says it too). */
  const [done, setDone] = useState<{ task: Task; text: string } | null>(null);
  const [tab, setTab] = useState<'check' | 'summary' | 'diagnosis'>('check');
  const [previous, setPrevious] = useState<PickedPrevious | null>(null);
  const mounted = useRef(true);
  const running = useRef(false);
  /** Whether the workbook carries our marks now (a ref too, so a re-check can refresh them without re-creating `check`). */
  const markedRef = useRef(false);
  const setMarks = (on: boolean) => {
    markedRef.current = on;
    if (mounted.current) setMarked(on);
  };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Runs one host task at a time; a failure shows in the error bar, never silently. */
  const run = useCallback(async (kind: Task, work: () => Promise<string>) => {
    if (running.current) return;
    running.current = true;
    setTask(kind);
    setError(null);
    setDone(null);
    try {
      const said = await work();
      if (mounted.current) {
        setAnnouncement(said);
        setDone({ task: kind, text: said });
      }
    } catch (e) {
      if (mounted.current) setError(messageOf(e, lang));
    } finally {
      running.current = false;
      if (mounted.current) setTask(null);
    }
  }, [lang]);

  const checkOptions = useMemo(() => (previous ? { previous: previous.view } : undefined), [previous]);

  /** The applied template for the check in flight (a ref, so following a stamp does not start a second check). */
  const appliedRef = useRef<AppliedTemplate>(applied);
  appliedRef.current = applied;
  const followedStamp = useRef(false);
  /** Whether the workbook was asked for the template it carries (once, by the first check, in the same task). */
  const askedCarried = useRef(false);

  const check = useCallback(async () => {
    let use = appliedRef.current;
    let problem: TemplateProblem | null = null;
    if (!askedCarried.current && host.readSheet) {
      askedCarried.current = true;
      const r = await resolveTemplate(host, standard, memory);
      problem = r.problem;
      if (r.applied.source === 'embedded') use = r.applied;
    }
    // Marks follow the findings: while marked, a re-check (or the one after a fill) marks the cells now at fault,
    // found by the same read that checks them.
    const read = (t: Template) => (markedRef.current ? host.highlight(t, lang, checkOptions) : host.check(t, lang, checkOptions));
    let result = await read(use.template);
    // A return stamped with another shipped version is checked again with it, in the same task.
    const next = followStamp(use, result.report.stamp);
    if (next && 'template' in next) {
      use = next;
      result = await read(next.template);
    }
    if (use !== appliedRef.current) {
      appliedRef.current = use;
      followedStamp.current = true;
      if (mounted.current) setApplied(use);
    }
    if (mounted.current) {
      setTemplateProblem(problem ?? (next && !('template' in next) ? next : null));
      setOutcome(result);
    }
    return uiStrings(lang).announceChecked(result.report.counts);
  }, [host, lang, checkOptions, standard, memory]);

  useEffect(() => {
    if (followedStamp.current) {
      followedStamp.current = false;
      return;
    }
    void run('check', check);
  }, [run, check, applied]);

  const onLoadTemplate = (loaded: Template, json: string) => {
    memory.save(json);
    setTemplateProblem(null);
    setApplied({ template: loaded, source: 'loaded' });
  };
  const onForgetTemplate = () => {
    memory.save(null);
    setApplied({ template: standard, source: 'standard' });
  };

  const onCheck = () => void run('check', check);

  const onFill = () =>
    void run('fill', async () => {
      await host.fill(template);
      // Formulas and 汇总 change what a check sees; show the workbook as it now is.
      await check();
      return strings.announceFilled;
    });

  const onToggleMarks = () => {
    if (marked) {
      void run('clear', async () => {
        await host.clearHighlights();
        setMarks(false);
        return strings.announceCleared;
      });
    } else {
      void run('mark', async () => {
        // The check the marks were placed from: the workbook as it is now, not the list shown since the last check.
        const result = await host.highlight(template, lang, checkOptions);
        if (mounted.current) setOutcome(result);
        setMarks(true);
        const cells = new Set(result.findings.filter((f) => f.cell).map((f) => `${f.sheet}!${f.cell}`));
        return strings.announceMarked(cells.size);
      });
    }
  };

  const onSelect = useCallback(
    (f: Finding) => {
      host.select(f.sheet, f.cell).catch((e: unknown) => {
        if (mounted.current) setError(messageOf(e, lang));
      });
    },
    [host, lang],
  );

  const onOpenSummary = () => {
    host.select(template.sheets.summary, null).catch((e: unknown) => {
      if (mounted.current) setError(messageOf(e, lang));
    });
  };

  const order = useMemo(() => (outcome ? sheetOrder(outcome, template) : []), [outcome, template]);
  const report = outcome?.report ?? null;
  const busy = task !== null;

  return (
    <main className={styles.root} lang={lang} aria-busy={busy}>
      <Header template={template} source={applied.source} report={report} strings={strings} lang={lang} />

      {/* Sticky: the actions stay in reach however far the findings scroll (the pane is 320–360 px wide). */}
      <div className={styles.actions} role="group" aria-label={strings.actionsLabel} data-testid="pane-actions">
        <Button appearance="primary" icon={<ArrowClockwise20Regular />} onClick={onCheck} disabled={busy}>
          {strings.checkAgain}
        </Button>
        <Button icon={<TableEdit20Regular />} onClick={onFill} disabled={busy || !outcome}>
          {strings.fill}
        </Button>
        <ToggleButton
          icon={<Highlight20Regular />}
          checked={marked}
          onClick={onToggleMarks}
          disabled={busy || (!marked && !outcome)}
        >
          {marked ? strings.clearMarks : strings.mark}
        </ToggleButton>
      </div>

      {task && (
        <div className={styles.busy}>
          <Spinner size="tiny" label={strings.busy[task]} />
        </div>
      )}

      {error !== null && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.errorTitle}</MessageBarTitle>
            {error}
          </MessageBarBody>
          <MessageBarActions containerAction={<DismissAction label={strings.dismiss} onDismiss={() => setError(null)} />} />
        </MessageBar>
      )}

      {done !== null && error === null && (
        <MessageBar intent="success" layout="multiline" data-testid="pane-done">
          <MessageBarBody>{done.text}</MessageBarBody>
          <MessageBarActions
            containerAction={<DismissAction label={strings.dismiss} onDismiss={() => setDone(null)} />}
          >
            {done.task === 'fill' && <Button onClick={onOpenSummary}>{strings.openSummary(template.sheets.summary)}</Button>}
          </MessageBarActions>
        </MessageBar>
      )}

      {templateProblem !== null && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{strings.templateProblem(templateProblem)}</MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.visuallyHidden} role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>

      <TabList
        selectedValue={tab}
        onTabSelect={(_, d) => setTab(d.value === 'summary' || d.value === 'diagnosis' ? d.value : 'check')}
        aria-label={summaryStrings(lang).tabsLabel}
      >
        <Tab value="check">{summaryStrings(lang).tabCheck}</Tab>
        <Tab value="summary">{summaryStrings(lang).tabSummary}</Tab>
        <Tab value="diagnosis">{diagnosisStrings(lang).tab}</Tab>
      </TabList>

      {tab === 'summary' && <SummaryPanel report={report} template={template} lang={lang} />}
      {tab === 'diagnosis' && <DiagnosisPanel diagnose={() => host.diagnose()} lang={lang} disabled={busy} />}

      {tab === 'check' && report && outcome && (
        <>
          <Completeness completeness={report.completeness} strings={strings} />
          <FindingsList findings={outcome.findings} sheetOrder={order} strings={strings} onSelect={onSelect} />
          <IndicatorProgress
            indicators={report.indicators}
            behindStatus={template.progress.statuses.behind}
            strings={strings}
          />
          <PreviousReturn
            template={template}
            lang={lang}
            current={report}
            previous={previous}
            onChange={setPrevious}
            disabled={busy}
            read={readWorkbook}
          />
          {applied.source !== 'embedded' && (
            <TemplatePicker source={applied.source} strings={strings} disabled={busy} onLoad={onLoadTemplate} onForget={onForgetTemplate} />
          )}
        </>
      )}
    </main>
  );
}
