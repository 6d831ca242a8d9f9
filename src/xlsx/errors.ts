export type XlsxErrorReason = 'not-xlsx' | 'encrypted' | 'truncated' | 'too-large' | 'no-workbook' | 'empty' | 'bad-xml';

/**
 * A file that cannot be read as a workbook. The message is one line for a user, English then Chinese;
 * callers print it as is (never a stack trace).
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
  encrypted:
    'the workbook is password-protected (encrypted); save an unprotected copy as .xlsx (工作簿已加密，请另存为未加密的 .xlsx)',
  truncated: 'the file is damaged or incomplete (truncated zip) (文件已损坏或不完整)',
  'too-large': 'the workbook is too large to open safely (工作簿过大，无法安全打开)',
  'no-workbook': 'the package holds no workbook part xl/workbook.xml (文件中没有工作簿内容)',
  empty: 'the workbook has no worksheets (工作簿中没有工作表)',
  'bad-xml': 'a part of the package is not well-formed XML (文件中的 XML 已损坏)',
};

export function xlsxError(reason: XlsxErrorReason, detail?: string): XlsxError {
  const base = MESSAGES[reason];
  return new XlsxError(reason, detail ? `${base}: ${detail}` : base, detail);
}
