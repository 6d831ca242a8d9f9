#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm run build:cli → dist/). The exit code is set, never forced, so output drains.
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]cli[\\/]main/.test(String(e.message))) {
    process.stderr.write('fulian-returns: 尚未编译，请先运行 npm run build:cli (not built: run npm run build:cli)\n');
    process.exitCode = 2;
    return;
  }
  throw e;
}
cli.main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`fulian-returns: ${e && e.message ? e.message.split('\n')[0] : String(e)}\n`);
    process.exitCode = 2;
  },
);
