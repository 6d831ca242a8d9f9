/**
 * An opened package being edited part by part (fill's patch, annotate's copy): parts keep their bytes unless their
 * text changes, new parts go after the existing ones, and a part written back is UTF-8 whatever it was read as.
 */
import { text, utf8, type ZipPackage } from './zip';

export class PackageParts {
  constructor(readonly z: ZipPackage) {}
  has(name: string): boolean {
    return this.z.parts.has(name);
  }
  get(name: string): string | undefined {
    return text(this.z.parts.get(name));
  }
  set(name: string, xml: string): void {
    if (!this.z.parts.has(name)) this.z.names.push(name);
    // A part read as UTF-16 is written back as UTF-8, and its declaration must say so.
    this.z.parts.set(name, utf8(xml.replace(/^(\uFEFF?<\?xml[^>]*?encoding\s*=\s*["'])utf-16[^"']*/i, '$1UTF-8')));
  }
  /** Sets a part only when its text changed from `before`, so an untouched part keeps its exact bytes. */
  update(name: string, before: string | undefined, after: string): void {
    if (before !== after) this.set(name, after);
  }
  /** Sets a part only when its text differs from what the part holds now (or it is new). */
  put(name: string, xml: string): void {
    this.update(name, this.get(name), xml);
  }
  delete(name: string): void {
    if (!this.z.parts.delete(name)) return;
    const i = this.z.names.indexOf(name);
    if (i >= 0) this.z.names.splice(i, 1);
  }
  /** The uncompressed size of the package as it stands. */
  size(): number {
    let n = 0;
    for (const b of this.z.parts.values()) n += b.length;
    return n;
  }
  /** `xl/comments1.xml`, `xl/comments2.xml` …: the first name no part has. */
  freeName(prefix: string, ext: string): string {
    const taken = new Set([...this.z.names].map((n) => n.toLowerCase()));
    let n = 1;
    while (taken.has(`${prefix}${n}${ext}`.toLowerCase())) n++;
    return `${prefix}${n}${ext}`;
  }
}
