#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (npm run build:cli → dist/cli/main.js) through V8's code cache (./code-cache.js). The exit
// code is set, never forced, so output drains.
const path = require('node:path');
const { loadWithCodeCache } = require('./code-cache');

let loaded;
try {
  loaded = loadWithCodeCache(path.join(__dirname, '..', 'dist', 'cli', 'main.js'));
} catch (e) {
  if (e && e.code === 'ENOENT' && /dist[\\/]cli[\\/]main\.js/.test(String(e.path || e.message))) {
    process.stderr.write('fulian-returns: 尚未编译，请先运行 npm run build:cli (not built: run npm run build:cli)\n');
    process.exitCode = 2;
    return;
  }
  throw e;
}
const args = process.argv.slice(2);
loaded.exports.main(args).then(
  (code) => {
    process.exitCode = code;
    // Only a run that did a command's work leaves a cache worth keeping (not --help, --version or a usage error).
    if (code !== 2 && args.length > 0 && !args[0].startsWith('-')) loaded.save();
  },
  (e) => {
    process.stderr.write(`fulian-returns: ${e && e.message ? e.message.split('\n')[0] : String(e)}\n`);
    process.exitCode = 2;
  },
);
