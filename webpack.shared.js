/*
 * What every bundle of this repository compiles the same way: TypeScript through ts-loader with transpileOnly (type
 * checking is `npm run typecheck`) and ES modules (so webpack tree-shakes Fluent UI and its icons; the rest of
 * tsconfig.json applies), and the extensions imports resolve to. No `fallback`: webpack 5 fails the build when an
 * import reaches a Node built-in, which is what the browser bundles want.
 */
'use strict';

const path = require('node:path');

/**
 * The ts-loader rule. `configFile`: the tsconfig it reads (tsconfig.json; the CLI's tsconfig.cli.json); `sourceMap`:
 * emit source maps (development builds), else left to the tsconfig.
 */
function typescriptRule({ root, configFile = 'tsconfig.json', sourceMap }) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: 'ts-loader',
      options: {
        transpileOnly: true,
        configFile: path.join(root, configFile),
        compilerOptions: sourceMap === undefined ? { module: 'es2020' } : { module: 'es2020', sourceMap },
      },
    },
  };
}

const resolve = () => ({ extensions: ['.ts', '.tsx', '.js', '.json'] });

module.exports = { typescriptRule, resolve };
