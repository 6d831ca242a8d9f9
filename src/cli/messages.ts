/** Every sentence the command line prints itself, in Chinese (default) and English. Messages live in one place. */
import { toFixedShown } from '../engine/display';
import type { Lang, Severity } from '../engine/findings';
import type { XlsxErrorReason } from '../xlsx/errors';
import type { ArgProblem } from './args';

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}

/** Why a file was not checked: the xlsx layer's reasons, and the file system's and the CLI's own. */
export type ReadFailure =
  | XlsxErrorReason
  | 'not-found'
  | 'is-directory'
  | 'no-access'
  | 'unreadable'
  | 'not-regular'
  | 'file-too-large'
  | 'needs-converter'
  | 'convert-failed'
  | 'no-xlsx-in-folder'
  | 'check-failed';

export interface Messages {
  severity(s: Severity): string;
  argProblem(p: ArgProblem): string;
  unknownCommand(cmd: string, suggestion: string | null): string;
  missingCommand: string;
  badLang(value: string): string;
  helpHint(command: string | null): string;
  /** A usage error line with its hint to --help. */
  usage(message: string, command: string | null): string;
  missingPositional(what: string): string;
  tooManyPositionals(extra: string): string;
  missingOption(option: string): string;
  readOnly(file: string): string;
  /** fill would write a package past the size limit that check (and other readers) accept. */
  readonly filledTooLarge: string;
  /** The output is not a regular file (a folder, FIFO, socket, device, or a link to nothing). */
  notRegular(file: string, kind: 'directory' | 'fifo' | 'socket' | 'device' | 'dangling-link'): string;
  /** The folder refuses new files (so no temp file can be made beside the output). */
  folderReadOnly(file: string, dir: string): string;
  /** Appended when the output named a symbolic link and the file it points to was written. */
  viaLink(link: string, target: string): string;
  readFailure(kind: ReadFailure, detail?: string): string;
  /** A file in a folder that is no spreadsheet: listed, not read. */
  notAReturn: string;
  /** A .xls/.et/.ods read through LibreOffice. */
  converted: string;
  writeFailed(file: string, detail: string): string;
  outputExists(file: string): string;
  badPeriod(value: string): string;
  emptyUnit: string;
  templateUnreadable(file: string, detail: string): string;
  templateBroken(file: string, detail: string): string;
  /** A return stamped with a template version this build does not know (and carrying no template of its own). */
  unknownTemplateVersion(stamp: string): string;
  /** The template a return carries cannot be read. */
  embeddedTemplateBroken(detail: string): string;
  /** `template build`: the workbook has mistakes (each on its own line after this). */
  templateBookProblem(sheet: string, cell: string | null, message: string): string;
  templateBuilt(file: string, id: string, version: string, indicators: number): string;
  templateBookWritten(file: string): string;
  internalError(detail: string): string;
  completeness(fraction: number): string;
  noProblems: string;
  problemsLine(total: number, errors: number, warnings: number, infos: number): string;
  cleanLine(files: number): string;
  unreadableLine(files: readonly string[]): string;
  emptyFolderLine(folders: readonly string[]): string;
  finished(files: number, ms: number): string;
  progress(done: number, total: number, file: string): string;
  filled(out: string, toolOwned: number, summaryCells: number, errors: number, warnings: number): string;
  created(out: string, unit: string, period: string): string;
}

const zhHint = (c: string | null): string => `运行 fulian-returns ${c ? `${c} ` : ''}--help 查看用法`;

const zh: Messages = {
  severity: (s) => ({ error: '错误', warning: '警告', info: '提示' })[s],
  argProblem: (p) =>
    ({
      'unknown-option': `未知选项 ${p.option}`,
      'missing-value': `选项 ${p.option} 缺少取值`,
      'unexpected-value': `选项 ${p.option} 不接受取值`,
      'repeated-option': `选项 ${p.option} 重复给出`,
    })[p.kind],
  unknownCommand: (cmd, hint) => `未知命令「${cmd}」${hint ? `，是否想用 ${hint}？` : ''}`,
  missingCommand: '缺少命令',
  badLang: (v) => `--lang 只能是 zh-CN 或 en，而不是「${v}」`,
  helpHint: zhHint,
  usage: (msg, c) => `${msg}（${zhHint(c)}）`,
  missingPositional: (what) => `缺少${what}`,
  tooManyPositionals: (extra) => `多余的参数「${extra}」`,
  missingOption: (o) => `缺少必需的选项 ${o}`,
  readOnly: (f) => `${f} 是只读文件，不会改写（可用 -o 写到另一个文件）`,
  filledTooLarge: '填写后的文件解压后将超过 200 MB 的上限（再检查时会被拒绝），未写入；请删去工作簿中不需要的大附件后重试',
  notRegular: (f, k) =>
    `${f} 不是普通文件（${{ directory: '是文件夹', fifo: '是命名管道 FIFO', socket: '是套接字', device: '是设备文件', 'dangling-link': '是指向不存在文件的链接' }[k]}），不会写入；请用 -o 指定要写的 .xlsx 文件`,
  folderReadOnly: (f, d) => `无法写入 ${f}：文件夹 ${d} 不允许新建文件（没有写入权限或文件夹只读）`,
  viaLink: (l, t) => `（${l} 是符号链接，已写入它指向的文件 ${t}）`,
  readFailure: (kind, detail) =>
    ({
      'not-found': '找不到该文件',
      'is-directory': '这是一个文件夹，不是文件',
      'no-access': '没有读取权限',
      unreadable: `无法读取${detail ? `（${detail}）` : ''}`,
      'not-xlsx': '不是 .xlsx 工作簿（可能是改了扩展名的其他文件，请在 Excel 中另存为 .xlsx）',
      'legacy-xls': '旧版 .xls/.et 工作簿，本工具只读 .xlsx：请在 Excel 或 WPS 中另存为 .xlsx',
      ods: 'OpenDocument .ods 表格，本工具只读 .xlsx：请在 WPS 或 LibreOffice 中另存为 .xlsx',
      xlsb: '二进制 .xlsb 工作簿，本工具只读 .xlsx：请在 Excel 中另存为 .xlsx',
      csv: 'CSV/文本文件，不是工作簿：请在 Excel 或 WPS 中打开后另存为 .xlsx',
      'other-document': `不是电子表格${detail ? `（${detail}）` : ''}`,
      'duplicate-entry': `压缩包里同一个部件出现两次（${detail ?? ''}），不同软件会读出不同的内容，拒绝读取`,
      'beyond-limits': `超出 Excel 的限制${detail ? `（${detail}）` : ''}`,
      'file-too-large': '文件超过 200 MB，不可能是一份报表，拒绝读取',
      'not-regular': `不是普通文件${detail ? `（${detail}）` : ''}，拒绝读取`,
      'needs-converter': `${detail ?? ''} 格式需要 LibreOffice（soffice）转换，本机未安装：请在 Excel 或 WPS 中另存为 .xlsx`,
      'convert-failed': `LibreOffice 无法转换该文件${detail ? `（${detail}）` : ''}：请在 Excel 或 WPS 中另存为 .xlsx`,
      encrypted: '工作簿已加密（设有打开密码），请在 Excel 中取消密码后另存为 .xlsx',
      truncated: '文件不完整或已损坏（可能没有下载或复制完整）',
      'too-large': '文件解压后过大，拒绝读取',
      'no-workbook': '压缩包里没有工作簿（不是 Excel 文件）',
      empty: '文件是空的，没有任何工作表',
      'bad-xml': `文件中的 XML 已损坏${detail ? `（${detail}）` : ''}，请在 Excel 中打开并另存为 .xlsx`,
      'no-xlsx-in-folder': '文件夹里没有报表文件（.xlsx、.xlsm、.xls、.et、.ods）',
      'check-failed': `检查时出错${detail ? `（${detail}）` : ''}`,
    })[kind],
  notAReturn: '不是电子表格文件，不是报表，未读取',
  converted: '已由 LibreOffice 转换为 .xlsx 后读取（原文件未改动）',
  writeFailed: (file, detail) => `无法写入 ${file}（${detail}）`,
  outputExists: (file) => `${file} 已存在，不会覆盖（确需覆盖请加 --force）`,
  badPeriod: (v) => `无法识别的报告期「${v}」（可写 2026Q3、2026年第3季度、2026年第三季度）`,
  emptyUnit: '--unit 不能为空',
  templateUnreadable: (file, detail) => `无法读取模板文件 ${file}（${detail}）`,
  templateBroken: (file, detail) => `模板文件 ${file} 有误：${detail}`,
  unknownTemplateVersion: (stamp) => `报表的模板版本「${stamp}」未知：请用 --template 指定该版本的模板文件`,
  embeddedTemplateBroken: (detail) => `报表内嵌的模板有误：${detail}`,
  templateBookProblem: (sheet, cell, message) => `${cell ? `${sheet}!${cell}` : sheet}  ${message}`,
  templateBuilt: (file, id, version, n) => `已生成模板 ${file}（${id} ${version}，${n} 个指标）`,
  templateBookWritten: (file) => `已写入模板工作簿 ${file}`,
  internalError: (d) => `内部错误：${d}`,
  completeness: (f) => `完整率 ${percent(f)}`,
  noProblems: '未发现问题',
  problemsLine: (total, e, w, i) =>
    `✖ ${total} 个问题（${e} 个错误，${w} 个警告${i ? `，${i} 个提示` : ''}）`,
  cleanLine: (n) => `✔ 未发现问题（${n} 个文件）`,
  unreadableLine: (files) => `✖ ${files.length} 个文件无法读取：${files.join('、')}`,
  emptyFolderLine: (dirs) => `✖ ${dirs.length} 个文件夹里没有报表文件：${dirs.join('、')}`,
  finished: (n, ms) => `已检查 ${n} 个文件，用时 ${seconds(ms)} 秒（每秒 ${perSecond(n, ms)} 个）`,
  progress: (d, t, f) => `正在检查 ${d}/${t} ${f}`,
  filled: (out, n, m, e, w) =>
    `已写入 ${out}：${n} 个公式单元格，汇总表 ${m} 个单元格；${e} 个错误，${w} 个警告${e + w ? '（运行 fulian-returns check 查看详情）' : ''}`,
  created: (out, unit, period) => `已创建 ${out}：${unit}，${period}`,
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const en: Messages = {
  severity: (s) => s,
  argProblem: (p) =>
    ({
      'unknown-option': `unknown option ${p.option}`,
      'missing-value': `option ${p.option} needs a value`,
      'unexpected-value': `option ${p.option} takes no value`,
      'repeated-option': `option ${p.option} given twice`,
    })[p.kind],
  unknownCommand: (cmd, hint) => `unknown command "${cmd}"${hint ? `; did you mean ${hint}?` : ''}`,
  missingCommand: 'missing command',
  badLang: (v) => `--lang must be zh-CN or en, not "${v}"`,
  helpHint: (c) => `run fulian-returns ${c ? `${c} ` : ''}--help for usage`,
  usage: (msg, c) => `${msg} (run fulian-returns ${c ? `${c} ` : ''}--help for usage)`,
  missingPositional: (what) => `missing ${what}`,
  tooManyPositionals: (extra) => `unexpected argument "${extra}"`,
  missingOption: (o) => `missing required option ${o}`,
  readOnly: (f) => `${f} is read-only; not rewritten (write elsewhere with -o)`,
  filledTooLarge: 'once filled, the workbook would pass the 200 MB unpacked limit (check would refuse it); not written: remove large attachments it does not need and try again',
  notRegular: (f, k) =>
    `${f} is not a regular file (${{ directory: 'a folder', fifo: 'a FIFO', socket: 'a socket', device: 'a device', 'dangling-link': 'a link to nothing' }[k]}); not written (name an .xlsx file with -o)`,
  folderReadOnly: (f, d) => `cannot write ${f}: the folder ${d} does not allow new files (no write permission, or read-only)`,
  viaLink: (l, t) => ` (${l} is a symbolic link; the file it points to, ${t}, was written)`,
  readFailure: (kind, detail) =>
    ({
      'not-found': 'no such file',
      'is-directory': 'is a folder, not a file',
      'no-access': 'permission denied',
      unreadable: `cannot be read${detail ? ` (${detail})` : ''}`,
      'not-xlsx': 'not an .xlsx workbook (perhaps another file renamed; save it as .xlsx in Excel)',
      'legacy-xls': 'an old .xls/.et workbook; this tool reads .xlsx: save it as .xlsx in Excel or WPS',
      ods: 'an OpenDocument .ods spreadsheet; this tool reads .xlsx: save it as .xlsx in WPS or LibreOffice',
      xlsb: 'a binary .xlsb workbook; this tool reads .xlsx: save it as .xlsx in Excel',
      csv: 'a CSV or text file, not a workbook: open it in Excel or WPS and save it as .xlsx',
      'other-document': `not a spreadsheet${detail ? ` (${detail})` : ''}`,
      'duplicate-entry': `the package holds one part twice (${detail ?? ''}), so readers would disagree on its content; refused`,
      'beyond-limits': `goes past Excel's limits${detail ? ` (${detail})` : ''}`,
      'file-too-large': 'the file is over 200 MB, far more than any return; refused',
      'not-regular': `not a regular file${detail ? ` (${detail})` : ''}; refused`,
      'needs-converter': `${detail ?? ''} files need LibreOffice (soffice) to convert them, which is not installed: save it as .xlsx in Excel or WPS`,
      'convert-failed': `LibreOffice could not convert the file${detail ? ` (${detail})` : ''}: save it as .xlsx in Excel or WPS`,
      encrypted: 'the workbook is encrypted (password to open); remove the password in Excel and save as .xlsx',
      truncated: 'the file is incomplete or damaged (perhaps not fully downloaded or copied)',
      'too-large': 'the file is too large once unpacked; refused',
      'no-workbook': 'the package holds no workbook (not an Excel file)',
      empty: 'the file is empty: no worksheet at all',
      'bad-xml': `damaged XML in the package${detail ? ` (${detail})` : ''}; open it in Excel and save it as .xlsx again`,
      'no-xlsx-in-folder': 'the folder holds no return file (.xlsx, .xlsm, .xls, .et, .ods)',
      'check-failed': `checking failed${detail ? ` (${detail})` : ''}`,
    })[kind],
  notAReturn: 'not a spreadsheet file, so not a return; not read',
  converted: 'read after LibreOffice converted it to .xlsx (the original is untouched)',
  writeFailed: (file, detail) => `cannot write ${file} (${detail})`,
  outputExists: (file) => `${file} exists; not overwritten (add --force to replace it)`,
  badPeriod: (v) => `unreadable period "${v}" (write 2026Q3, 2026年第3季度 or 2026年第三季度)`,
  emptyUnit: '--unit must not be empty',
  templateUnreadable: (file, detail) => `cannot read template file ${file} (${detail})`,
  templateBroken: (file, detail) => `template file ${file} is invalid: ${detail}`,
  unknownTemplateVersion: (stamp) => `the return is stamped with an unknown template version "${stamp}": name that version's template file with --template`,
  embeddedTemplateBroken: (detail) => `the template the return carries is invalid: ${detail}`,
  templateBookProblem: (sheet, cell, message) => `${cell ? `${sheet}!${cell}` : sheet}  ${message}`,
  templateBuilt: (file, id, version, n) => `template written to ${file} (${id} ${version}, ${n} indicators)`,
  templateBookWritten: (file) => `template workbook written to ${file}`,
  internalError: (d) => `internal error: ${d}`,
  completeness: (f) => `completeness ${percent(f)}`,
  noProblems: 'no problems',
  problemsLine: (total, e, w, i) =>
    `✖ ${plural(total, 'problem')} (${plural(e, 'error')}, ${plural(w, 'warning')}${i ? `, ${plural(i, 'info', 'infos')}` : ''})`,
  cleanLine: (n) => `✔ No problems (${plural(n, 'file')})`,
  unreadableLine: (files) => `✖ ${plural(files.length, 'file')} could not be read: ${files.join(', ')}`,
  emptyFolderLine: (dirs) => `✖ ${plural(dirs.length, 'folder')} without any return file: ${dirs.join(', ')}`,
  finished: (n, ms) => `checked ${plural(n, 'file')} in ${seconds(ms)} s (${perSecond(n, ms)} files/s)`,
  progress: (d, t, f) => `checking ${d}/${t} ${f}`,
  filled: (out, n, m, e, w) =>
    `wrote ${out}: ${plural(n, 'formula cell')}, ${plural(m, 'summary cell')}; ${plural(e, 'error')}, ${plural(w, 'warning')}${e + w ? ' (run fulian-returns check for details)' : ''}`,
  created: (out, unit, period) => `created ${out}: ${unit}, ${period}`,
};

export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : zh;
}

/** 0.963 → 96.3%; whole percents without decimals. */
export function percent(fraction: number): string {
  let p = toFixedShown(fraction, 1, 2);
  if (p === '100.0' && fraction < 1) p = '99.9'; // never show an incomplete return as 100%
  if (p === '0.0' && fraction > 0) p = '0.1';
  return `${p.replace(/\.0$/, '')}%`;
}

/** 3.24 s → "3.2"; under 10 s one decimal, else whole seconds. */
function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 10 ? s.toFixed(1) : Math.round(s).toString();
}

/** Files a second, whole from 10 on. */
function perSecond(files: number, ms: number): string {
  const rate = files / Math.max(ms, 1) * 1000;
  return rate < 10 ? rate.toFixed(1) : Math.round(rate).toString();
}
