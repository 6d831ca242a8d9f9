/*
 * Local development certificates for https://localhost:3000, made with office-addin-dev-certs.
 *
 * Generating the CA and the localhost certificate is local and quick (mkcert in JS). Trusting the CA means writing
 * to the system's trust store, which needs sudo on Linux and macOS and may prompt or fail: that part runs in a
 * detached child process (no terminal to prompt on) with a timeout, so `npm start` never hangs on it.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const { spawn } = require('node:child_process');

const devCerts = require('office-addin-dev-certs');
const defaults = require('office-addin-dev-certs/lib/defaults');

const paths = {
  dir: defaults.certificateDirectory,
  ca: defaults.caCertificatePath,
  cert: defaults.localhostCertificatePath,
  key: defaults.localhostKeyPath,
};

/** True when the localhost certificate and key exist, match, and stay valid for at least another day. */
function certificatesUsable() {
  try {
    const cert = new crypto.X509Certificate(fs.readFileSync(paths.cert));
    const key = crypto.createPrivateKey(fs.readFileSync(paths.key));
    fs.accessSync(paths.ca, fs.constants.R_OK);
    return cert.checkPrivateKey(key) && Date.parse(cert.validTo) > Date.now() + 86_400_000;
  } catch {
    return false;
  }
}

/** The https options for webpack-dev-server, read straight from the generated files. */
function readHttpsOptions() {
  return { ca: fs.readFileSync(paths.ca), cert: fs.readFileSync(paths.cert), key: fs.readFileSync(paths.key) };
}

/** Makes the certificates when missing, expired or mismatched; reuses them otherwise. Returns whether it made new ones. */
async function ensureCertificateFiles() {
  if (certificatesUsable()) return false;
  devCerts.deleteCertificateFiles(paths.dir);
  await devCerts.generateCertificates(paths.ca, paths.cert, paths.key, defaults.daysUntilCertificateExpires, defaults.domain);
  if (!certificatesUsable()) throw new Error(`office-addin-dev-certs did not leave a usable certificate in ${paths.dir}`);
  return true;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether a command is on PATH (no shell, no child process). */
function onPath(command) {
  const fs = require('node:fs');
  const dirs = (process.env.PATH || '').split(require('node:path').delimiter).filter(Boolean);
  return dirs.some((d) => {
    try {
      fs.accessSync(require('node:path').join(d, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** How to trust the CA by hand, per platform; without `sudo` where we already are root (containers have no sudo). */
function trustHint() {
  if (process.platform === 'linux' && isRoot()) {
    return [
      `mkdir -p /usr/local/share/ca-certificates/office-addin-dev-certs`,
      `cp '${paths.ca}' /usr/local/share/ca-certificates/office-addin-dev-certs/ && update-ca-certificates`,
      `(browsers with their own store, e.g. Chromium/Firefox: import ${paths.ca} under Settings → Certificates → Authorities)`,
    ].join('\n    ');
  }
  switch (process.platform) {
    case 'win32':
      return `npx office-addin-dev-certs install   (or import ${paths.ca} into "Trusted Root Certification Authorities")`;
    case 'darwin':
      return `sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain '${paths.ca}'`;
    default:
      return [
        `sudo mkdir -p /usr/local/share/ca-certificates/office-addin-dev-certs`,
        `sudo cp '${paths.ca}' /usr/local/share/ca-certificates/office-addin-dev-certs/ && sudo update-ca-certificates`,
        `(browsers with their own store, e.g. Chromium/Firefox: import ${paths.ca} under Settings → Certificates → Authorities)`,
      ].join('\n    ');
  }
}

/**
 * Tries to add the CA to the system trust store, never waiting longer than `timeoutMs` and never prompting:
 * the child runs in its own session without a terminal, so sudo fails instead of asking for a password.
 * Resolves to { ok, reason }.
 */
function tryTrustCa(timeoutMs = 20_000) {
  // office-addin-dev-certs runs `sudo …` on Linux: as root (a container, a CI box) sudo is often absent
  // ("sudo: not found"), so root copies the CA itself; a user without sudo is told so in words.
  if (process.platform === 'linux' && isRoot()) return Promise.resolve(trustAsRootOnLinux());
  if (process.platform !== 'win32' && !onPath('sudo')) {
    return Promise.resolve({ ok: false, reason: '没有 sudo 命令 sudo is not installed; run the commands below as root' });
  }
  return trustInChild(timeoutMs);
}

/** office-addin-dev-certs' own install, in a child without a terminal, killed at the timeout. */
function trustInChild(timeoutMs) {
  return new Promise((resolve) => {
    const script = `
      const c = require('office-addin-dev-certs');
      const s = c.getCaCertificateStatus();
      (s.status === 'installed' ? Promise.resolve('already') : c.installCaCertificate().then(() => 'installed'))
        .then((r) => { process.stdout.write(r); process.exit(0); })
        .catch((e) => { process.stderr.write(String((e && e.message) || e)); process.exit(1); });`;
    let out = '';
    let err = '';
    const child = spawn(process.execPath, ['-e', script], {
      cwd: __dirname,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SUDO_ASKPASS: '/bin/false' },
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      resolve({ ok: false, reason: `gave up after ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: e.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ok: true, reason: out.trim() });
      else resolve({ ok: false, reason: (err.trim().split('\n').filter(Boolean).pop() || `exit code ${code}`).slice(0, 300) });
    });
  });
}

function trustAsRootOnLinux() {
  const fs = require('node:fs');
  const dir = '/usr/local/share/ca-certificates/office-addin-dev-certs';
  const target = require('node:path').join(dir, 'ca.crt');
  try {
    if (fs.existsSync(target) && fs.readFileSync(target).equals(fs.readFileSync(paths.ca))) return { ok: true, reason: 'already' };
    if (!onPath('update-ca-certificates')) {
      return { ok: false, reason: '没有 update-ca-certificates（apt-get install ca-certificates）update-ca-certificates is not installed' };
    }
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(paths.ca, target);
    require('node:child_process').execFileSync('update-ca-certificates', [], { stdio: 'ignore', timeout: 20_000 });
    return { ok: true, reason: 'installed' };
  } catch (e) {
    return { ok: false, reason: String((e && e.message) || e).split('\n')[0].slice(0, 300) };
  }
}

module.exports = { paths, certificatesUsable, readHttpsOptions, ensureCertificateFiles, tryTrustCa, trustInChild, trustHint };
