import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { RefObject } from 'react';
import { useFilePickerInputStyles } from './FilePickerInput.styles';

export interface FilePickerInputProps {
  /** The button that opens the chooser calls `inputRef.current.click()`. */
  readonly inputRef: RefObject<HTMLInputElement>;
  readonly accept: string;
  /** The input's accessible name: the label of the button that opens it. */
  readonly label: string;
  readonly testId: string;
  /** The last pick's one-line error, shown under the picker; null: none. */
  readonly error: string | null;
  readonly onFile: (file: File) => void;
}

/**
 * The hidden file input of a picker and its error line. The value is reset on every pick, so choosing the same file
 * again fires a change; only the first file is taken.
 */
export function FilePickerInput({ inputRef, accept, label, testId, error, onFile }: FilePickerInputProps) {
  const styles = useFilePickerInputStyles();
  return (
    <>
      <input
        ref={inputRef}
        className={styles.input}
        type="file"
        tabIndex={-1}
        accept={accept}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
      {error !== null && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
