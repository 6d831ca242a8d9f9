/**
 * The comments part of a worksheet (SpreadsheetML `comments`, ECMA-376 Part 1, 18.7): our notes added to it. A cell
 * that already holds a user's comment keeps it, with our text appended as a run after theirs; every other element of
 * an existing part stays as it was.
 */
import { escapeAttr, escapeText, findElement, parseAttrs, rootPrefix } from '../xml';

export const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';

/** Our run: small type like Excel's own notes. */
function run(p: string, text: string): string {
  return `<${p}r><${p}rPr><${p}sz val="9"/></${p}rPr><${p}t xml:space="preserve">${escapeText(text)}</${p}t></${p}r>`;
}

function comment(p: string, ref: string, authorId: number, text: string): string {
  return `<${p}comment ref="${escapeAttr(ref)}" authorId="${authorId}"><${p}text>${run(p, text)}</${p}text></${p}comment>`;
}

/** A new comments part in namespace `ns` with one comment per cell. */
export function newComments(ns: string, author: string, notes: ReadonlyMap<string, string>): string {
  const list = [...notes].map(([ref, t]) => comment('', ref, 0, t)).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<comments xmlns="${escapeAttr(ns)}"><authors><author>${escapeText(author)}</author></authors><commentList>${list}</commentList></comments>`
  );
}

/** The refs (upper-case A1) an existing comments part holds. */
export function commentRefs(xml: string): string[] {
  return [...xml.matchAll(/<(?:[\w.-]+:)?comment\b[^>]*>/g)]
    .filter((m) => !/^<(?:[\w.-]+:)?commentList\b/.test(m[0]))
    .map((m) => (parseAttrs(m[0]).get('ref') ?? '').replace(/\$/g, '').toUpperCase());
}

/**
 * Adds our notes to an existing comments part: appended to a user's comment on the same cell (after a line break),
 * or as new comments by our author (added to `authors` when absent).
 */
export function mergeComments(xml: string, author: string, notes: ReadonlyMap<string, string>): string {
  const p = rootPrefix(xml, 'comments');
  let out: string;
  const pending = new Map(notes);

  // Appended to the user's own comments, in place.
  const tag = new RegExp(`<${p.replace('.', '\\.')}comment(?=[\\s/>])[^>]*>`, 'g');
  let rebuilt = '';
  let last = 0;
  for (const m of xml.matchAll(tag)) {
    if (m[0].endsWith('/>') || m.index < last) continue;
    const end = xml.indexOf(`</${p}comment>`, m.index);
    if (end < 0) continue;
    const ref = (parseAttrs(m[0]).get('ref') ?? '').replace(/\$/g, '').toUpperCase();
    const note = pending.get(ref);
    if (note === undefined) continue;
    pending.delete(ref);
    const whole = xml.slice(m.index, end + `</${p}comment>`.length);
    rebuilt += xml.slice(last, m.index) + appendToComment(p, whole, note);
    last = m.index + whole.length;
  }
  out = rebuilt + xml.slice(last);
  if (pending.size === 0) return out;

  // Our author, then the new comments at the end of the list.
  const authors = findElement(out, `${p}authors`);
  let authorId: number;
  if (!authors) {
    authorId = 0;
    const root = findElement(out, `${p}comments`)!;
    out = `${out.slice(0, root.tagEnd)}<${p}authors><${p}author>${escapeText(author)}</${p}author></${p}authors>${out.slice(root.tagEnd)}`;
  } else {
    const names = authors.selfClosing
      ? []
      : [...out.slice(authors.tagEnd, authors.end).matchAll(new RegExp(`<${p}author(?:\\s[^>]*)?>([\\s\\S]*?)</${p}author>`, 'g'))].map((m) => m[1]!);
    const found = names.indexOf(escapeText(author));
    authorId = found >= 0 ? found : names.length;
    if (found < 0) {
      const el = `<${p}author>${escapeText(author)}</${p}author>`;
      out = authors.selfClosing
        ? `${out.slice(0, authors.start)}<${p}authors>${el}</${p}authors>${out.slice(authors.end)}`
        : `${out.slice(0, authors.end - `</${p}authors>`.length)}${el}${out.slice(authors.end - `</${p}authors>`.length)}`;
    }
  }
  const added = [...pending].map(([ref, t]) => comment(p, ref, authorId, t)).join('');
  const list = findElement(out, `${p}commentList`);
  if (!list) {
    const a = findElement(out, `${p}authors`)!;
    return `${out.slice(0, a.end)}<${p}commentList>${added}</${p}commentList>${out.slice(a.end)}`;
  }
  if (list.selfClosing) return `${out.slice(0, list.start)}<${p}commentList>${added}</${p}commentList>${out.slice(list.end)}`;
  const close = list.end - `</${p}commentList>`.length;
  return `${out.slice(0, close)}${added}${out.slice(close)}`;
}

/** One `<comment>` element with our note as a run after the user's text. */
function appendToComment(p: string, whole: string, note: string): string {
  const textEl = findElement(whole, `${p}text`);
  if (!textEl) return whole.replace(new RegExp(`</${p}comment>$`), `<${p}text>${run(p, note)}</${p}text></${p}comment>`);
  if (textEl.selfClosing) return whole.slice(0, textEl.start) + `<${p}text>${run(p, note)}</${p}text>` + whole.slice(textEl.end);
  const closeText = `</${p}text>`;
  const inner = whole.slice(textEl.tagEnd, textEl.end - closeText.length);
  // A plain <t> (no runs) goes into a run of its own first, so the text is runs only.
  const hasRuns = new RegExp(`<${p}r[\\s>]`).test(inner);
  const plain = hasRuns ? undefined : findElement(inner, `${p}t`);
  const body = plain ? `${inner.slice(0, plain.start)}<${p}r>${inner.slice(plain.start, plain.end)}</${p}r>${inner.slice(plain.end)}` : inner;
  // Runs come before phonetic runs and properties (CT_Rst: t?, r*, rPh*, phoneticPr?).
  const rPh = body.search(new RegExp(`<${p}(?:rPh|phoneticPr)[\\s>/]`));
  const at = rPh < 0 ? body.length : rPh;
  return `${whole.slice(0, textEl.tagEnd)}${body.slice(0, at)}${run(p, `\n${note}`)}${body.slice(at)}${whole.slice(textEl.end - closeText.length)}`;
}

/**
 * Drops the comments an earlier annotation wrote (those by `author`), so a return sent back, corrected and sent in
 * again carries only this check's notes. A user's comment that had ours appended keeps everything in it.
 */
export function dropAuthorComments(xml: string, author: string): { readonly xml: string; readonly removed: readonly string[] } {
  const p = rootPrefix(xml, 'comments');
  const authors = findElement(xml, `${p}authors`);
  if (!authors || authors.selfClosing) return { xml, removed: [] };
  const names = [...xml.slice(authors.tagEnd, authors.end).matchAll(new RegExp(`<${p}author(?:\\s[^>]*)?>([\\s\\S]*?)</${p}author>`, 'g'))].map((m) => m[1]!);
  const ours = names.indexOf(escapeText(author));
  if (ours < 0) return { xml, removed: [] };
  const removed: string[] = [];
  const el = new RegExp(`<${p}comment(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${p}comment>)`, 'g');
  const out = xml.replace(el, (whole) => {
    const a = parseAttrs(whole.slice(0, whole.indexOf('>') + 1));
    if (a.get('authorId') !== String(ours)) return whole;
    removed.push((a.get('ref') ?? '').replace(/\$/g, '').toUpperCase());
    return '';
  });
  return { xml: out, removed };
}
