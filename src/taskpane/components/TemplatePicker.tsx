import { Button } from '@fluentui/react-components';
import { Dismiss16Regular, DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { parseTemplateJson } from '../../engine/template/load';
import type { Template } from '../../engine/template/schema';
import type { TemplateSource } from '../applied-template';
import type { UiStrings } from '../i18n';
import { FilePickerInput } from './FilePickerInput';
import { PaneSection } from './PaneSection';
import { usePreviousReturnStyles } from './PreviousReturn.styles';

export interface TemplatePickerProps {
  readonly source: TemplateSource;
  readonly strings: UiStrings;
  readonly disabled?: boolean;
  /** A template file the user picked, validated; its JSON text to remember. */
  readonly onLoad: (template: Template, json: string) => void;
  readonly onForget: () => void;
}

/** A picked file's text (FileReader where Blob.text is missing, as in older webviews). */
function fileText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsText(file, 'utf-8');
  });
}

/** Loading a federation's own template file once (the pane remembers it), or going back to the standard one. */
export function TemplatePicker({ source, strings, disabled, onLoad, onForget }: TemplatePickerProps) {
  const styles = usePreviousReturnStyles();
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  const onFile = async (file: File) => {
    setError(null);
    let json: string;
    try {
      json = (await fileText(file)).replace(/^\uFEFF/, '');
    } catch (e) {
      setError(strings.templateUnreadable(file.name, e instanceof Error ? e.message : String(e)));
      return;
    }
    const r = parseTemplateJson(json);
    if (!r.ok) setError(strings.templateUnreadable(file.name, r.error.split('\n')[0] ?? ''));
    else onLoad(r.template, json);
  };

  return (
    <PaneSection level="part" title={strings.templateTitle} intro={strings.templateHint}>
      <div className={styles.row}>
        <Button icon={<DocumentArrowUp20Regular />} onClick={() => inputRef.current?.click()} disabled={disabled}>
          {strings.loadTemplate}
        </Button>
        {source === 'loaded' && (
          <Button size="small" icon={<Dismiss16Regular />} onClick={onForget} disabled={disabled}>
            {strings.forgetTemplate}
          </Button>
        )}
      </div>
      <FilePickerInput
        inputRef={inputRef}
        accept=".json,application/json"
        label={strings.loadTemplate}
        testId="template-file"
        error={error}
        onFile={(f) => void onFile(f)}
      />
    </PaneSection>
  );
}
