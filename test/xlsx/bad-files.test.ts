import { strToU8, zipSync } from 'fflate';
import { buildPackage } from '../fixtures/package';
import { readXlsx, patchXlsx, XlsxError, type XlsxErrorReason } from '../../src/xlsx';

async function reasonOf(bytes: Uint8Array, opts?: { maxUncompressedBytes?: number }): Promise<{ reason: XlsxErrorReason; message: string }> {
  try {
    await readXlsx(bytes, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxError);
    const x = e as XlsxError;
    return { reason: x.reason, message: x.message };
  }
  throw new Error('readXlsx accepted the file');
}

const good = (): Uint8Array => buildPackage({ sheets: [{ name: '封面', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' }] });

/** Little-endian field offsets in zip headers. */
function setU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}
function centralEntries(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i++) if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x01 && b[i + 3] === 0x02) out.push(i);
  return out;
}

/** A compound-file header (what Excel writes for a password-protected workbook) with the named streams. */
function cfb(streamNames: string[]): Uint8Array {
  const b = new Uint8Array(2048);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  streamNames.forEach((n, i) => {
    for (let j = 0; j < n.length; j++) b[1024 + i * 128 + j * 2] = n.charCodeAt(j);
  });
  return b;
}

describe('damaged or hostile files are refused with XlsxError and the right reason', () => {
  test('a CSV file renamed .xlsx → csv, naming the fix; other bytes → not-xlsx', async () => {
    const r = await reasonOf(strToU8('填报单位,报告期\n某县妇联,2026Q3\n'));
    expect(r.reason).toBe('csv');
    expect(r.message).toMatch(/CSV/);
    expect(r.message).toMatch(/另存为 \.xlsx/);
    const other = await reasonOf(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x01]));
    expect(other.reason).toBe('not-xlsx');
    expect(other.message).toMatch(/不是/);
    expect(r.message).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('an empty file → not-xlsx', async () => {
    expect((await reasonOf(new Uint8Array(0))).reason).toBe('not-xlsx');
  });

  test('a truncated zip → truncated', async () => {
    const b = good();
    expect((await reasonOf(b.slice(0, Math.floor(b.length / 2)))).reason).toBe('truncated');
    expect((await reasonOf(b.slice(0, b.length - 10))).reason).toBe('truncated');
  });

  test('a zip whose part was corrupted in place → truncated (CRC), not a crash', async () => {
    const b = good();
    const name = strToU8('xl/workbook.xml');
    // corrupt the first data byte after the workbook part's local header
    for (let i = 0; i < b.length; i++) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 3 && b[i + 3] === 4) {
        const n = b[i + 26]! | (b[i + 27]! << 8);
        const e = b[i + 28]! | (b[i + 29]! << 8);
        if (Buffer.from(b.subarray(i + 30, i + 30 + n)).equals(Buffer.from(name))) {
          b[i + 30 + n + e + 2] ^= 0xff;
          break;
        }
      }
    }
    expect((await reasonOf(b)).reason).toBe('truncated');
  });

  test('a compound file with an encrypted package → encrypted; an old .xls → legacy-xls', async () => {
    const enc = await reasonOf(cfb(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']));
    expect(enc.reason).toBe('encrypted');
    expect(enc.message).toMatch(/加密/);
    const xls = await reasonOf(cfb(['Root Entry', 'Workbook']));
    expect(xls.reason).toBe('legacy-xls');
    expect(xls.message).toMatch(/\.xls/);
  });

  test('a zip without xl/workbook.xml → no-workbook; a Word document or an .ods says what it is', async () => {
    const bare = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'docProps/app.xml': strToU8('<Properties/>') });
    expect((await reasonOf(bare)).reason).toBe('no-workbook');
    const docx = await reasonOf(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }));
    expect(docx.reason).toBe('other-document');
    expect(docx.message).toMatch(/\.docx/);
    const ods = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<office:document-content/>') });
    expect((await reasonOf(ods)).reason).toBe('ods');
  });

  test('a binary .xlsb workbook → xlsb, naming the format', async () => {
    const xlsb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.bin': new Uint8Array([0x83, 0x01, 0x00]) });
    const r = await reasonOf(xlsb);
    expect(r.reason).toBe('xlsb');
    expect(r.message).toMatch(/\.xlsb/);
  });

  test('a workbook without worksheets → empty', async () => {
    expect((await reasonOf(buildPackage({ sheets: [] }))).reason).toBe('empty');
  });

  test('a central directory declaring a huge size is refused before inflating (zip bomb)', async () => {
    const b = good();
    const entries = centralEntries(b);
    // Claim 4 GB for one part: inflating into a buffer of that size would throw a RangeError, not an XlsxError.
    setU32(b, entries[2]! + 24, 0xfffffff0);
    const r = await reasonOf(b);
    expect(r.reason).toBe('too-large');
    expect(r.message).toMatch(/过大/);
  });

  test('declared sizes adding up past the limit → too-large; the limit is an option', async () => {
    const b = good();
    expect((await reasonOf(b, { maxUncompressedBytes: 100 })).reason).toBe('too-large');
    await expect(readXlsx(b, { maxUncompressedBytes: 1_000_000 })).resolves.toBeDefined();
  });

  test('an absurd compression ratio on a big entry → too-large even under the total limit', async () => {
    const b = good();
    const entries = centralEntries(b);
    setU32(b, entries[0]! + 24, 50 * 1024 * 1024); // 50 MB from a few hundred bytes
    expect((await reasonOf(b, { maxUncompressedBytes: 1024 * 1024 * 1024 })).reason).toBe('too-large');
  });

  test('an entry lying small about its size does not inflate past the lie', async () => {
    const big = strToU8(`<?xml version="1.0"?><x>${'妇'.repeat(100_000)}</x>`);
    const z = zipSync({ 'xl/workbook.xml': big });
    const entries = centralEntries(z);
    setU32(z, entries[0]! + 24, 1000);
    expect((await reasonOf(z)).reason).toBe('truncated');
  });

  test('patchXlsx refuses damaged input with the same errors', () => {
    const plan = { toolOwned: [], summary: { name: '汇总', cells: [], columnWidths: [] } };
    expect(() => patchXlsx(strToU8('hello'), plan)).toThrow(XlsxError);
    expect(() => patchXlsx(cfb(['EncryptionInfo']), plan)).toThrow(expect.objectContaining({ reason: 'encrypted' }));
  });
});
