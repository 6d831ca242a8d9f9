/**
 * A read-only spreadsheet view: sheet tabs, row and column headers, values shown as Excel shows them, the fills of
 * conditional formats (the task pane's highlights), and the selected cell outlined and scrolled into view.
 *
 * Virtualised: only the cells in view are rendered, so the work per frame follows the window, never the sheet. A
 * sheet reaching XFD1048576 scrolls like any other (beyond a few million pixels the rows map onto the scroll range
 * proportionally, since browsers cap an element's height), and a cell holding a megabyte shows its first characters.
 */
import * as React from 'react';
import { mergeClasses, Tab, TabList } from '@fluentui/react-components';
import { a1, columnLetters } from '../engine/address';
import { alignmentOf, displayCell } from './display';
import type { GridSheet, GridSource } from './grid-source';
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
const MAX_CHARS_WIDE = 40;
/** A cell shows at most this many characters (its column is at most 40 wide); the formula bar a few more. */
const SHOWN_CHARS = 200;
const BAR_CHARS = 2000;
export const ROW_PX = 22;
const HEADER_PX = 22;
const ROW_HEADER_PX = 56;
/** Past this height the rows map onto the scroll range proportionally (Firefox caps elements near 17.9 million px). */
const MAX_SCROLL_PX = 8_000_000;
const DEFAULT_COL_PX = 8 * CHAR_PX + 12;
/** Rows and columns rendered beyond the edges, so a fast scroll rarely shows a gap. */
const OVERSCAN = 4;

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Column widths follow the longest shown text, as if the user had auto-fitted them; computed over the stored cells only. */
function columnWidths(sheet: GridSheet | undefined, cols: number): Float64Array {
  const w = new Float64Array(cols).fill(DEFAULT_COL_PX);
  if (!sheet) return w;
  for (const [, c, cell] of sheet.entries()) {
    if (c > cols || cell.value.kind === 'blank') continue;
    const chars = Math.min(textWidth(displayCell(cell).slice(0, MAX_CHARS_WIDE)), MAX_CHARS_WIDE);
    w[c - 1] = Math.max(w[c - 1]!, Math.max(8, chars) * CHAR_PX + 12);
  }
  return w;
}

/** Left edge of each column (prefix sums), one more entry than columns. */
function prefix(widths: Float64Array): Float64Array {
  const left = new Float64Array(widths.length + 1);
  for (let i = 0; i < widths.length; i++) left[i + 1] = left[i]! + widths[i]!;
  return left;
}

/** The first index whose left edge is past x, less one (binary search). */
function columnAt(left: Float64Array, x: number): number {
  let lo = 0;
  let hi = left.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (left[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function Grid({ source, labels }: GridProps): React.JSX.Element {
  const styles = useGridStyles();
  const version = useSourceVersion(source);
  const scroller = React.useRef<HTMLDivElement>(null);
  const [view, setView] = React.useState({ top: 0, left: 0, width: 800, height: 600 });

  const names = source.sheetNames();
  const active = source.activeSheet() ?? names[0];
  const sheet = active !== undefined ? source.sheet(active) : undefined;
  const selection = source.selection();
  const sel = selection && selection.sheet === active ? selection : undefined;

  const rows = Math.max(sheet?.rowCount ?? 0, MIN_ROWS, sel?.row ?? 0);
  const cols = Math.max(sheet?.colCount ?? 0, MIN_COLS, sel?.col ?? 0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the source's version says when the sheet's cells changed
  const widths = React.useMemo(() => columnWidths(sheet, cols), [sheet, cols, version]);
  const left = React.useMemo(() => prefix(widths), [widths]);

  const naturalHeight = rows * ROW_PX;
  const contentHeight = Math.min(naturalHeight, MAX_SCROLL_PX);
  const bodyHeight = Math.max(0, view.height - HEADER_PX);
  // Rows scrolled past per pixel of scroll: 1/ROW_PX for an ordinary sheet, more for a sheet of a million rows.
  const scale = contentHeight > bodyHeight && naturalHeight > bodyHeight ? (naturalHeight - bodyHeight) / (contentHeight - bodyHeight) : 1;
  const offsetY = view.top * scale;
  const firstRow = Math.max(1, Math.floor(offsetY / ROW_PX) + 1 - OVERSCAN);
  const lastRow = Math.min(rows, Math.ceil((offsetY + bodyHeight) / ROW_PX) + OVERSCAN);
  const firstCol = Math.max(1, columnAt(left, view.left) + 1 - OVERSCAN);
  const lastCol = Math.min(cols, columnAt(left, view.left + Math.max(0, view.width - ROW_HEADER_PX)) + 1 + OVERSCAN);

  // Follow the scroller's size and scroll position (one state update per frame at most).
  React.useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const measure = (): void => {
      frame = 0;
      setView((v) =>
        v.top === el.scrollTop && v.left === el.scrollLeft && v.width === el.clientWidth && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight },
      );
    };
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    el.addEventListener('scroll', schedule, { passive: true });
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(schedule) : undefined;
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', schedule);
      ro?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [sheet]);

  // The selected cell scrolled into view (nearest edge), on the sheet it is on.
  const selAddress = sel ? a1(sel.row, sel.col) : undefined;
  React.useEffect(() => {
    const el = scroller.current;
    if (!sel || !el) return;
    const body = Math.max(ROW_PX, el.clientHeight - HEADER_PX);
    const y = (sel.row - 1) * ROW_PX;
    const shownY = el.scrollTop * scale;
    let top = el.scrollTop;
    if (y < shownY) top = y / scale;
    else if (y + ROW_PX > shownY + body) top = (y + ROW_PX - body) / scale;
    const x0 = left[sel.col - 1]!;
    const x1 = left[sel.col]!;
    const bodyW = Math.max(0, el.clientWidth - ROW_HEADER_PX);
    let l = el.scrollLeft;
    if (x0 < l) l = x0;
    else if (x1 > l + bodyW) l = x1 - bodyW;
    if (top !== el.scrollTop || l !== el.scrollLeft) el.scrollTo?.({ top, left: l });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- scroll only when the selection or the sheet changes
  }, [selAddress, active, version]);

  const selCell = sel && sheet ? sheet.cell(sel.row, sel.col) : undefined;

  const renderedRows: React.JSX.Element[] = [];
  if (sheet) {
    for (let r = firstRow; r <= lastRow; r++) {
      const y = HEADER_PX + (r - 1) * ROW_PX - offsetY;
      const cells: React.JSX.Element[] = [
        <div
          key="h"
          role="rowheader"
          className={mergeClasses(styles.rowHeader, sel?.row === r && styles.headerActive)}
          style={{ width: ROW_HEADER_PX }}
        >
          {r}
        </div>,
      ];
      for (let c = firstCol; c <= lastCol; c++) {
        const cell = sheet.cell(r, c);
        const address = a1(r, c);
        const look = sheet.style(r, c);
        const fill = look.fill;
        const selected = sel?.row === r && sel?.col === c;
        const value = cell.value;
        cells.push(
          <div
            key={c}
            role="gridcell"
            aria-colindex={c + 1}
            data-cell={address}
            data-marked={fill ? 'true' : undefined}
            aria-selected={selected || undefined}
            title={cell.formula ? clip(`${address} ${cell.formula}`, SHOWN_CHARS) : undefined}
            className={mergeClasses(
              styles.cell,
              styles[alignmentOf(value)],
              value.kind === 'error' && styles.errorValue,
              look.bold && styles.bold,
              look.italic && styles.italic,
              selected && styles.selected,
            )}
            style={{
              left: ROW_HEADER_PX + left[c - 1]! - view.left,
              width: widths[c - 1],
              backgroundColor: fill,
              color: look.fontColor,
            }}
          >
            {clip(displayCell(cell), SHOWN_CHARS)}
          </div>,
        );
      }
      renderedRows.push(
        <div key={r} role="row" aria-rowindex={r + 1} className={styles.row} style={{ top: y }}>
          {cells}
        </div>,
      );
    }
  }

  const headers: React.JSX.Element[] = [];
  for (let c = firstCol; c <= lastCol; c++) {
    headers.push(
      <div
        key={c}
        role="columnheader"
        aria-colindex={c + 1}
        className={mergeClasses(styles.colHeader, sel?.col === c && styles.headerActive)}
        style={{ left: ROW_HEADER_PX + left[c - 1]! - view.left, width: widths[c - 1] }}
      >
        {columnLetters(c)}
      </div>,
    );
  }

  return (
    <div className={styles.root}>
      <div className={styles.formulaBar}>
        <span className={styles.nameBox} data-testid="name-box">
          {selAddress ?? ''}
        </span>
        <span className={styles.formula} data-testid="formula-bar">
          {selCell ? clip(selCell.formula ?? displayCell(selCell), BAR_CHARS) : ''}
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
          <div style={{ height: HEADER_PX + contentHeight, width: ROW_HEADER_PX + left[cols]! }} className={styles.spacer}>
            <div
              className={styles.window}
              role="grid"
              aria-readonly="true"
              aria-label={labels.grid(sheet.name)}
              aria-rowcount={rows + 1}
              aria-colcount={cols + 1}
              data-sheet={sheet.name}
              style={{ width: view.width, height: view.height }}
            >
              {renderedRows}
              <div role="row" aria-rowindex={1} className={styles.headerRow} style={{ width: view.width }}>
                <div className={styles.corner} aria-hidden="true" style={{ width: ROW_HEADER_PX }} />
                {headers}
              </div>
            </div>
          </div>
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
