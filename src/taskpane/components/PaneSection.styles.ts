import { makeStyles, tokens } from '@fluentui/react-components';
import { hint, sectionHeading } from './shared.styles';

export const usePaneSectionStyles = makeStyles({
  /** A tab's panel (摘要, 诊断): roomier, under a section-size heading. */
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  panelHeading: sectionHeading,
  /** A part of a panel (the previous-return and template pickers): tighter, under a smaller heading. */
  part: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  partHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  intro: hint,
});
