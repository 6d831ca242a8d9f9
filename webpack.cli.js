/*
 * CLI build (`npm run build:cli`): the command and its worker thread bundled for Node, zod, fflate and saxes inside,
 * one file each: dist/cli/main.js (which bin/fulian-returns.js loads, with V8's code cache: bin/code-cache.js) and
 * dist/cli/worker.js (which the pool starts). One file instead of ~150 small modules: resolving and reading those
 * was a third of a one-file `check` (bench/reader.bench.ts measures it against a bare `node -e 0`). The lazy loaders
 * of src/cli/lazy.ts stay lazy inside the file (no async chunks: a module's code runs on first use, not at start).
 *
 * Both files land in dist/cli itself, so `__dirname` (left to Node) is that folder in each: the pool finds worker.js
 * beside it and `--version` finds the package.json two levels up. Not minified: with the code cache V8 does not parse
 * the text, and a stack trace from a user's machine stays readable.
 */
'use strict';

const path = require('node:path');
const { typescriptRule, resolve } = require('./webpack.shared');

const root = __dirname;

/**
 * @param {{ out?: string, bench?: boolean }} env  `--env out=DIR` builds into DIR/cli instead (the tests' and benches'
 *   private builds); `--env bench` adds bench-lib.js, the reader and the engine for bench/reader.bench.ts.
 */
function typescript() {
  const rule = typescriptRule({ root, configFile: 'tsconfig.cli.json' });
  // tsconfig.cli.json's rootDir (src) is tsc's output layout, which a bundle does not have; bench-lib's entry is in bench/.
  rule.use.options.compilerOptions = { ...rule.use.options.compilerOptions, rootDir: root };
  return rule;
}

module.exports = (env = {}) => ({
  mode: 'production',
  target: 'node20',
  context: root,
  devtool: false,
  entry: {
    main: './src/cli/main.ts',
    worker: './src/cli/parallel/worker.ts',
    ...(env.bench ? { 'bench-lib': './bench/bundled.ts' } : {}),
  },
  output: {
    path: path.join(env.out ? path.resolve(env.out) : path.join(root, 'dist'), 'cli'),
    filename: '[name].js',
    asyncChunks: false,
    library: { type: 'commonjs2' },
    clean: true,
  },
  node: { __dirname: false, __filename: false },
  // Only the TypeScript sources run workers through tsx's hook (jest, tsx bench/run.ts); the bundle never does.
  externals: { 'tsx/cjs/api': 'commonjs tsx/cjs/api' },
  resolve: {
    ...resolve(),
    // fflate's Node build requires node:worker_threads at load for its async API, which we never call; its browser
    // build is the same sync code (the web page runs it) without that few-ms load at every start.
    alias: { fflate$: 'fflate/browser' },
  },
  module: { rules: [typescript()] },
  optimization: { minimize: false, moduleIds: 'named' },
  performance: { hints: false },
  stats: 'errors-warnings',
});
