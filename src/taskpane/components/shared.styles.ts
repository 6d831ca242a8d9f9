import { tokens, type GriffelStyle } from '@fluentui/react-components';

/** Style pieces the pane's sections share, spread into each component's makeStyles. */

/** A pane section: its heading, then its content, stacked. */
export const section: GriffelStyle = {
  display: 'flex',
  flexDirection: 'column',
  rowGap: tokens.spacingVerticalS,
};

export const sectionHeading: GriffelStyle = {
  margin: 0,
  fontSize: tokens.fontSizeBase400,
  lineHeight: tokens.lineHeightBase400,
  fontWeight: tokens.fontWeightSemibold,
};

/** A section's small grey introduction under its heading. */
export const hint: GriffelStyle = {
  margin: 0,
  color: tokens.colorNeutralForeground3,
  fontSize: tokens.fontSizeBase200,
  lineHeight: tokens.lineHeightBase200,
};

/** A row of buttons (and a spinner or status beside them) that wraps when the pane is narrow. */
export const toolbar: GriffelStyle = {
  display: 'flex',
  alignItems: 'center',
  flexWrap: 'wrap',
  gap: tokens.spacingHorizontalS,
};

/** A list without bullets, items stacked like the section's own content. */
export const plainList: GriffelStyle = {
  listStyleType: 'none',
  margin: 0,
  padding: 0,
  display: 'flex',
  flexDirection: 'column',
  rowGap: tokens.spacingVerticalS,
};

/** Read by screen readers (and clickable by script), not shown: the standard clip pattern. */
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
