/**
 * The files a reviewer opens or drops, as `check DIR` takes them: spreadsheets directly in the folder are read; every
 * other file gets its own entry with the reason (never dropped silently), as the CLI lists them.
 */
import type { Lang } from '../../engine/findings';

export interface PickedFile {
  /** As the CLI would name it: `folder/name.xlsx` for a folder's file, the bare name for a picked file. */
  readonly name: string;
  readonly file: File;
}

export type Triage = { readonly read: true } | { readonly read: false; readonly reason: string };

const LEGACY: Record<string, { zh: string; en: string }> = {
  xls: { zh: 'Excel 97-2003 工作簿（.xls）', en: 'an Excel 97-2003 workbook (.xls)' },
  et: { zh: 'WPS 表格文件（.et）', en: 'a WPS Spreadsheets file (.et)' },
  ods: { zh: 'OpenDocument 表格（.ods）', en: 'an OpenDocument spreadsheet (.ods)' },
  csv: { zh: 'CSV 文本文件', en: 'a CSV text file' },
};

/** Whether a file is read as a return, or why not. */
export function triage(p: PickedFile, lang: Lang): Triage {
  const base = p.name.slice(p.name.lastIndexOf('/') + 1);
  const ext = /\.([^.]+)$/.exec(base)?.[1]?.toLowerCase() ?? '';
  const zh = lang !== 'en';
  if (p.name.split('/').length > 2) {
    return { read: false, reason: zh ? '在子文件夹里（只读取所选文件夹中的文件，与命令行相同）' : 'in a subfolder (only files directly in the folder are read, as on the command line)' };
  }
  if (base.startsWith('~$')) return { read: false, reason: zh ? 'Office 的临时锁文件，不是报表' : "Office's lock file, not a return" };
  if (ext === 'xlsx' || ext === 'xlsm') return { read: true };
  const legacy = LEGACY[ext];
  if (legacy) {
    return {
      read: false,
      reason: zh
        ? `${legacy.zh}，网页版只能读取 .xlsx：请在 Excel 或 WPS 中打开后另存为 .xlsx`
        : `${legacy.en}; the web page reads .xlsx only: open it in Excel or WPS and save it as .xlsx`,
    };
  }
  return { read: false, reason: zh ? '不是报表文件（只读取 .xlsx 工作簿）' : 'not a return (only .xlsx workbooks are read)' };
}

/** Files of an <input multiple> or <input webkitdirectory>, named as the CLI names them, sorted as it sorts them. */
export function pickedFromInput(files: FileList | readonly File[]): PickedFile[] {
  const out: PickedFile[] = [];
  for (const file of Array.from(files)) {
    const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
    out.push({ name: rel || file.name, file });
  }
  return sortByName(out);
}

export function sortByName(files: PickedFile[]): PickedFile[] {
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

type Entry = {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?: (ok: (f: File) => void, fail: (e: unknown) => void) => void;
  createReader?: () => { readEntries: (ok: (es: Entry[]) => void, fail: (e: unknown) => void) => void };
};

function entryFile(e: Entry): Promise<File> {
  return new Promise((ok, fail) => e.file!(ok, fail));
}

async function directoryEntries(dir: Entry): Promise<Entry[]> {
  const reader = dir.createReader!();
  const all: Entry[] = [];
  // readEntries answers in batches (100 in Chromium) until it answers none.
  for (;;) {
    const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** What was dropped: files as they are, a folder's files (directly in it; subfolders listed by name, as entries). */
export async function pickedFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const entries: Entry[] = [];
  for (const item of Array.from(data.items)) {
    const e = (item as DataTransferItem & { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.();
    if (e) entries.push(e);
  }
  if (entries.length === 0) return pickedFromInput(data.files);
  const out: PickedFile[] = [];
  for (const e of entries) {
    if (e.isFile) {
      out.push({ name: e.name, file: await entryFile(e) });
      continue;
    }
    for (const child of await directoryEntries(e)) {
      const name = `${e.name}/${child.name}`;
      if (child.isFile) out.push({ name, file: await entryFile(child) });
      else out.push({ name: `${name}/`, file: new File([], child.name) });
    }
  }
  return sortByName(out);
}
