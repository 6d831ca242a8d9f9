import { makeStyles, tokens } from '@fluentui/react-components';
import { plainList, section, sectionHeading } from './shared.styles';

export const useCompletenessStyles = makeStyles({
  root: section,
  heading: sectionHeading,
  list: plainList,
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  labelRow: {
    display: 'flex',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
  overallLabel: {
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  percent: {
    fontVariantNumeric: 'tabular-nums',
  },
});
