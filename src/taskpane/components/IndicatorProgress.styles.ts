import { makeStyles, tokens } from '@fluentui/react-components';
import { plainList, section, sectionHeading } from './shared.styles';

export const useIndicatorProgressStyles = makeStyles({
  root: section,
  heading: sectionHeading,
  summary: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground3,
  },
  list: plainList,
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorTransparentStroke}`,
  },
  behindItem: {
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorStatusWarningBorderActive}`,
    backgroundColor: tokens.colorStatusWarningBackground1,
  },
  labelRow: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
  },
  name: {
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  percent: {
    fontVariantNumeric: 'tabular-nums',
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
  },
  behindText: {
    color: tokens.colorStatusWarningForeground2,
  },
  noPlan: {
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightRegular,
  },
  track: {
    position: 'relative',
  },
  /** The time-progress mark (序时进度) over the bar; its left offset is set inline from the figure. */
  marker: {
    position: 'absolute',
    top: `calc(-1 * ${tokens.spacingVerticalXXS})`,
    bottom: `calc(-1 * ${tokens.spacingVerticalXXS})`,
    width: tokens.strokeWidthThick,
    marginLeft: `calc(-0.5 * ${tokens.strokeWidthThick})`,
    backgroundColor: tokens.colorNeutralForeground1,
    pointerEvents: 'none',
  },
});
