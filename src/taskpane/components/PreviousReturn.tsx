import { Button, Spinner } from '@fluentui/react-components';
import { Dismiss16Regular, History20Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { checkReturn } from '../../engine/check';
import type { Lang } from '../../engine/findings';
import type { ReturnReport } from '../../engine/report';
import type { Template } from '../../engine/template/schema';
import { comparePeriods } from '../../engine/validate/revisions';
import type { WorkbookView } from '../../engine/workbook';
import { summaryStrings } from './summary-strings';
import { FilePickerInput } from './FilePickerInput';
import { PaneSection } from './PaneSection';
import { usePreviousReturnStyles } from './PreviousReturn.styles';

/** The previous quarter's return the user picked, read in the browser (the file never leaves it). */
export interface PickedPrevious {
  readonly fileName: string;
  readonly view: WorkbookView;
  /** 报告期 as typed in the previous return. */
  readonly periodText: string;
}

/** .xlsx bytes → a WorkbookView. The default loads the xlsx reader only when a file is picked (its own bundle chunk). */
export type ReadWorkbook = (bytes: Uint8Array) => Promise<WorkbookView>;

const readWithXlsx: ReadWorkbook = async (bytes) => (await import('../../xlsx')).readXlsx(bytes).then((w) => w.view);

export interface PreviousReturnProps {
  readonly template: Template;
  readonly lang: Lang;
  /** The open workbook's last check: the previous return must be the same unit's, one quarter earlier. */
  readonly current: ReturnReport | null;
  readonly previous: PickedPrevious | null;
  readonly onChange: (previous: PickedPrevious | null) => void;
  readonly disabled?: boolean;
  readonly read?: ReadWorkbook;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A picked file's bytes (FileReader where Blob.arrayBuffer is missing, as in older webviews). */
function fileBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** Picks the previous quarter's return (.xlsx) to compare with; refuses another unit or period with one line. */
export function PreviousReturn({ template, lang, current, previous, onChange, disabled, read = readWithXlsx }: PreviousReturnProps) {
  const styles = usePreviousReturnStyles();
  const strings = summaryStrings(lang);
  const inputRef = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFile = async (file: File) => {
    setReading(true);
    setError(null);
    try {
      const view = await read(await fileBytes(file));
      const prevReport = checkReturn(view, template);
      const refused = current ? comparePeriods(current, prevReport) : null;
      if (refused && !refused.ok) {
        setError(refused.error.message[lang]);
        return;
      }
      onChange({ fileName: file.name, view, periodText: prevReport.periodText ?? '' });
    } catch (e) {
      setError(strings.previousUnreadable(file.name, messageOf(e)));
    } finally {
      setReading(false);
    }
  };

  return (
    <PaneSection level="part" title={strings.previousTitle}>
      {previous ? (
        <div className={styles.row}>
          <span className={styles.comparing} role="status">
            {strings.comparingWith(previous.fileName, previous.periodText)}
          </span>
          <Button size="small" icon={<Dismiss16Regular />} onClick={() => onChange(null)} disabled={disabled}>
            {strings.stopComparing}
          </Button>
        </div>
      ) : (
        <>
          <p className={styles.hint}>{strings.previousHint}</p>
          <div className={styles.row}>
            <Button icon={<History20Regular />} onClick={() => inputRef.current?.click()} disabled={disabled || reading}>
              {strings.pickPrevious}
            </Button>
            {reading && <Spinner size="tiny" label={strings.readingPrevious} />}
          </div>
        </>
      )}
      <FilePickerInput
        inputRef={inputRef}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        label={strings.pickPrevious}
        testId="previous-file"
        error={error}
        onFile={(f) => void onFile(f)}
      />
    </PaneSection>
  );
}
