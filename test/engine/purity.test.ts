/* The engine is pure: nothing under src/engine imports Office.js, React, Fluent UI, ExcelJS, fflate or Node built-ins. */
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../src/engine');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|js|mjs|cjs)$/.test(f) ? [p] : [];
  });
}

/** Every module specifier a file imports, re-exports, requires or dynamically imports. */
function specifiers(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]!);
  return out;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]!]));

function forbidden(spec: string): string | null {
  if (spec.startsWith('node:')) return 'a Node built-in';
  if (BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]!)) return 'a Node built-in';
  if (/^@microsoft\/office-js|^office-js|^office-addin/.test(spec)) return 'Office.js';
  if (/^react(-dom)?(\/|$)/.test(spec)) return 'React';
  if (/^@fluentui\//.test(spec)) return 'Fluent UI';
  if (/^exceljs(\/|$)/.test(spec)) return 'ExcelJS';
  if (/^fflate(\/|$)/.test(spec)) return 'fflate';
  return null;
}

describe('engine purity', () => {
  it('the checker itself catches what it must', () => {
    const src = `import fs from 'fs';\nimport { x } from "node:path";\nexport * from 'react';\nconst z = require('exceljs');\nawait import('@fluentui/react-components');\nimport type { Y } from '@microsoft/office-js';\nimport { a } from './a';`;
    expect(specifiers(src).sort().map((s) => [s, forbidden(s)])).toEqual([
      ['./a', null],
      ['@fluentui/react-components', 'Fluent UI'],
      ['@microsoft/office-js', 'Office.js'],
      ['exceljs', 'ExcelJS'],
      ['fs', 'a Node built-in'],
      ['node:path', 'a Node built-in'],
      ['react', 'React'],
    ]);
  });

  it('no file under src/engine imports a host, UI, file or Node module, nor reaches outside the engine', () => {
    const all = files(ROOT);
    expect(all.length).toBeGreaterThan(10);
    const bad: string[] = [];
    for (const f of all) {
      for (const spec of specifiers(readFileSync(f, 'utf8'))) {
        const why = forbidden(spec);
        if (why) bad.push(`${relative(ROOT, f)} imports ${spec} (${why})`);
        if (spec.startsWith('.')) {
          const target = resolve(dirname(f), spec);
          const inside = target.startsWith(ROOT) || target.startsWith(resolve(ROOT, '../templates'));
          if (!inside) bad.push(`${relative(ROOT, f)} reaches outside the engine: ${spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
