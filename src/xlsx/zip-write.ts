/**
 * Writing a zip: entries either deflated from their data or copied as already-compressed bytes (with the CRC and
 * sizes the input's central directory gave). Plain zip (no zip64): the package limit keeps it far below 4 GB.
 */
import { deflateSync } from 'fflate';
import { crc32 } from './crc32';

export type ZipEntryIn =
  | { readonly name: string; readonly data: Uint8Array; readonly level: 0 | 6 }
  | { readonly name: string; readonly method: number; readonly crc: number; readonly compressed: Uint8Array; readonly size: number };

/** 2000-01-01 00:00 in MS-DOS time: a fixed timestamp keeps the output the same for the same input. */
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const LIMIT = 0xffffffff;

interface EntryFields {
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly nameLength: number;
}

/**
 * The run of fields the local header (from byte 6) and the central directory header (from byte 8) share: flags,
 * method, time, date, CRC-32, compressed and uncompressed sizes, name length (APPNOTE 4.3.7 and 4.3.12).
 */
function setEntryFields(v: DataView, at: number, f: EntryFields): void {
  v.setUint16(at, f.flags, true);
  v.setUint16(at + 2, f.method, true);
  v.setUint16(at + 4, DOS_TIME, true);
  v.setUint16(at + 6, DOS_DATE, true);
  v.setUint32(at + 8, f.crc, true);
  v.setUint32(at + 12, f.compressedSize, true);
  v.setUint32(at + 16, f.size, true);
  v.setUint16(at + 20, f.nameLength, true);
}

export function writeZip(entries: readonly ZipEntryIn[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    // eslint-disable-next-line no-control-regex
    const flags = /^[\x00-\x7f]*$/.test(e.name) ? 0 : 0x0800; // bit 11: the name is UTF-8
    let method: number;
    let crc: number;
    let body: Uint8Array;
    let size: number;
    if ('data' in e) {
      crc = crc32(e.data);
      size = e.data.length;
      if (e.level === 0) (method = 0), (body = e.data);
      else (method = 8), (body = deflateSync(e.data, { level: e.level }));
    } else {
      ({ method, crc, compressed: body, size } = e);
    }
    if (offset > LIMIT || body.length > LIMIT || size > LIMIT) throw new Error('writeZip: the package is too large for a zip without zip64');
    const fields: EntryFields = { flags, method, crc, compressedSize: body.length, size, nameLength: name.length };
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    setEntryFields(lv, 6, fields);
    lv.setUint16(28, 0, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    setEntryFields(cv, 8, fields);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, body);
    central.push(cd);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  if (entries.length > 0xffff || offset > LIMIT) throw new Error('writeZip: the package is too large for a zip without zip64');
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let o = 0;
  for (const c of [...chunks, ...central, eocd]) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
