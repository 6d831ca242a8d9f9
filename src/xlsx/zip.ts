/**
 * Opening and writing the zip package with fflate, refusing damaged or hostile input before inflating anything.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { xlsxError } from './errors';

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
/** Deflate cannot do much better than ~1030:1; a declared ratio above this on a big entry is a lie or a bomb. */
const MAX_RATIO = 500;
const RATIO_MIN_BYTES = 16 * 1024 * 1024;

/** The package's parts in their original order, decompressed. */
export interface ZipPackage {
  readonly names: string[];
  readonly parts: Map<string, Uint8Array>;
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

interface EntryInfo {
  readonly name: string;
  readonly size: number;
  readonly originalSize: number;
}

/** Reads the package, throwing XlsxError (never anything else) for anything that is not a sound zip. */
export function openPackage(bytes: Uint8Array, maxUncompressedBytes = DEFAULT_MAX_UNCOMPRESSED_BYTES): ZipPackage {
  if (bytes.length >= 8 && startsWith(bytes, CFB_MAGIC)) {
    if (hasUtf16(bytes, 'EncryptionInfo') || hasUtf16(bytes, 'EncryptedPackage')) throw xlsxError('encrypted');
    throw xlsxError('not-xlsx', 'an old binary .xls workbook; save it as .xlsx (旧版 .xls 格式，请另存为 .xlsx)');
  }
  const isZipStart = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
  if (!isZipStart) throw xlsxError('not-xlsx');
  if (findEocd(bytes) < 0) throw xlsxError('truncated');

  // Pass 1: list the central directory without inflating anything.
  const entries: EntryInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        return false;
      },
    });
  } catch {
    throw xlsxError('truncated');
  }
  let total = 0;
  for (const e of entries) {
    total += e.originalSize;
    if (e.originalSize > RATIO_MIN_BYTES && e.originalSize / Math.max(e.size, 1) > MAX_RATIO) {
      throw xlsxError('too-large', `${e.name} claims ${e.originalSize} bytes from ${e.size}`);
    }
  }
  if (total > maxUncompressedBytes) {
    throw xlsxError('too-large', `${total} bytes uncompressed, limit ${maxUncompressedBytes}`);
  }

  // Pass 2: inflate; fflate writes into buffers of the declared sizes, so memory stays within the limit.
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw xlsxError('truncated');
  }
  const names: string[] = [];
  const parts = new Map<string, Uint8Array>();
  for (const e of entries) {
    const data = files[e.name];
    if (!data || parts.has(e.name)) continue;
    if (data.length !== e.originalSize) throw xlsxError('truncated', `${e.name} is damaged`);
    names.push(e.name);
    parts.set(e.name, data);
  }
  return { names, parts };
}

/** A fixed timestamp keeps the output deterministic for the same input. */
const MTIME = new Date(Date.UTC(2000, 0, 1));

/** Zips parts in the given order. */
export function writePackage(pkg: ZipPackage, level: 0 | 6 = 6): Uint8Array {
  const z: Zippable = {};
  for (const name of pkg.names) {
    const data = pkg.parts.get(name);
    if (data) z[name] = [data, { level: /\.(png|jpe?g|gif|emf|wmf|bin)$/i.test(name) ? 0 : level, mtime: MTIME }];
  }
  return zipSync(z);
}

export const text = (data: Uint8Array | undefined): string | undefined => (data ? strFromU8(data) : undefined);
export const utf8 = (s: string): Uint8Array => strToU8(s);
