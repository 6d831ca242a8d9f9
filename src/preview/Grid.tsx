/**
 * A read-only spreadsheet view: sheet tabs, row and column headers, values shown as Excel shows them, the fills of
 * conditional formats (the task pane's highlights), and the selected cell outlined and scrolled into view.
 */
import * as React from 'react';
import { mergeClasses, Tab, TabList } from '@fluentui/react-components';
import { a1, columnLetters } from '../engine/address';
import { alignmentOf, displayCell } from './display';
import type { GridSource } from './grid-source';
import { useGridStyles } from './Grid.styles';

export interface GridProps {
  readonly source: GridSource;
  /** Accessible names, in the page's language. */
  readonly labels: { readonly grid: (sheet: string) => string; readonly tabs: string; readonly empty: string };
}

/** Re-renders whenever the source reports a change. */
function useSourceVersion(source: GridSource): number {
  const [version, setVersion] = React.useState(0);
  React.useEffect(() => source.subscribe(() => setVersion((v) => v + 1)), [source]);
  return version;
}

/** Display width of text in "narrow character" units: CJK and full-width characters count twice. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const MIN_ROWS = 30;
const MIN_COLS = 12;
const CHAR_PX = 7;

export function Grid({ source, labels }: GridProps): React.JSX.Element {
  const styles = useGridStyles();
  const version = useSourceVersion(source);
  const scroller = React.useRef<HTMLDivElement>(null);

  const names = source.sheetNames();
  const active = source.activeSheet() ?? names[0];
  const sheet = active !== undefined ? source.sheet(active) : undefined;
  const selection = source.selection();
  const sel = selection && selection.sheet === active ? selection : undefined;

  const rows = Math.max(sheet?.rowCount ?? 0, MIN_ROWS, sel?.row ?? 0);
  const cols = Math.max(sheet?.colCount ?? 0, MIN_COLS, sel?.col ?? 0);

  // Column widths follow the longest shown text, as if the user had auto-fitted them.
  const widths = React.useMemo(() => {
    const w: number[] = [];
    for (let c = 1; c <= cols; c++) {
      let max = 8;
      for (let r = 1; r <= (sheet?.rowCount ?? 0); r++) {
        const cell = sheet!.cell(r, c);
        if (cell.value.kind !== 'blank') max = Math.max(max, textWidth(displayCell(cell)));
      }
      w.push(Math.min(max, 40) * CHAR_PX + 12);
    }
    return w;
  }, [sheet, cols, version]);

  const selAddress = sel ? a1(sel.row, sel.col) : undefined;
  React.useEffect(() => {
    if (!selAddress || !scroller.current) return;
    const el = scroller.current.querySelector<HTMLElement>(`[data-cell="${selAddress}"]`);
    el?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selAddress, active, version]);

  const selCell = sel && sheet ? sheet.cell(sel.row, sel.col) : undefined;

  const body: React.JSX.Element[] = [];
  for (let r = 1; r <= rows; r++) {
    const tds: React.JSX.Element[] = [];
    for (let c = 1; c <= cols; c++) {
      const cell = sheet?.cell(r, c);
      const address = a1(r, c);
      const look = sheet?.style(r, c);
      const fill = look?.fill;
      const selected = sel?.row === r && sel?.col === c;
      const value = cell?.value;
      tds.push(
        <td
          key={c}
          role="gridcell"
          data-cell={address}
          data-marked={fill ? 'true' : undefined}
          aria-selected={selected || undefined}
          title={cell?.formula ? `${address} ${cell.formula}` : undefined}
          className={mergeClasses(
            styles.cell,
            value ? styles[alignmentOf(value)] : undefined,
            value?.kind === 'error' && styles.errorValue,
            look?.bold && styles.bold,
            look?.italic && styles.italic,
            selected && styles.selected,
          )}
          style={fill || look?.fontColor ? { backgroundColor: fill, color: look?.fontColor } : undefined}
        >
          {cell ? displayCell(cell) : ''}
        </td>,
      );
    }
    body.push(
      <tr key={r} role="row">
        <th role="rowheader" scope="row" className={mergeClasses(styles.rowHeader, sel?.row === r && styles.headerActive)}>
          {r}
        </th>
        {tds}
      </tr>,
    );
  }

  return (
    <div className={styles.root}>
      <div className={styles.formulaBar}>
        <span className={styles.nameBox} data-testid="name-box">
          {selAddress ?? ''}
        </span>
        <span className={styles.formula} data-testid="formula-bar">
          {selCell ? (selCell.formula ?? displayCell(selCell)) : ''}
        </span>
      </div>
      {/* Focusable, so keyboard users can scroll the sheet with the arrow keys. */}
      <div
        className={styles.scroller}
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label={active ? labels.grid(active) : labels.empty}
      >
        {sheet ? (
          <table
            className={styles.table}
            role="grid"
            aria-readonly="true"
            aria-label={labels.grid(sheet.name)}
            data-sheet={sheet.name}
            style={{ width: 44 + widths.reduce((a, b) => a + b, 0) }}
          >
            <colgroup>
              <col style={{ width: 44 }} />
              {widths.map((w, i) => (
                <col key={i} style={{ width: w }} />
              ))}
            </colgroup>
            <thead>
              <tr role="row">
                <th className={styles.corner} aria-hidden="true" />
                {widths.map((_, i) => (
                  <th
                    key={i}
                    role="columnheader"
                    scope="col"
                    className={mergeClasses(styles.colHeader, sel?.col === i + 1 && styles.headerActive)}
                  >
                    {columnLetters(i + 1)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{body}</tbody>
          </table>
        ) : (
          <p className={styles.empty}>{labels.empty}</p>
        )}
      </div>
      <nav className={styles.tabs} aria-label={labels.tabs}>
        <TabList
          size="small"
          selectedValue={active}
          onTabSelect={(_, d) => source.activate(String(d.value))}
          aria-label={labels.tabs}
        >
          {names.map((n) => (
            <Tab key={n} value={n} data-sheet-tab={n}>
              {n}
            </Tab>
          ))}
        </TabList>
      </nav>
    </div>
  );
}
