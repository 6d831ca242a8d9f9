/*
 * Lowers every emitted script to ES2017 syntax with SWC (the @swc/core the tests use), after the minimizer (which
 * itself prints newer syntax, such as `catch {}`), printing compactly without re-minifying. Shared by the add-in's
 * web build and the WPS build: the webviews Office and WPS support today (WebView2, WKWebView, WPS 2019's older
 * Chromium) parse ES2017, while Fluent UI, ExcelJS and our own code use later syntax (class fields, optional catch,
 * object spread). Scripts written by hand in ES5 (the pane's loader, WPS's main.js) are left as they are.
 */
'use strict';

class LowerToEs2017Plugin {
  /** @param {{ keep?: (name: string) => boolean }} [options] scripts to leave as written (default: main.js, loader.js) */
  constructor(options = {}) {
    this.keep = options.keep ?? ((name) => name === 'main.js' || name === 'loader.js');
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('LowerToEs2017Plugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'LowerToEs2017Plugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        (assets) => {
          const swc = require('@swc/core');
          for (const name of Object.keys(assets)) {
            if (!name.endsWith('.js') || this.keep(name)) continue;
            const code = assets[name].source().toString();
            const out = swc.transformSync(code, {
              jsc: { parser: { syntax: 'ecmascript' }, target: 'es2017', loose: false, minify: { compress: false, mangle: false } },
              isModule: false,
              sourceMaps: false,
              minify: true,
            });
            compilation.updateAsset(name, new sources.RawSource(out.code));
          }
        },
      );
    });
  }
}

module.exports = { LowerToEs2017Plugin };
