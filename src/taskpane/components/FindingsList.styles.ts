import { makeStyles, tokens, type GriffelStyle } from '@fluentui/react-components';
import { section, sectionHeading, visuallyHidden } from './shared.styles';

/** A finding's row and a bundle's row: a button laid out as a grid, text-sized, with the pane's focus ring. */
const rowButton: GriffelStyle = {
  display: 'grid',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'start',
    width: '100%',
    boxSizing: 'border-box',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    textAlign: 'start',
    cursor: 'pointer',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
};

export const useFindingsListStyles = makeStyles({
  visuallyHidden,
  root: section,
  heading: sectionHeading,
  empty: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase300,
    margin: 0,
  },
  group: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  groupHeading: {
    margin: 0,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  row: {
    ...rowButton,
    gridTemplateColumns: 'auto 3.5em 1fr',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    backgroundColor: tokens.colorTransparentBackground,
    ':hover': {
      backgroundColor: tokens.colorSubtleBackgroundHover,
    },
    ':active': {
      backgroundColor: tokens.colorSubtleBackgroundPressed,
    },
  },
  // Four tabs do not fit 320 px in English ("Notes (0)" was cut): they wrap instead.
  filters: {
    flexWrap: 'wrap',
  },
  ruleSwitch: {
    alignSelf: 'flex-start',
  },
  bundle: {
    display: 'flex',
    flexDirection: 'column',
  },
  bundleRow: {
    ...rowButton,
    gridTemplateColumns: 'auto 1fr auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
  },
  bundleTitle: {
    fontWeight: tokens.fontWeightSemibold,
  },
  bundleList: {
    paddingLeft: tokens.spacingHorizontalL,
  },
  more: {
    alignSelf: 'flex-start',
  },
  icon: {
    display: 'flex',
    paddingTop: tokens.spacingVerticalXXS,
  },
  // Intent colours as Fluent's MessageBar uses them; the icons differ in shape too (circle, triangle, info).
  error: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground3 },
  info: { color: tokens.colorBrandForeground1 },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
  },
  wholeSheet: {
    fontFamily: tokens.fontFamilyBase,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
  },
  text: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
  },
  message: {
    overflowWrap: 'anywhere',
  },
  rule: {
    color: tokens.colorNeutralForeground4,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    fontFamily: tokens.fontFamilyMonospace,
  },
});
