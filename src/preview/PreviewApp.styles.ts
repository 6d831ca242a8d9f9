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
    // A phone: the sheet above, the task pane below it, the page scrolls.
    '@media (max-width: 700px)': { flexDirection: 'column', overflowY: 'auto' },
  },
  modes: { display: 'flex', alignItems: 'center' },
  dropping: {
    outlineWidth: tokens.strokeWidthThicker,
    outlineStyle: 'dashed',
    outlineColor: tokens.colorBrandStroke1,
    outlineOffset: `calc(-1 * ${tokens.strokeWidthThicker})`,
  },
  workbook: {
    display: 'flex',
    flexGrow: 1,
    minWidth: 0,
    minHeight: 0,
    '@media (max-width: 700px)': { minHeight: '55vh' },
  },
  taskPane: {
    width: '360px',
    flexShrink: 0,
    overflowY: 'auto',
    '@media (max-width: 700px)': { width: 'auto', overflowY: 'visible' },
    backgroundColor: tokens.colorNeutralBackground1,
    ...shorthands.borderLeft(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke1),
  },
  loading: {
    ...shorthands.padding(tokens.spacingVerticalXXL),
  },
});
