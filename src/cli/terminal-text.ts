/**
 * Text for a terminal. File names and workbook text may hold control characters (ESC, CR, newline …) and bidi
 * controls; printed raw they recolour or move the cursor, forge whole lines (a unit "x\n✔ 0 个问题"), or reorder what a
 * file name looks like. They are shown as visible escapes instead (`\x1b`, `\n`, `\u202e`).
 */
import type { TextSink } from './io';

// C0 controls, DEL, C1 controls, and the bidi embedding, override, isolate and mark characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_OUTPUT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string): string => {
  const n = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};

/** One text (a file name, a unit, a message holding cell text) on one terminal line, every control shown. */
export function terminalText(s: string): string {
  return s.replace(UNSAFE, visible);
}

// What the CLI itself writes: SGR colours (ESC [ n m) and the progress line's clear (CR ESC [ K).
// eslint-disable-next-line no-control-regex
const OWN = /\u001b\[\d{1,2}m|\r\u001b\[K/g;

/**
 * A sink that passes newlines and the CLI's own colour and progress sequences, and shows every other control
 * character as an escape: nothing from a file reaches the terminal raw, whatever path it took into the output.
 */
export function guardedSink(sink: TextSink): TextSink {
  return {
    write(chunk: string) {
      let out = '';
      let pos = 0;
      for (const m of chunk.matchAll(OWN)) {
        out += chunk.slice(pos, m.index).replace(UNSAFE_IN_OUTPUT, visible) + m[0];
        pos = m.index + m[0].length;
      }
      out += chunk.slice(pos).replace(UNSAFE_IN_OUTPUT, visible);
      return sink.write(out);
    },
  };
}
