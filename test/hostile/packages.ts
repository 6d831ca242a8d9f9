/** Small hostile variants of a clean return, made by editing its parts as text (fflate, not the code under test). */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { checkReturn, planFill, standardTemplate } from '../../src/engine';
import type { FillPlan } from '../../src/engine/fill-plan';
import type { WorkbookView } from '../../src/engine/workbook';
import { cleanReturn, viewToXlsx } from '../cli/helpers';

export const template = standardTemplate();

export interface Clean {
  readonly view: WorkbookView;
  readonly bytes: Uint8Array;
  readonly plan: FillPlan;
}

export async function cleanPackage(seed = 1): Promise<Clean> {
  const view = cleanReturn({ seed });
  return { view, bytes: await viewToXlsx(view), plan: planFill(view, template, checkReturn(view, template)) };
}

/** The zip's entries as text or bytes, edited by `fn`, zipped again (deflated) in the same order. */
export function editParts(bytes: Uint8Array, fn: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  fn(files);
  const z: Zippable = {};
  for (const [n, d] of Object.entries(files)) z[n] = d;
  return zipSync(z);
}

export function editText(bytes: Uint8Array, part: string, fn: (xml: string) => string): Uint8Array {
  return editParts(bytes, (f) => {
    const xml = f[part];
    if (!xml) throw new Error(`no ${part}`);
    f[part] = strToU8(fn(strFromU8(xml)));
  });
}

/** Zip entry of a sheet by name, from workbook.xml and its rels (regex: ExcelJS writes them plainly). */
export function sheetPart(bytes: Uint8Array, name: string): string {
  const f = unzipSync(bytes);
  const wb = strFromU8(f['xl/workbook.xml']!);
  const rels = strFromU8(f['xl/_rels/workbook.xml.rels']!);
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wb)?.[1];
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no sheet ${name}`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}
