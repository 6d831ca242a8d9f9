/** The sample return travels inside the page as a data: URL; decoded here, never fetched (the page's CSP allows no fetch). */
import sampleDataUrl from '../../assets/sample-return.xlsx';

export const SAMPLE_NAME = 'sample-return.xlsx';

export function sampleBytes(): Uint8Array {
  const base64 = sampleDataUrl.slice(sampleDataUrl.indexOf(',') + 1);
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
