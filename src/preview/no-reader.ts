/*
 * Stands in for the xlsx reader wherever the page's own bundle would pull it in (the task pane's lazy default for
 * the previous-quarter picker, which the page replaces with its worker): the page reads workbooks only in its worker.
 */
export function readXlsx(): never {
  throw new Error('the web page reads workbooks in its worker');
}
