/*
 * The web page (网页版): dist/fulian-returns.html, ONE self-contained file — the page's script, its worker's script
 * (as inert text the page turns into a blob: worker), the template, the sample return and the styles all inlined.
 * Its Content-Security-Policy allows nothing from anywhere: scripts only by their sha256 hashes, workers only from
 * blob:, images only data:/blob:, no connect-src at all. Scripts are lowered to ES2017 with SWC (the bundle holds
 * node_modules code such as zod and Fluent UI written in newer syntax) and minified in the same pass.
 *
 * Exported as a function of (mode, outDir) so webpack.config.js adds it beside the add-in's configuration.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { typescriptRule, resolve } = require('./webpack.shared');

const root = __dirname;
const PAGE_NAME = 'fulian-returns.html';
const WORKER_ENTRY = './src/preview/worker.ts';
const WORKER_ELEMENT_ID = 'fulian-worker-source';
const TEMPLATE = path.join(root, 'src', 'preview', 'page.html');

/** Text inside <script>: "</script" and "<!--" cannot appear raw (JS accepts the escaped forms in strings and regexes). */
const scriptSafe = (code) => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Lowers to ES2017 and (in production) minifies with SWC. */
function lower(code, minify) {
  const swc = require('@swc/core');
  return swc.transformSync(code, {
    filename: 'bundle.js',
    sourceMaps: false,
    minify,
    isModule: false,
    jsc: {
      parser: { syntax: 'ecmascript' },
      target: 'es2017',
      loose: false,
      externalHelpers: false,
      minify: minify ? { compress: true, mangle: true } : undefined,
    },
  }).code;
}

/** Compiles the worker entry as a child compilation and hands its one script back as text. */
class InlineWorkerPlugin {
  apply(compiler) {
    const { webpack } = compiler;
    compiler.hooks.make.tapAsync('InlineWorkerPlugin', (compilation, done) => {
      const child = compilation.createChildCompiler(
        'page-worker',
        { filename: 'page-worker.js', chunkFilename: 'page-worker.[id].js', globalObject: 'self' },
        [
          new webpack.webworker.WebWorkerTemplatePlugin(),
          new webpack.EntryPlugin(compiler.context, WORKER_ENTRY, { name: 'page-worker' }),
          new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
        ],
      );
      child.runAsChild((err, _entries, childCompilation) => {
        if (err) return done(err);
        if (childCompilation.errors.length) return done(childCompilation.errors[0]);
        compilation.fulianWorkerFile = 'page-worker.js';
        done();
      });
    });
  }
}

/** Writes fulian-returns.html from src/preview/page.html with every script inlined, then drops the scripts as files. */
class SingleFilePagePlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const { webpack } = compiler;
    compiler.hooks.thisCompilation.tap('SingleFilePagePlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'SingleFilePagePlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT - 1 },
        (assets) => {
          const minify = this.options.minify;
          const js = (name) => {
            const asset = assets[name];
            if (!asset) throw new Error(`${PAGE_NAME}: the build made no ${name}`);
            return lower(asset.source().toString(), minify);
          };
          const pageScript = scriptSafe(js('page.js'));
          const workerScript = scriptSafe(js(compilation.fulianWorkerFile || 'page-worker.js'));
          for (const name of Object.keys(assets)) {
            if (/\.js$/.test(name) || /\.LICENSE\.txt$/.test(name)) compilation.deleteAsset(name);
          }
          const csp = [
            "default-src 'none'",
            `script-src ${sha256(pageScript)}`,
            'worker-src blob:',
            "style-src 'unsafe-inline'",
            'img-src data: blob:',
            'font-src data:',
            "connect-src 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-src 'none'",
          ].join('; ');
          const html = fs
            .readFileSync(TEMPLATE, 'utf8')
            .replace('%CSP%', () => csp)
            .replace('%WORKER%', () => `<script type="text/plain" id="${WORKER_ELEMENT_ID}">${workerScript}</script>`)
            .replace('%SCRIPT%', () => `<script>${pageScript}</script>`);
          for (const name of this.options.filenames) compilation.emitAsset(name, new webpack.sources.RawSource(html));
        },
      );
    });
    // The page's size, printed with every build (README records it; the target is under 2.5 MB).
    compiler.hooks.done.tap('SingleFilePagePlugin', (stats) => {
      const asset = stats.compilation.getAsset(this.options.filenames[0]);
      if (!asset) return;
      const bytes = asset.source.size();
      process.stdout.write(`${PAGE_NAME}: ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(2)} MB) → ${path.join(stats.compilation.outputOptions.path, this.options.filenames[0])}\n`);
    });
  }
}

/**
 * The page's webpack configuration. `outDir`: where fulian-returns.html goes (dist/, beside dist/web); nothing else is
 * written there (no clean: dist/ also holds the compiled CLI).
 */
function pageConfig({ mode, outDir }) {
  const webpack = require('webpack');
  const dev = mode === 'development';
  return {
    name: 'page',
    mode,
    context: root,
    devtool: false,
    target: 'web',
    entry: { page: './src/preview/index.tsx' },
    output: { path: outDir, filename: '[name].js', publicPath: '/', clean: false },
    resolve: resolve(),
    module: {
      rules: [
        typescriptRule({ root, sourceMap: false }),
        // The sample return and icons travel inside the page.
        { test: /\.(png|svg|xlsx)$/i, type: 'asset/inline' },
      ],
    },
    plugins: [
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      // The task pane's lazy reader (the previous-quarter picker's default) stays out of the page's bundle: the page
      // passes its worker's reader instead, so the reader ships once, in the worker.
      new webpack.NormalModuleReplacementPlugin(/^\.\.\/\.\.\/xlsx$/, (resource) => {
        if (/[\\/]src[\\/]taskpane[\\/]/.test(resource.context)) resource.request = path.join(root, 'src', 'preview', 'no-reader.ts');
      }),
      new InlineWorkerPlugin(),
      new SingleFilePagePlugin({ minify: !dev, filenames: dev ? [PAGE_NAME, 'index.html', 'preview.html'] : [PAGE_NAME] }),
    ],
    performance: { hints: false },
    // SWC minifies once, after lowering, in SingleFilePagePlugin.
    optimization: { minimize: false, splitChunks: false, runtimeChunk: false },
    stats: 'errors-warnings',
  };
}

module.exports = { pageConfig, PAGE_NAME, WORKER_ELEMENT_ID };
