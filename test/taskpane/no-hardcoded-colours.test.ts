import * as fs from 'node:fs';
import * as path from 'node:path';

const DIR = path.resolve(__dirname, '../../src/taskpane');

/**
 * Not UI: excel-marks.ts is the Office.js host's highlight marks, which are Excel cell fills ('#RRGGBB' is what
 * Excel's conditional-format API takes; Fluent tokens are CSS variables Excel cannot read).
 */
const NOT_UI = new Set(['excel-marks.ts']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(tsx?|html|css)$/.test(e.name) && !NOT_UI.has(path.relative(DIR, p)) ? [p] : [];
  });
}

const NAMED = 'white|black|red|green|blue|yellow|orange|gray|grey|purple|pink|transparent';

/** Hex colours (#abc, #aabbcc, #aabbccdd), functional colours, and CSS named colours other than the keywords. */
const COLOUR = new RegExp(
  [
    String.raw`#[0-9a-fA-F]{3,4}\b`,
    String.raw`#[0-9a-fA-F]{6}\b`,
    String.raw`#[0-9a-fA-F]{8}\b`,
    String.raw`\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(`,
    // a quoted colour name ('red'), or one ending a quoted value ('1px solid red'); Fluent's appearance="transparent"
    // is a button style, not a colour
    String.raw`(?<!appearance=|appearance: )['"](?:${NAMED})['"]`,
    String.raw`['"][^'"\n]*\s(?:${NAMED})['"]`,
  ].join('|'),
);

/** Strips comments so that prose about colours is not flagged. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1').replace(/<!--[\s\S]*?-->/g, '');

describe('task pane styles', () => {
  const all = files(DIR);

  test('the scan sees the task pane sources', () => {
    expect(all.map((f) => path.relative(DIR, f))).toEqual(
      expect.arrayContaining(['App.tsx', 'App.styles.ts', path.join('components', 'FindingsList.styles.ts')]),
    );
  });

  test('the pattern catches what it must', () => {
    for (const bad of [
      "color: '#fff',",
      'x: "#C41E3A"',
      'background: rgb(1, 2, 3)',
      "borderColor: 'red',",
      'hsl(0 0% 0%)',
      "border: '1px solid transparent',",
      'style={{ color: "white" }}',
    ]) {
      expect(COLOUR.test(` ${bad} `)).toBe(true);
    }
    for (const ok of [
      'color: tokens.colorNeutralForeground1,',
      "id: '#container'",
      'const rgbToHex = 1',
      'tokens.colorPaletteRedForeground1',
      '<Button appearance="transparent" />',
      "color={behind ? 'warning' : 'brand'}",
    ]) {
      expect(COLOUR.test(` ${ok} `)).toBe(false);
    }
  });

  test.each(files(DIR).map((f) => [path.relative(DIR, f), f]))('%s hard-codes no colour', (_rel, file) => {
    const lines = code(fs.readFileSync(file, 'utf8')).split('\n');
    const hits = lines.map((l, i) => [i + 1, l] as const).filter(([, l]) => COLOUR.test(l));
    expect(hits).toEqual([]);
  });

  test('makeStyles is called only in *.styles.ts files beside their component', () => {
    for (const f of all) {
      const text = fs.readFileSync(f, 'utf8');
      if (/\bmakeStyles\(/.test(text)) {
        expect(f).toMatch(/\.styles\.ts$/);
        const component = f.replace(/\.styles\.ts$/, '.tsx');
        expect(fs.existsSync(component)).toBe(true);
      }
      if (/\.tsx$/.test(f)) expect(text).not.toMatch(/\bstyle=\{\{[^}]*\b(?:color|background|border)/i);
    }
  });
});
