/*
 * Web build: the Excel add-in's task pane (taskpane.html, its ES5 loader, the office.js copy it falls back to, the
 * support page), written to dist/web with the add-in's manifest beside that folder (dist/manifest.xml), and the web
 * page dist/fulian-returns.html (one self-contained file; its configuration is webpack.page.js). TypeScript goes
 * through webpack.shared.js's rule; every script is lowered to ES2017 at the end. The CLI compiles separately with
 * tsc into dist/.
 *
 * Deployment (contract section 9): FULIAN_BASE_URL=https://host/path/ names where dist/ is served; the add-in's
 * files are then at FULIAN_BASE_URL + web/ (FULIAN_ADDIN_URL overrides that), and dist/manifest.xml points there.
 * Without it, dist/manifest.xml is the development manifest (https://localhost:3000, what `npm start` serves).
 */
'use strict';

const path = require('node:path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { pageConfig } = require('./webpack.page');
const { typescriptRule, resolve } = require('./webpack.shared');

const root = __dirname;
// FULIAN_WEB_OUT lets the e2e suite build elsewhere without clobbering a developer's dist/web.
const outDir = process.env.FULIAN_WEB_OUT ? path.resolve(process.env.FULIAN_WEB_OUT) : path.join(root, 'dist', 'web');
// The web page goes beside the web folder (dist/fulian-returns.html; FULIAN_PAGE_OUT: elsewhere).
const pageOutDir = process.env.FULIAN_PAGE_OUT ? path.resolve(process.env.FULIAN_PAGE_OUT) : path.dirname(outDir);
const devPort = Number(process.env.PORT) || 3000;
const { LowerToEs2017Plugin } = require('./scripts/webpack-es2017');

/** Where the development manifest (manifest.xml in the repository) points: the dev server. */
const DEV_ORIGIN = 'https://localhost:3000/';

/** The add-in's address for this build, ending in '/', or null for the development manifest. */
function addinUrl(env = process.env) {
  if (env.FULIAN_ADDIN_URL) return new URL(env.FULIAN_ADDIN_URL.replace(/\/?$/, '/')).href;
  if (!env.FULIAN_BASE_URL) return null;
  const base = new URL(env.FULIAN_BASE_URL.replace(/\/?$/, '/'));
  if (base.protocol !== 'https:') throw new Error(`FULIAN_BASE_URL must be an https:// address (Office loads add-ins over https only): ${base.href}`);
  return new URL('web/', base).href;
}

/** The development manifest made into the manifest of a deployment at `url`: every dev-server URL replaced. */
function deployedManifest(xml, url) {
  if (url === null) return xml;
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return xml
    .replace(/<!--[\s\S]*?-->/, `<!--\n  Add-in only manifest of 妇联指标报表助手 (Excel task pane), built by \`npm run build\` for ${escaped}.\n-->`)
    .split(DEV_ORIGIN)
    .join(escaped);
}

/** The parts of @microsoft/office-js that Excel loads: office.js, its Excel host scripts, and the string tables. */
function officeJsPatterns() {
  const dist = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
  return [
    { from: 'office.js', context: dist, to: 'office/' },
    { from: 'o15apptofilemappingtable.js', context: dist, to: 'office/' },
    { from: 'excel-*.js', context: dist, to: 'office/', globOptions: { ignore: ['**/*.debug.js'] } },
    { from: '*/office_strings.js', context: dist, to: 'office/' },
  ].map((p) => ({ ...p, info: { minimized: true } }));
}

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
    resolve: resolve(),
    module: {
      rules: [
        typescriptRule({ root, sourceMap: dev }),
        { test: /\.(png|jpe?g|gif|svg|ico|xlsx)$/i, type: 'asset/resource', generator: { filename: 'assets/[name][ext]' } },
      ],
    },
    plugins: [
      // The pane's scripts are loaded by loader.js (their names in its data-bundles), not by tags of their own.
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        inject: false,
        minify: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          // The README's screenshots are not part of the site.
          { from: 'assets', to: 'assets', noErrorOnMissing: true, globOptions: { ignore: ['**/preview.png', '**/pane-350.png', '**/web-reviewer.png'] } },
          { from: 'src/taskpane/static/loader.js', to: 'loader.js', info: { minimized: true } },
          { from: 'src/taskpane/static/support.html', to: 'support.html' },
          ...officeJsPatterns(),
          // Beside dist/web (dist/manifest.xml, for the admin), and in it too (the dev server serves /manifest.xml).
          ...[path.join(outDir, '..', 'manifest.xml'), 'manifest.xml'].map((to) => ({
            from: 'manifest.xml',
            to,
            transform: (content) => deployedManifest(content.toString('utf8'), addinUrl()),
          })),
        ],
      }),
      new LowerToEs2017Plugin(),
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
