'use strict';
/*
 * Loads the bundled CLI (dist/cli/main.js) with V8's code cache, as `require` would but without compiling it at every
 * start: the bytecode of what the last real run compiled is kept in the user's cache folder and handed back to V8.
 * Node 20 has no module.enableCompileCache, so this is vm.Script's cachedData, the documented way.
 *
 * V8 rejects data from another V8 version, other flags or a source of another length, but it trusts the rest, and
 * bytes damaged on disk abort the process inside V8. So the file carries its own header: the CRC-32 and length of
 * the source it was made from and of its payload. Anything that does not match (another build, a torn or damaged
 * file, a different format) is ignored and, after the run, replaced; no cache folder, or one that cannot be written,
 * only means compiling as before. FULIAN_RETURNS_CACHE_DIR names the folder; set to "" it turns the cache off.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');
const { createRequire } = require('node:module');

const MAGIC = 0x46524343; // "FRCC"
const FORMAT = 1;
const HEADER = 24; // magic, format, source CRC, source length, payload CRC, payload length (u32 each)

/** The folder for the cache, or null when there is none. */
function cacheDir(env = process.env) {
  if (env.FULIAN_RETURNS_CACHE_DIR !== undefined) return env.FULIAN_RETURNS_CACHE_DIR === '' ? null : env.FULIAN_RETURNS_CACHE_DIR;
  const home = require('node:os').homedir();
  if (process.platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'fulian-returns', 'Cache') : null;
  if (process.platform === 'darwin') return home ? path.join(home, 'Library', 'Caches', 'fulian-returns') : null;
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'fulian-returns');
  return home ? path.join(home, '.cache', 'fulian-returns') : null;
}

/** The cache's payload when `file` holds one made from this very source, else undefined. */
function readCache(file, sourceCrc, sourceLength) {
  let buf;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (buf.length < HEADER) return undefined;
  const ok =
    buf.readUInt32LE(0) === MAGIC &&
    buf.readUInt32LE(4) === FORMAT &&
    buf.readUInt32LE(8) === sourceCrc &&
    buf.readUInt32LE(12) === sourceLength &&
    buf.readUInt32LE(20) === buf.length - HEADER;
  if (!ok) return undefined;
  const payload = buf.subarray(HEADER);
  return zlib.crc32(payload) === buf.readUInt32LE(16) ? payload : undefined;
}

/** Writes the cache beside a temp file and renames it into place (a reader never sees half a file); errors ignored. */
function writeCache(file, sourceCrc, sourceLength, payload) {
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(FORMAT, 4);
  header.writeUInt32LE(sourceCrc, 8);
  header.writeUInt32LE(sourceLength, 12);
  header.writeUInt32LE(zlib.crc32(payload), 16);
  header.writeUInt32LE(payload.length, 20);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, Buffer.concat([header, payload]));
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing left to do */
    }
  }
}

/**
 * Runs the CommonJS file `file` as Node's loader would (its own require, module, __filename, __dirname) and returns
 * its exports, with `save()` to call once the run has done its work: it stores the code compiled so far, when the
 * cache was missing or unusable. Throws what reading or running the file throws (ENOENT when it is not built).
 */
function loadWithCodeCache(file) {
  const bytes = fs.readFileSync(file);
  const source = bytes.toString('utf8');
  const dir = typeof zlib.crc32 === 'function' ? cacheDir() : null;
  const cacheFile = dir && path.join(dir, `cli-${process.version}-${process.arch}.v8cache`);
  // the CRC of the bytes as read (of the string, zlib would encode it to UTF-8 once more)
  const sourceCrc = cacheFile ? zlib.crc32(bytes) : 0;
  const cachedData = cacheFile ? readCache(cacheFile, sourceCrc, source.length) : undefined;
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  const stale = cacheFile !== null && (cachedData === undefined || script.cachedDataRejected === true);
  return {
    exports: mod.exports,
    save() {
      if (stale) writeCache(cacheFile, sourceCrc, source.length, script.createCachedData());
    },
  };
}

module.exports = { loadWithCodeCache, cacheDir };
