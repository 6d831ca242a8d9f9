/** CRC-32 (ISO 3309, the zip format's), one implementation for reading and writing packages. */

let CRC_TABLES: Uint32Array | undefined;
/**
 * Running CRC-32 (start with 0xffffffff, finish with `^ 0xffffffff`), for parts inflated chunk by chunk; slicing by 8
 * (eight tables of 256 in one array, eight bytes a step), several times faster than a byte at a time on every part
 * of every file.
 */
export function crc32Update(crc: number, data: Uint8Array): number {
  let t = CRC_TABLES;
  if (!t) {
    t = new Uint32Array(8 * 256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n]! >>> 8) ^ t[t[(k - 1) * 256 + n]! & 0xff]!;
    CRC_TABLES = t;
  }
  let c = crc;
  let i = 0;
  const n8 = data.length - (data.length % 8);
  for (; i < n8; i += 8) {
    const a = c ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24));
    const b = data[i + 4]! | (data[i + 5]! << 8) | (data[i + 6]! << 16) | (data[i + 7]! << 24);
    c =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + (b & 0xff)]! ^
      t[512 + ((b >>> 8) & 0xff)]! ^
      t[256 + ((b >>> 16) & 0xff)]! ^
      t[b >>> 24]!;
  }
  for (; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

/** The CRC-32 of `data` in one piece. */
export const crc32 = (data: Uint8Array): number => (crc32Update(0xffffffff, data) ^ 0xffffffff) >>> 0;
