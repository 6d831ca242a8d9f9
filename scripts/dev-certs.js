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

/** How to trust the CA by hand, per platform. */
function trustHint() {
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

module.exports = { paths, certificatesUsable, readHttpsOptions, ensureCertificateFiles, tryTrustCa, trustHint };
