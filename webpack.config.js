/*
 * Web build: the Excel add-in's task pane (taskpane.html), written to dist/web, and the web page
 * dist/fulian-returns.html (one self-contained file; its configuration is webpack.page.js). TypeScript goes through ts-loader with transpileOnly (type checking is `npm run typecheck`).
 * The CLI compiles separately with tsc into dist/ (cli, engine, …); nothing here writes outside dist/web.
 */
'use strict';

const path = require('node:path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { pageConfig } = require('./webpack.page');

const root = __dirname;
// FULIAN_WEB_OUT lets the e2e suite build elsewhere without clobbering a developer's dist/web.
const outDir = process.env.FULIAN_WEB_OUT ? path.resolve(process.env.FULIAN_WEB_OUT) : path.join(root, 'dist', 'web');
// The web page goes beside the web folder (dist/fulian-returns.html; FULIAN_PAGE_OUT: elsewhere).
const pageOutDir = process.env.FULIAN_PAGE_OUT ? path.resolve(process.env.FULIAN_PAGE_OUT) : path.dirname(outDir);
const devPort = Number(process.env.PORT) || 3000;

/**
 * webpack's own minimizer plugin (minimizer-webpack-plugin in this webpack, terser-webpack-plugin in older ones),
 * resolved where webpack resolves it: it is webpack's dependency, not ours. Null when neither is found.
 */
function webpackMinimizer() {
  const paths = [path.dirname(require.resolve('webpack/package.json'))];
  for (const name of ['minimizer-webpack-plugin', 'terser-webpack-plugin']) {
    try {
      return { name, Plugin: require(require.resolve(name, { paths })) };
    } catch {
      /* try the next */
    }
  }
  return null;
}
/** SWC's minifier (the @swc/core the tests already use): several times faster than terser on 2 cores. */
function swcMinimizer() {
  const found = webpackMinimizer();
  if (!found || !found.Plugin.swcMinify) return '...'; // webpack's default minimizer
  const { name, Plugin } = found;
  return name === 'minimizer-webpack-plugin'
    ? new Plugin({ minify: { implementation: Plugin.swcMinify, options: { compress: true, mangle: true } } })
    : new Plugin({ minify: Plugin.swcMinify, terserOptions: { compress: true, mangle: true } });
}

/** Certificates for the dev server: the files office-addin-dev-certs made (scripts/start.js makes them), else its own API. */
async function httpsOptions() {
  const certs = require('./scripts/dev-certs');
  if (certs.certificatesUsable()) return certs.readHttpsOptions();
  return require('office-addin-dev-certs').getHttpsServerOptions();
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const dev = mode === 'development';
  const serving = Boolean(env.WEBPACK_SERVE);

  const web = {
    mode,
    context: root,
    // Not eval-based: taskpane.html's Content-Security-Policy forbids eval.
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
    },
    output: {
      path: outDir,
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      // No `fallback`: webpack 5 fails the build when an import reaches a Node built-in, which is what we want.
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: path.join(root, 'tsconfig.json'),
              // ES modules let webpack tree-shake Fluent UI and its icons; the rest of tsconfig.json applies.
              compilerOptions: { module: 'es2020', sourceMap: dev },
            },
          },
        },
        { test: /\.(png|jpe?g|gif|svg|ico|xlsx)$/i, type: 'asset/resource', generator: { filename: 'assets/[name][ext]' } },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          // preview.png is the README's screenshot, not part of the site.
          { from: 'assets', to: 'assets', noErrorOnMissing: true, globOptions: { ignore: ['**/preview.png'] } },
          { from: 'manifest.xml', to: 'manifest.xml', noErrorOnMissing: true },
        ],
      }),
    ],
    performance: { hints: false },
    optimization: {
      minimize: !dev,
      minimizer: [swcMinimizer()],
    },
    // One line per emitted file with its size, biggest first (webpack collapses long lists unless told otherwise).
    stats: {
      preset: 'normal',
      assets: true,
      assetsSort: '!size',
      assetsSpace: 1000,
      cachedAssets: true,
      groupAssetsByChunk: false,
      groupAssetsByEmitStatus: false,
      groupAssetsByExtension: false,
      groupAssetsByInfo: false,
      groupAssetsByPath: false,
      modules: false,
      children: false,
      entrypoints: true,
    },
    devServer: {
      port: devPort,
      host: 'localhost',
      allowedHosts: 'all',
      hot: false,
      liveReload: true,
      open: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: serving ? { type: 'https', options: await httpsOptions() } : 'https',
      static: false,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
  // The web page (webpack.page.js) is built beside them too (`--env page`: it alone).
  const page = pageConfig({ mode, outDir: pageOutDir });
  if (env.page) return page;
  // The WPS 表格 add-in (webpack.wps.js) is built beside the web files (`--env wps`: it alone). Not by the dev server,
  // nor for a FULIAN_WEB_OUT build (the e2e suite) unless FULIAN_WPS_OUT says where.
  if (serving || (process.env.FULIAN_WEB_OUT && !process.env.FULIAN_WPS_OUT && !env.wps)) return [web, page];
  const wps = require('./webpack.wps').wpsConfig(web, { root, webOut: outDir });
  return env.wps ? wps : [web, wps, page];
};
