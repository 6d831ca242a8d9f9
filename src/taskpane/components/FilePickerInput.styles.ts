import { makeStyles } from '@fluentui/react-components';
import { visuallyHidden } from './shared.styles';

export const useFilePickerInputStyles = makeStyles({
  /** Visually hidden: the button opens it (display:none would keep some webviews from opening the file dialog). */
  input: visuallyHidden,
});
