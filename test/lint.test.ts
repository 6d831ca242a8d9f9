/*
 * The project's own lint rules fire: engine purity (fulian/engine-purity), Office.js only in the Excel host
 * (fulian/office-confined) and no literal colours in UI code (no-restricted-syntax). ESLint's Node API runs in a child process (its config is ESM, which jest's module
 * registry cannot load), on in-memory snippets linted as if they were files at the given paths.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

interface Snippet {
  file: string;
  code: string;
}
interface Result {
  file: string;
  messages: { ruleId: string | null; line: number; message: string; fatal?: boolean }[];
}

function lint(snippets: Snippet[]): Result[] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd(), cache: false });
    const snippets = JSON.parse(process.argv[1]);
    const out = [];
    for (const s of snippets) {
      const [r] = await eslint.lintText(s.code, { filePath: s.file });
      out.push({ file: s.file, messages: r.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, message: m.message, fatal: m.fatal })) });
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(snippets)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return JSON.parse(stdout) as Result[];
}

/** [file, line, rule] of each message from the rules under test (and parse errors). */
const hits = (results: Result[], rules: string[]) =>
  results.flatMap((r) =>
    r.messages.filter((m) => m.fatal || rules.includes(m.ruleId ?? '')).map((m) => [r.file, m.line, m.fatal ? 'parse' : m.ruleId]),
  );

const SNIPPETS: Snippet[] = [
  // engine: what it must not import, by every form of import
  { file: 'src/engine/a.ts', code: "import React from 'react';\nexport const a = React;\n" },
  { file: 'src/engine/b.ts', code: "import fs from 'fs';\nimport { join } from 'node:path';\nexport const b = [fs, join];\n" },
  { file: 'src/engine/c.ts', code: "export * from 'exceljs';\nexport { unzipSync } from 'fflate';\nexport const c = () => import('@fluentui/react-components');\n" },
  { file: 'src/engine/d.ts', code: "const saxes = require('saxes');\nexport const d = saxes;\nexport type O = typeof import('@microsoft/office-js');\n" },
  { file: 'src/engine/calc/e.ts', code: "import { readReturn } from '../../xlsx';\nimport { main } from '../../cli/main';\nexport const e = [readReturn, main];\n" },
  // engine: what it may import (zod, its own files, the template JSON beside it)
  {
    file: 'src/engine/calc/ok.ts',
    code: "import { z } from 'zod';\nimport t from '../../templates/fulian-quarterly.json';\nimport { a1 } from '../address';\nimport { x } from './x';\nexport const ok = [z, t, a1, x];\n",
  },
  // outside the engine the same imports are fine
  { file: 'src/cli/ok.ts', code: "import fs from 'node:fs';\nimport { unzipSync } from 'fflate';\nexport const ok = [fs, unzipSync];\n" },
  // UI: literal colours in a styles file, a component, a WPS pane component, a template literal
  { file: 'src/taskpane/components/X.styles.ts', code: "export const s = { color: '#fff', background: \"#C41E3A\" };\n" },
  {
    file: 'src/preview/X.tsx',
    code: "export const X = () => <div style={{ border: '1px solid red', color: 'white' }} />;\nexport const h = 'hsl(0 0% 0%)';\n",
  },
  { file: 'src/wps/X.tsx', code: 'export const rgb = (r: number) => `rgb(${r}, 0, 0)`;\n' },
  // UI: not colours
  {
    file: 'src/taskpane/components/Ok.tsx',
    code: "import { Button, tokens } from '@fluentui/react-components';\nexport const Ok = () => <Button appearance=\"transparent\" id=\"container\" />;\nexport const c = tokens.colorNeutralForeground1;\nexport const sel = '#container';\nexport const rgbToHex = 1;\n",
  },
  // the Excel host writes cell fills as '#RRGGBB': not UI
  { file: 'src/taskpane/excel-marks.ts', code: "export const FILL = '#FFC7CE';\n" },
  // Office.js only in the Excel host: values, qualified types and typeof, outside it; the host files and the fake may
  { file: 'src/wps/office.ts', code: 'export const run = (f: (c: Excel.RequestContext) => Promise<void>) => Excel.run(f);\nexport type X = typeof Office;\n' },
  { file: 'src/taskpane/components/Lang.tsx', code: 'export const lang = (): string => Office.context.displayLanguage;\nexport const office = { Office: 1 }.Office;\n' },
  { file: 'src/taskpane/excel-read.ts', code: 'export const run = (f: (c: Excel.RequestContext) => Promise<void>) => Excel.run(f);\n' },
  { file: 'src/office-fake/x.ts', code: 'export type X = typeof Excel;\n' },
  // the ES5 scripts: newer syntax does not parse
  { file: 'src/wps/addin/main.js', code: 'let x = () => 1;\nx();\n' },
];

describe('lint rules', () => {
  const results = lint(SNIPPETS);
  const found = hits(results, ['fulian/engine-purity', 'no-restricted-syntax']);

  it('Office.js is confined to the Excel host: each use elsewhere is reported, by line', () => {
    expect(hits(results, ['fulian/office-confined']).filter(([, , rule]) => rule !== 'parse')).toEqual([
      ['src/wps/office.ts', 1, 'fulian/office-confined'],
      ['src/wps/office.ts', 1, 'fulian/office-confined'],
      ['src/wps/office.ts', 2, 'fulian/office-confined'],
      ['src/taskpane/components/Lang.tsx', 1, 'fulian/office-confined'],
    ]);
  });

  it('engine purity: every forbidden import is reported, by line, and only in the engine', () => {
    expect(found.filter(([f]) => String(f).startsWith('src/engine') || String(f).startsWith('src/cli'))).toEqual([
      ['src/engine/a.ts', 1, 'fulian/engine-purity'],
      ['src/engine/b.ts', 1, 'fulian/engine-purity'],
      ['src/engine/b.ts', 2, 'fulian/engine-purity'],
      ['src/engine/c.ts', 1, 'fulian/engine-purity'],
      ['src/engine/c.ts', 2, 'fulian/engine-purity'],
      ['src/engine/c.ts', 3, 'fulian/engine-purity'],
      ['src/engine/d.ts', 1, 'fulian/engine-purity'],
      ['src/engine/d.ts', 3, 'fulian/engine-purity'],
      ['src/engine/calc/e.ts', 1, 'fulian/engine-purity'],
      ['src/engine/calc/e.ts', 2, 'fulian/engine-purity'],
    ]);
    const a = results.find((r) => r.file === 'src/engine/a.ts')!.messages[0]!.message;
    expect(a).toBe("The engine is pure: 'react' is React (the engine imports only zod).");
  });

  it('no literal colours in UI code: hex, functional and named colours are reported; tokens and hosts are not', () => {
    expect(found.filter(([f]) => !String(f).startsWith('src/engine') && !String(f).startsWith('src/cli'))).toEqual([
      ['src/taskpane/components/X.styles.ts', 1, 'no-restricted-syntax'],
      ['src/taskpane/components/X.styles.ts', 1, 'no-restricted-syntax'],
      ['src/preview/X.tsx', 1, 'no-restricted-syntax'],
      ['src/preview/X.tsx', 1, 'no-restricted-syntax'],
      ['src/preview/X.tsx', 2, 'no-restricted-syntax'],
      ['src/wps/X.tsx', 1, 'no-restricted-syntax'],
      ['src/wps/addin/main.js', 1, 'parse'],
    ]);
  });
});
