// ESLint flat config. `npm run lint` runs it; `npm test` runs lint before jest.
// Two project rules ride on it: the engine is pure (imports only zod and itself), and UI code has no literal
// colours (Fluent UI v9 tokens only). test/lint.test.ts proves both fire.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';
import * as espree from 'espree'; // ESLint's own JavaScript parser, for the ES5 scripts
import { builtinModules } from 'node:module';
import path from 'node:path';

const ENGINE = path.join(import.meta.dirname, 'src/engine');
const TEMPLATES = path.join(import.meta.dirname, 'src/templates');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));

/** Why a bare module specifier is out of bounds for the engine (mirrors test/engine/purity.test.ts). */
function forbiddenModule(spec) {
  if (spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0])) return 'a Node built-in';
  if (/^@microsoft\/office-js|^office-js|^office-addin/.test(spec)) return 'Office.js';
  if (/^react(-dom)?(\/|$)/.test(spec)) return 'React';
  if (/^@fluentui\//.test(spec)) return 'Fluent UI';
  if (/^(exceljs|fflate|saxes)(\/|$)/.test(spec)) return 'an xlsx, zip or XML library';
  if (/^zod(\/|$)/.test(spec)) return null;
  return 'a module other than zod';
}

/**
 * The engine is pure: it imports only zod, its own files and the template JSON beside it. Unlike
 * no-restricted-imports this also sees require() and import(), and resolves relative paths (../xlsx, ../../cli …).
 */
const enginePurity = {
  meta: { type: 'problem', schema: [], messages: { module: "The engine is pure: '{{spec}}' is {{why}} (the engine imports only zod).", outside: "The engine is pure: '{{spec}}' reaches outside src/engine." } },
  create(context) {
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const spec = node.value;
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(context.filename), spec);
        const inside = [ENGINE, TEMPLATES].some((d) => target === d || target.startsWith(d + path.sep));
        if (!inside) context.report({ node, messageId: 'outside', data: { spec } });
        return;
      }
      const why = forbiddenModule(spec);
      if (why) context.report({ node, messageId: 'module', data: { spec, why } });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      TSImportEqualsDeclaration: (n) => check(n.moduleReference?.expression),
      TSImportType: (n) => check(n.source ?? n.argument?.literal),
      CallExpression: (n) => n.callee.type === 'Identifier' && n.callee.name === 'require' && check(n.arguments[0]),
    };
  },
};
/**
 * Office.js (its `Excel` and `Office` namespaces, values or types) is used only by the Excel host, the task pane's
 * entry (Office.onReady) and the fake of it: components get the host as a prop, WPS has its own API.
 */
const officeConfined = {
  meta: { type: 'problem', schema: [], messages: { office: "Only the Excel host (src/taskpane/excel*.ts) uses Office.js: '{{name}}' here." } },
  create(context) {
    const report = (node) => context.report({ node, messageId: 'office', data: { name: node.name } });
    const OFFICE = '/^(Excel|Office)$/';
    return {
      [`MemberExpression > Identifier.object[name=${OFFICE}]`]: report,
      [`TSQualifiedName > Identifier.left[name=${OFFICE}]`]: report,
      [`TSTypeQuery > Identifier.exprName[name=${OFFICE}]`]: report,
    };
  },
};
const fulian = { meta: { name: 'fulian' }, rules: { 'engine-purity': enginePurity, 'office-confined': officeConfined } };

const NAMED = 'white|black|red|green|blue|yellow|orange|gray|grey|purple|pink|transparent';
// the same colour forms test/taskpane/no-hardcoded-colours.test.ts greps for
const HEX = String.raw`#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\b`;
const FUNC = String.raw`\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(`;
const COLOUR_MESSAGE = 'No literal colours in UI code: use Fluent UI v9 tokens (tokens.colorXxx) in a makeStyles file.';
const COLOUR_RULES = [
  { selector: `Literal[value=/${HEX}|${FUNC}/]`, message: COLOUR_MESSAGE },
  { selector: `TemplateElement[value.raw=/${HEX}|${FUNC}/]`, message: COLOUR_MESSAGE },
  // a colour name as the whole string ('red') or ending one ('1px solid red'); appearance="transparent" is a Fluent
  // button style, not a colour
  {
    selector: `Literal[value=/^(?:${NAMED})$|\\s(?:${NAMED})$/]:not(JSXAttribute[name.name="appearance"] > Literal):not(Property[key.name="appearance"] > Literal)`,
    message: COLOUR_MESSAGE,
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.cache/**', 'test/.tmp/**', 'test/e2e/screenshots/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // the codebase writes paired assignments as comma sequences ((a = 1), (b = 2)); rewriting them buys nothing
      '@typescript-eslint/no-unused-expressions': 'off',
      // walking parent chains (for (let s = this; s; s = s.parent)) and closures over the model need `this` in a local
      '@typescript-eslint/no-this-alias': 'off',
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    // CommonJS scripts (bin/, scripts/, webpack configs): require() is their import
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      // `const crypto = require('node:crypto')` shadows the browser global of the same name on purpose
      'no-redeclare': ['error', { builtinGlobals: false }],
    },
  },
  {
    // ES5 on purpose (they must parse in IE 11 / old WPS webviews): the parser rejects anything newer
    files: ['src/taskpane/static/loader.js', 'src/wps/addin/main.js'],
    // (Promise: the loader feature-tests it before use)
    languageOptions: { parser: espree, ecmaVersion: 5, sourceType: 'script', globals: { Promise: 'readonly' } },
    rules: {
      // top-level functions are the ribbon's callbacks, called by WPS by name; ES5 catch needs a binding
      '@typescript-eslint/no-unused-vars': ['error', { vars: 'local', args: 'none', caughtErrors: 'none' }],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // expected CLI output keeps its literal column spacing; terminal escapes are matched on purpose
      'no-regex-spaces': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.tsx', 'test/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['src/**/*.tsx', 'test/**/*.tsx'],
    rules: {
      // React Compiler diagnostics (the build does not use the compiler): the pane keeps the latest value in a ref
      // during render, and loads the sample on mount with setState in an effect, both sound without the compiler
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    files: ['src/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ['src/**/*.tsx'],
    rules: {
      // a scrollable region must be focusable for keyboard users (axe: scrollable-region-focusable)
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'], allowExpressionValues: true }],
    },
  },
  {
    files: ['src/engine/**/*.{ts,tsx,js}'],
    plugins: { fulian },
    rules: {
      'fulian/engine-purity': 'error',
      // An indexed look-up asserted present (`cols[i]!`) hides a missing key; the engine types its keys instead.
      'no-restricted-syntax': [
        'error',
        { selector: "TSNonNullExpression[expression.type='MemberExpression'][expression.computed=true]", message: 'No `x[i]!` in the engine: type the keys (DataSheetLayout.columns) or handle the missing entry.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/taskpane/excel*.ts', 'src/taskpane/index.tsx', 'src/office-fake/**'],
    plugins: { fulian },
    rules: { 'fulian/office-confined': 'error' },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'src/preview/**/*.{ts,tsx}', 'src/wps/**/*.tsx'],
    // host code, not UI: Excel's and WPS's cell fills take '#RRGGBB' / BGR numbers, which Fluent tokens cannot be
    ignores: ['src/taskpane/excel-marks.ts'],
    rules: { 'no-restricted-syntax': ['error', ...COLOUR_RULES] },
  },
);
