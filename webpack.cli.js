/*
 * CLI build (`npm run build:cli`): the command and its worker thread bundled for Node, with zod, fflate and saxes
 * inside, into dist/cli/ (main.js, which bin/fulian-returns.js loads; worker.js, which the pool starts; and the chunks
 * the lazy loaders of src/cli/lazy.ts ask for). One file per job instead of ~150 small modules: resolving and reading
 * those was a third of a one-file `check` (bench/cli.bench.ts measures it against a bare `node -e 0`).
 *
 * Every file lands in dist/cli itself, so `__dirname` (left to Node) is that folder in each of them: the pool finds
 * worker.js beside it and `--version` finds the package.json two levels up. Not minified: the parse cost is V8's lazy
 * pre-parse either way, and a stack trace from a user's machine stays readable.
 */
'use strict';

const path = require('node:path');
const { typescriptRule, resolve } = require('./webpack.shared');

const root = __dirname;

/** @param {{ out?: string }} env  `--env out=DIR` builds into DIR/cli instead (the tests' private builds). */
module.exports = (env = {}) => ({
  mode: 'production',
  target: 'node20',
  context: root,
  devtool: false,
  entry: {
    main: './src/cli/main.ts',
    worker: './src/cli/parallel/worker.ts',
  },
  output: {
    path: path.join(env.out ? path.resolve(env.out) : path.join(root, 'dist'), 'cli'),
    filename: '[name].js',
    chunkFilename: '[name].js',
    library: { type: 'commonjs2' },
    clean: true,
  },
  node: { __dirname: false, __filename: false },
  // Only the TypeScript sources run workers through tsx's hook (jest, tsx bench/run.ts); the bundle never does.
  externals: { 'tsx/cjs/api': 'commonjs tsx/cjs/api' },
  resolve: resolve(),
  module: { rules: [typescriptRule({ root, configFile: 'tsconfig.cli.json' })] },
  optimization: { minimize: false, chunkIds: 'named', moduleIds: 'named' },
  performance: { hints: false },
  stats: 'errors-warnings',
});
