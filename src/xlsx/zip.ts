/**
 * Opening and writing the zip package with fflate, refusing damaged or hostile input before inflating anything.
 */
import { Inflate, inflateSync, strFromU8, strToU8 } from 'fflate';
import { xlsxError, type XlsxError } from './errors';
import { crc32, crc32Update } from './crc32';
import { writeZip, type ZipEntryIn } from './zip-write';

export { crc32 };

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
/** Deflate cannot do much better than ~1030:1; a declared ratio above this on a big entry is a lie or a bomb. */
const MAX_RATIO = 500;
const RATIO_MIN_BYTES = 16 * 1024 * 1024;

/** The package's parts in their original order, decompressed. */
export interface ZipPackage {
  readonly names: string[];
  readonly parts: Map<string, Uint8Array>;
  /** Each part as the input stored it, so a part nobody replaced is written back as its original compressed bytes. */
  readonly stored?: Map<string, StoredEntry>;
}

/** One entry of the input zip: its compressed bytes and what the central directory says of them. */
export interface StoredEntry {
  readonly method: number;
  readonly crc: number;
  readonly compressed: Uint8Array;
  /** The inflated bytes as handed out in `parts`: the entry is untouched while `parts` still holds this array. */
  readonly data: Uint8Array;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x);

/** UTF-16LE search, for stream names in a compound file's directory. */
function hasUtf16(bytes: Uint8Array, s: string): boolean {
  const pat = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) pat[i * 2] = s.charCodeAt(i);
  outer: for (let i = 0; i + pat.length <= bytes.length; i++) {
    for (let j = 0; j < pat.length; j++) if (bytes[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

function findEocd(b: Uint8Array): number {
  for (let e = b.length - 22; e >= 0 && b.length - e <= 65557 + 22; e--) {
    if (b[e] === 0x50 && b[e + 1] === 0x4b && b[e + 2] === 0x05 && b[e + 3] === 0x06) return e;
  }
  return -1;
}

export interface EntryInfo {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly originalSize: number;
  readonly localOffset: number;
}

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;

/** The central directory, read without inflating anything; throws 'truncated' when it does not add up. */
function centralDirectory(b: Uint8Array, eocd: number): EntryInfo[] {
  let count = u16(b, eocd + 10);
  let offset = u32(b, eocd + 16);
  // zip64 end of central directory locator just before the EOCD
  if (eocd >= 20 && u32(b, eocd - 20) === 0x07064b50) {
    const z = u64(b, eocd - 12);
    if (z + 56 <= b.length && u32(b, z) === 0x06064b50) {
      count = u64(b, z + 32);
      offset = u64(b, z + 48);
    }
  }
  const out: EntryInfo[] = [];
  let o = offset;
  const dec = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (o + 46 > b.length || u32(b, o) !== 0x02014b50) throw xlsxError('truncated');
    const nameLen = u16(b, o + 28);
    const extraLen = u16(b, o + 30);
    const commentLen = u16(b, o + 32);
    if (o + 46 + nameLen + extraLen > b.length) throw xlsxError('truncated');
    let size = u32(b, o + 20);
    let originalSize = u32(b, o + 24);
    let localOffset = u32(b, o + 42);
    const name = dec.decode(b.subarray(o + 46, o + 46 + nameLen));
    // zip64 extended information extra field
    let e = o + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (originalSize === 0xffffffff) (originalSize = u64(b, q)), (q += 8);
        if (size === 0xffffffff) (size = u64(b, q)), (q += 8);
        if (localOffset === 0xffffffff) localOffset = u64(b, q);
      }
      e += 4 + len;
    }
    out.push({ name, method: u16(b, o + 10), crc: u32(b, o + 16), size, originalSize, localOffset });
    o = eEnd + commentLen;
  }
  return out;
}

function inflateEntry(b: Uint8Array, e: EntryInfo): { data: Uint8Array; raw: Uint8Array } {
  const lo = e.localOffset;
  if (lo + 30 > b.length || u32(b, lo) !== 0x04034b50) throw xlsxError('truncated', `${e.name} is damaged`);
  const start = lo + 30 + u16(b, lo + 26) + u16(b, lo + 28);
  if (start + e.size > b.length) throw xlsxError('truncated', `${e.name} is cut short`);
  const raw = b.subarray(start, start + e.size);
  let data: Uint8Array;
  if (e.method === 0) data = raw.slice();
  else if (e.method === 8) {
    try {
      // Written into a buffer of the declared size: a lying entry cannot grow past it.
      data = inflateSync(raw, { out: new Uint8Array(e.originalSize) });
    } catch {
      throw xlsxError('truncated', `${e.name} is damaged`);
    }
  } else throw xlsxError('not-xlsx', `${e.name} uses an unsupported compression method ${e.method}`);
  if (data.length !== e.originalSize || crc32(data) !== e.crc) throw xlsxError('truncated', `${e.name} is damaged`);
  return { data, raw };
}

/**
 * An entry name as OPC compares part names: case-insensitive, `\\` as `/`, no leading slash. Two entries that fold
 * to one name are one part written twice, and readers disagree on which copy counts (ISO/IEC 29500-2 §6.2.2.3).
 */
export function foldName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/** The vetted central directory: every entry, each name once, declared sizes within the limits. */
export interface ZipDirectory {
  readonly bytes: Uint8Array;
  readonly entries: readonly EntryInfo[];
  /** By folded name (foldName). */
  readonly byName: ReadonlyMap<string, EntryInfo>;
}

/**
 * Reads and vets the central directory without inflating anything: another format recognised by its signature,
 * truncation, declared sizes over the limit or an absurd ratio, and names that appear twice.
 */
export function readDirectory(bytes: Uint8Array, maxUncompressedBytes = DEFAULT_MAX_UNCOMPRESSED_BYTES): ZipDirectory {
  if (bytes.length >= 8 && startsWith(bytes, CFB_MAGIC)) {
    if (hasUtf16(bytes, 'EncryptionInfo') || hasUtf16(bytes, 'EncryptedPackage')) throw xlsxError('encrypted');
    throw xlsxError('legacy-xls');
  }
  const isZipStart = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
  if (!isZipStart) throw notZip(bytes);
  const eocd = findEocd(bytes);
  if (eocd < 0) throw xlsxError('truncated');

  const entries = centralDirectory(bytes, eocd);
  let total = 0;
  const byName = new Map<string, EntryInfo>();
  for (const e of entries) {
    total += e.originalSize;
    if (e.originalSize > RATIO_MIN_BYTES && e.originalSize / Math.max(e.size, 1) > MAX_RATIO) {
      throw xlsxError('too-large', `${e.name} claims ${e.originalSize} bytes from ${e.size}`);
    }
    if (e.name.endsWith('/')) continue;
    const key = foldName(e.name);
    const seen = byName.get(key);
    if (seen) throw xlsxError('duplicate-entry', seen.name === e.name ? e.name : `${seen.name}, ${e.name}`);
    byName.set(key, e);
  }
  if (total > maxUncompressedBytes) {
    throw xlsxError('too-large', `${total} bytes uncompressed, limit ${maxUncompressedBytes}`);
  }
  return { bytes, entries, byName };
}

/** What a file that is no zip at all most likely is: a CSV or text file, or something else. */
function notZip(bytes: Uint8Array): XlsxError {
  const head = bytes.subarray(0, 4096);
  if (head.length > 0 && looksLikeText(head) && /[,\t;]/.test(strFromU8(head, true)) && /\n/.test(strFromU8(head, true))) return xlsxError('csv');
  return xlsxError('not-xlsx');
}

function looksLikeText(b: Uint8Array): boolean {
  let control = 0;
  for (const x of b) if (x === 0 || (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d)) control++;
  return control === 0;
}

/** Parts up to this size are inflated in one go; bigger ones stream. */
const WHOLE_BYTES = 8 * 1024 * 1024;

/** A chunk of compressed input at a time: at most ~16 MB of output per push even at deflate's best ratio. */
const PUSH_BYTES = 16 * 1024;

/**
 * Inflates one entry chunk by chunk into `sink`, never past its declared size, and checks its CRC at the end; the
 * whole part is never held at once unless the sink keeps it.
 */
export function streamEntry(dir: ZipDirectory, e: EntryInfo, sink: (chunk: Uint8Array) => void): void {
  const b = dir.bytes;
  const lo = e.localOffset;
  if (lo + 30 > b.length || u32(b, lo) !== 0x04034b50) throw xlsxError('truncated', `${e.name} is damaged`);
  const start = lo + 30 + u16(b, lo + 26) + u16(b, lo + 28);
  if (start + e.size > b.length) throw xlsxError('truncated', `${e.name} is cut short`);
  const raw = b.subarray(start, start + e.size);
  let crc = 0xffffffff;
  let length = 0;
  const take = (chunk: Uint8Array): void => {
    length += chunk.length;
    if (length > e.originalSize) throw xlsxError('truncated', `${e.name} is damaged`);
    crc = crc32Update(crc, chunk);
    sink(chunk);
  };
  if (e.method === 0) {
    for (let i = 0; i < raw.length; i += 1024 * 1024) take(raw.subarray(i, Math.min(raw.length, i + 1024 * 1024)));
  } else if (e.method === 8 && e.originalSize <= WHOLE_BYTES) {
    // Small parts (every part of a real return) at once: fflate's one-shot inflate into a buffer of the declared size
    // is several times faster than its stream, and the memory is bounded by WHOLE_BYTES all the same.
    let data: Uint8Array;
    try {
      data = inflateSync(raw, { out: new Uint8Array(e.originalSize) });
    } catch {
      throw xlsxError('truncated', `${e.name} is damaged`);
    }
    take(data);
  } else if (e.method === 8) {
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      if (raw.length === 0) inflater.push(raw, true);
      for (let i = 0; i < raw.length; i += PUSH_BYTES) inflater.push(raw.subarray(i, Math.min(raw.length, i + PUSH_BYTES)), i + PUSH_BYTES >= raw.length);
    } catch (x) {
      if (x instanceof Error && x.name === 'XlsxError') throw x;
      throw xlsxError('truncated', `${e.name} is damaged`);
    }
  } else throw xlsxError('not-xlsx', `${e.name} uses an unsupported compression method ${e.method}`);
  if (length !== e.originalSize || ((crc ^ 0xffffffff) >>> 0) !== e.crc) throw xlsxError('truncated', `${e.name} is damaged`);
}

/** Reads the package, throwing XlsxError (never anything else) for anything that is not a sound zip. */
export function openPackage(bytes: Uint8Array, maxUncompressedBytes = DEFAULT_MAX_UNCOMPRESSED_BYTES): ZipPackage {
  const dir = readDirectory(bytes, maxUncompressedBytes);
  // Inflate each entry into a buffer of its declared size and check its CRC.
  const names: string[] = [];
  const parts = new Map<string, Uint8Array>();
  const stored = new Map<string, StoredEntry>();
  for (const e of dir.entries) {
    if (e.name.endsWith('/')) continue;
    const { data, raw } = inflateEntry(bytes, e);
    names.push(e.name);
    parts.set(e.name, data);
    stored.set(e.name, { method: e.method, crc: e.crc, compressed: raw, data });
  }
  return { names, parts, stored };
}

/** The error for a zip without a workbook part, naming the binary .xlsb format when that is what it is. */
export function noWorkbook(parts: ReadonlyMap<string, unknown>): XlsxError {
  const has = (n: string): boolean => parts.has(n) || parts.has(foldName(n));
  if (has('xl/workbook.bin')) return xlsxError('xlsb');
  if (has('mimetype') || has('content.xml')) return xlsxError('ods');
  if (has('word/document.xml')) return xlsxError('other-document', 'a Word document (.docx) (Word 文档)');
  if (has('ppt/presentation.xml')) return xlsxError('other-document', 'a PowerPoint presentation (.pptx) (PowerPoint 演示文稿)');
  return xlsxError('no-workbook');
}

/**
 * Zips parts in the given order. A part still holding the array `openPackage` inflated is copied as its original
 * compressed bytes (never inflated and deflated again, never stored instead); new or changed parts are deflated.
 */
export function writePackage(pkg: ZipPackage, level: 0 | 6 = 6): Uint8Array {
  return writeZip(
    pkg.names.flatMap((name): ZipEntryIn[] => {
      const data = pkg.parts.get(name);
      if (!data) return [];
      const original = pkg.stored?.get(name);
      if (original && original.data === data) return [{ name, method: original.method, crc: original.crc, compressed: original.compressed, size: data.length }];
      return [{ name, data, level }];
    }),
  );
}

/** A part's text: UTF-8, or UTF-16 when the part starts with its byte order mark (XML allows both). */
export const text = (data: Uint8Array | undefined): string | undefined => {
  if (!data) return undefined;
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) {
    return new TextDecoder(data[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(data);
  }
  return strFromU8(data);
};
export const utf8 = (s: string): Uint8Array => strToU8(s);
