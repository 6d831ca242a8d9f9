export type XlsxErrorReason =
  | 'not-xlsx'
  | 'legacy-xls'
  | 'ods'
  | 'xlsb'
  | 'csv'
  | 'other-document'
  | 'encrypted'
  | 'truncated'
  | 'too-large'
  | 'duplicate-entry'
  | 'no-workbook'
  | 'empty'
  | 'bad-xml'
  | 'beyond-limits';

/**
 * A file that cannot be read as a workbook. The message is one line for a user, English then Chinese;
 * callers print it as is (never a stack trace). `detail` is the specific part (an entry name, a cell, a format) that
 * the CLI puts into its own localised line.
 */
export class XlsxError extends Error {
  constructor(
    readonly reason: XlsxErrorReason,
    message: string,
    /** What the message names after the reason (the part, the entry …), when it does. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'XlsxError';
  }
}

const MESSAGES: Record<XlsxErrorReason, string> = {
  'not-xlsx': 'not an .xlsx workbook (不是 .xlsx 工作簿文件)',
  'legacy-xls': 'an old binary .xls (or WPS .et) workbook; save it as .xlsx (旧版 .xls/.et 格式，请另存为 .xlsx)',
  ods: 'an OpenDocument .ods spreadsheet; save it as .xlsx (OpenDocument .ods 表格，请另存为 .xlsx)',
  xlsb: 'a binary .xlsb workbook; save it as .xlsx (二进制 .xlsb 格式，请另存为 .xlsx)',
  csv: 'a CSV or text file, not a workbook; open it in Excel and save it as .xlsx (CSV/文本文件，请另存为 .xlsx)',
  'other-document': 'not a spreadsheet (不是电子表格)',
  encrypted:
    'the workbook is password-protected (encrypted); save an unprotected copy as .xlsx (工作簿已加密，请另存为未加密的 .xlsx)',
  truncated: 'the file is damaged or incomplete (truncated zip) (文件已损坏或不完整)',
  'too-large': 'the workbook is too large to open safely (工作簿过大，无法安全打开)',
  'duplicate-entry': 'the package holds the same part twice, so readers would disagree on its content (压缩包内有重复的部件)',
  'no-workbook': 'the package holds no workbook part xl/workbook.xml (文件中没有工作簿内容)',
  empty: 'the workbook has no worksheets (工作簿中没有工作表)',
  'bad-xml': 'a part of the package is not well-formed XML (文件中的 XML 已损坏)',
  'beyond-limits': "the workbook goes past Excel's limits (超出 Excel 的限制)",
};

export function xlsxError(reason: XlsxErrorReason, detail?: string): XlsxError {
  const base = MESSAGES[reason];
  return new XlsxError(reason, detail ? `${base}: ${detail}` : base, detail);
}
