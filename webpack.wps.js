/*
 * The WPS 表格 add-in (WPS加载项), written to dist/wps beside dist/web: the pane page (the Excel pane's App over the
 * WPS host), ribbon.xml and main.js (the ribbon's callbacks), the icon, and the files of both deployments for the
 * address FULIAN_BASE_URL names: jsplugins.xml (enterprise: an intranet server and oem.ini's JSPluginsServer) and
 * publish.html (personal: registers the add-in with the local WPS). The add-in is served from FULIAN_BASE_URL + wps/
 * (FULIAN_WPS_URL overrides it). Everything else (loaders, resolve, minimizer) is the web build's own.
 */
'use strict';

const path = require('node:path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const DEFAULT_BASE_URL = 'https://localhost:3000/';

// ES2017 for WPS 2019's older Chromium (scripts/webpack-es2017.js, shared with the Excel add-in's build).
const { LowerToEs2017Plugin } = require('./scripts/webpack-es2017');

/** The address the WPS add-in is served from, ending in '/'. */
function wpsUrl(env = process.env) {
  if (env.FULIAN_WPS_URL) return env.FULIAN_WPS_URL.replace(/\/?$/, '/');
  const base = (env.FULIAN_BASE_URL || DEFAULT_BASE_URL).replace(/\/?$/, '/');
  return new URL('wps/', base).href;
}

/** Placeholders in the add-in's text files, filled for this build. */
function substitutions(url, version) {
  const xml = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return {
    '__FULIAN_WPS_URL__': { xml: xml(url), js: url },
    '__FULIAN_PANE_URL__': { xml: xml(url + 'taskpane.html'), js: url + 'taskpane.html' },
    '__FULIAN_VERSION__': { xml: xml(version), js: version },
  };
}

function fill(text, url, version, kind) {
  let out = text;
  for (const [k, v] of Object.entries(substitutions(url, version))) out = out.split(k).join(v[kind]);
  return out;
}

/** The WPS build, derived from the web build's configuration (`web`). */
function wpsConfig(web, { root, webOut }) {
  const outDir = process.env.FULIAN_WPS_OUT ? path.resolve(process.env.FULIAN_WPS_OUT) : path.join(path.dirname(webOut), 'wps');
  const url = wpsUrl();
  const version = require(path.join(root, 'package.json')).version;
  const addin = path.join(root, 'src', 'wps', 'addin');
  const text = (kind) => (content) => fill(content.toString('utf8'), url, version, kind);
  const config = {
    ...web,
    name: 'wps',
    entry: { 'wps-taskpane': './src/wps/index.tsx' },
    output: { ...web.output, path: outDir },
    plugins: [
      new LowerToEs2017Plugin(),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/wps/taskpane.html', chunks: ['wps-taskpane'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: path.join(addin, 'ribbon.xml'), to: 'ribbon.xml' },
          // Left as written (info.minimized): the ribbon calls its functions by name.
          { from: path.join(addin, 'main.js'), to: 'main.js', transform: text('js'), info: { minimized: true } },
          { from: path.join(addin, 'jsplugins.xml'), to: 'jsplugins.xml', transform: text('xml') },
          { from: path.join(addin, 'publish.html'), to: 'publish.html', transform: text('xml') },
          { from: path.join(root, 'assets', 'icon-32.png'), to: 'images/icon-32.png' },
        ],
      }),
    ],
  };
  delete config.devServer;
  return config;
}

module.exports = { wpsConfig, wpsUrl, fill };
