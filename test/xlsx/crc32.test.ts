/* The packages' CRC-32 against zlib's (an implementation we did not write), whole and fed in pieces. */
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { crc32, crc32Update } from '../../src/xlsx/crc32';

test('the check value of "123456789" is CBF43926 (ISO 3309)', () => {
  expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  expect(crc32(new Uint8Array(0))).toBe(0);
});

test('any bytes, whole or cut anywhere into two pieces, give zlib.crc32', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), (data, at) => {
      const want = zlibCrc32(data);
      expect(crc32(data)).toBe(want);
      const cut = data.length ? at % data.length : 0;
      const running = crc32Update(crc32Update(0xffffffff, data.subarray(0, cut)), data.subarray(cut));
      expect((running ^ 0xffffffff) >>> 0).toBe(want);
    }),
  );
});
