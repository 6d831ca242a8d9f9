#!/usr/bin/env node
/*
 * `npm start`: make or reuse local dev certificates, serve the task pane and the web page over
 * https://localhost:3000 with webpack-dev-server, and say how to sideload the add-in. It never launches Excel
 * and never waits for it; stop it with Ctrl+C.
 *
 * Environment: PORT (default 3000); FULIAN_SKIP_CERT_TRUST=1 (or CI=true) skips trying to add the dev CA to the
 * system trust store.
 */
'use strict';

const path = require('node:path');

const root = path.resolve(__dirname, '..');
const port = Number(process.env.PORT) || 3000;
const origin = `https://localhost:${port}`;

const say = (line = '') => process.stdout.write(`${line}\n`);

async function certificates() {
  const certs = require('./dev-certs');
  try {
    const made = await certs.ensureCertificateFiles();
    say(made ? `已生成本机开发证书 Generated dev certificates in ${certs.paths.dir}` : `沿用本机开发证书 Reusing dev certificates in ${certs.paths.dir}`);
  } catch (e) {
    say(`无法生成开发证书 Could not make dev certificates: ${e instanceof Error ? e.message : e}`);
    throw e;
  }
  const skip = process.env.FULIAN_SKIP_CERT_TRUST === '1' || /^(1|true)$/i.test(process.env.CI || '');
  if (skip) {
    say('跳过信任证书 Skipping adding the dev CA to the trust store (FULIAN_SKIP_CERT_TRUST / CI).');
    return;
  }
  const r = await certs.tryTrustCa(20_000);
  if (r.ok) {
    say(r.reason === 'already' ? '开发 CA 已受信任 The dev CA is already trusted.' : '已将开发 CA 加入系统信任 Added the dev CA to the system trust store.');
  } else {
    say(`未能信任开发 CA（继续运行）Could not trust the dev CA (continuing): ${r.reason}`);
    say('  浏览器会提示证书不受信任；可手动信任 Browsers will warn about the certificate until you trust it:');
    say(`    ${certs.trustHint()}`);
  }
}

function banner() {
  const manifest = path.join(root, 'manifest.xml');
  say('');
  say('妇联指标报表助手 · dev server');
  say(`  加载项任务窗格 Add-in task pane:  ${origin}/taskpane.html`);
  say(`  加载项清单 Manifest:               ${manifest}`);
  say(`  网页版 Web page (no install):      ${origin}/fulian-returns.html   (also ${origin}/; npm run build writes dist/fulian-returns.html)`);
  say('');
  say('旁加载 Sideload the add-in:');
  say('  Excel Windows 版:      share a folder holding manifest.xml as a trusted add-in catalog 共享文件夹目录');
  say('                         (文件 → 选项 → 信任中心 → 受信任的加载项目录 / File → Options → Trust Center → Trusted Add-in Catalogs)');
  say('  Excel Mac 版:          copy manifest.xml into ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/');
  say('  Excel 网页版 on the web: 插入 → 加载项 → 上传我的加载项 / Insert → Add-ins → Upload My Add-in → manifest.xml');
  say('');
  say('按 Ctrl+C 停止 Press Ctrl+C to stop.');
}

/** Resolves when `port` can be listened on; rejects with EADDRINUSE otherwise (webpack-dev-server would throw uncaught). */
function checkPortFree() {
  const net = require('node:net');
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port, host: 'localhost' }, () => probe.close(() => resolve()));
  });
}

async function main() {
  await checkPortFree();
  await certificates();

  const webpack = require('webpack');
  const WebpackDevServer = require('webpack-dev-server');
  const makeConfig = require(path.join(root, 'webpack.config.js'));
  process.env.PORT = String(port);
  // The add-in and the web page: one compiler each, served together (the dev server's options are the first's).
  const made = await makeConfig({ WEBPACK_SERVE: true }, { mode: 'development' });
  const configs = Array.isArray(made) ? made : [made];
  for (const c of configs) {
    c.infrastructureLogging = { level: 'warn' };
    c.stats = 'errors-warnings';
  }

  const compiler = webpack(configs.length === 1 ? configs[0] : configs);
  let first = true;
  compiler.hooks.done.tap('fulian-start', (stats) => {
    const all = 'stats' in stats ? stats.stats : [stats];
    const parts = all.map((one) => one.toJson({ all: false, errors: true, warnings: true, timings: true }));
    const errors = parts.reduce((n, s) => n + (s.errors?.length ?? 0), 0);
    const ms = Math.max(...parts.map((s) => s.time ?? 0));
    say(`${first ? '首次构建完成 First build done' : '重新构建 Rebuilt'} in ${(ms / 1000).toFixed(1)} s` + (errors ? ` — ${errors} error(s)` : ''));
    if (first) banner();
    first = false;
  });

  const server = new WebpackDevServer(configs[0].devServer, compiler);
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping…`);
    await server.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  say(`启动中 Starting ${origin} …`);
  await server.start();
  say(`正在监听 Listening on ${origin} (building…)`);
}

main().catch((e) => {
  process.stderr.write(`npm start failed: ${e instanceof Error ? e.message : e}\n`);
  if (e && e.code === 'EADDRINUSE') {
    process.stderr.write(
      `端口 ${port} 已被占用 Port ${port} is in use: stop the other server, or run with PORT=3001 npm start ` +
        '(the manifest points at port 3000, so sideloading needs 3000).\n',
    );
  }
  process.exitCode = 1;
});
