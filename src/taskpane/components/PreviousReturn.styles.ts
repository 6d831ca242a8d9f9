import { makeStyles, tokens } from '@fluentui/react-components';
import { hint, toolbar } from './shared.styles';

export const usePreviousReturnStyles = makeStyles({
  hint,
  row: toolbar,
  comparing: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});
