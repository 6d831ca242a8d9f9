import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

export const usePreviewStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalL),
    backgroundColor: tokens.colorNeutralBackground1,
    ...shorthands.borderBottom(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
  },
  title: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    marginRight: tokens.spacingHorizontalL,
  },
  fileName: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  spacer: { flexGrow: 1 },
  languages: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
  },
  hiddenInput: { display: 'none' },
  notice: {
    ...shorthands.margin(tokens.spacingVerticalXS, tokens.spacingHorizontalL),
  },
  main: {
    display: 'flex',
    flexGrow: 1,
    minHeight: 0,
  },
  workbook: {
    display: 'flex',
    flexGrow: 1,
    minWidth: 0,
    minHeight: 0,
  },
  taskPane: {
    width: '360px',
    flexShrink: 0,
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    ...shorthands.borderLeft(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke1),
  },
  loading: {
    ...shorthands.padding(tokens.spacingVerticalXXL),
  },
});
