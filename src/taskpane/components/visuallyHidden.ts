import type { GriffelStyle } from '@fluentui/react-components';

/** Read by screen readers (and clickable by script), not shown: the standard clip pattern, for makeStyles. */
export const visuallyHidden: GriffelStyle = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
