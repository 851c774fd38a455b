'use strict';
// Hand-written, not bundled: the standalone binary's first code decides what code runs, so it is short enough to read.
// Node 22 requires an SEA's main script to be CommonJS, and Ink and yoga use top-level await (ESM only), so the app
// travels as SEA assets (scripts/build-binary.mjs): this script writes them into a private folder (0700, owned by the
// user, every ancestor safe from other users), checks every file's sha256 against the manifest before each start and
// then import()s the entry. NODE_OPTIONS is ignored by the build itself (sea-config `execArgvExtension: "none"`).
const sea = require('node:sea');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const crypto = require('node:crypto');
const { pathToFileURL } = require('node:url');

/** Node's own environment, removed before any sleuth code runs: nothing later reads it, nothing passes it on. */
const NODE_ENVIRONMENT = /^(NODE_(?!EXTRA_CA_CERTS$)|UV_THREADPOOL_SIZE$)/;

class Unsafe extends Error {}

function scrubEnvironment() {
  // NODE_EXTRA_CA_CERTS stays: a corporate CA bundle jump hosts need to reach CircleCI (Node reads it at start-up).
  for (const name of Object.keys(process.env)) if (NODE_ENVIRONMENT.test(name)) delete process.env[name];
}

/** A directory no other user can write to or swap: owned by root or us, and group/other-writable only when sticky. */
function checkAncestors(dir) {
  const uid = process.getuid();
  let at = fs.realpathSync(dir);
  for (;;) {
    const st = fs.statSync(at);
    if (st.uid !== uid && st.uid !== 0) throw new Unsafe(`${at} belongs to another user`);
    if ((st.mode & 0o022) !== 0 && (st.mode & 0o1000) === 0) throw new Unsafe(`${at} can be written by other users`);
    const up = path.dirname(at);
    if (up === at) return;
    at = up;
  }
}

/** Creates `dir` (0700) or finds it: a real directory of ours that no one else can enter. */
function privateDir(dir) {
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if (e.code !== 'EEXIST') throw e;
  }
  const st = fs.lstatSync(dir);
  if (!st.isDirectory()) throw new Unsafe(`${dir} is not a directory`);
  if (st.uid !== process.getuid()) throw new Unsafe(`${dir} belongs to another user`);
  if ((st.mode & 0o077) !== 0) throw new Unsafe(`${dir} is open to other users (mode ${(st.mode & 0o777).toString(8)})`);
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/**
 * The file as the manifest describes it (a regular file of ours, not a link, of that size and hash), or false. An
 * executable (rg, 5.7 MB: hashing it cost ~25 ms of every start) is checked by size here, and by its sha256 before
 * its first run in each process (src/search/rg/binary-rg.ts): every start imports the bundle, only a search runs rg.
 */
function intact(file, entry) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size !== entry.size || st.uid !== process.getuid()) return false;
    if (entry.exec) return true;
    const bytes = Buffer.allocUnsafe(entry.size);
    let at = 0;
    while (at < entry.size) {
      const n = fs.readSync(fd, bytes, at, entry.size - at, at);
      if (n === 0) return false;
      at += n;
    }
    return sha256(bytes) === entry.sha256;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes every file the manifest lists into `dir` where it is missing or differs, then checks them all. */
function install(dir, manifest) {
  for (const entry of manifest.files) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(entry.name)) throw new Error(`bad name in the binary's manifest`);
    const file = path.join(dir, entry.name);
    if (intact(file, entry)) continue;
    const bytes = Buffer.from(sea.getAsset(entry.name));
    if (sha256(bytes) !== entry.sha256) throw new Error(`the binary's ${entry.name} does not match its manifest`);
    const tmp = path.join(dir, `.${entry.name}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`);
    fs.writeFileSync(tmp, bytes, { flag: 'wx', mode: entry.exec ? 0o700 : 0o600 });
    fs.renameSync(tmp, file);
    if (!intact(file, { ...entry, exec: false })) throw new Unsafe(`${file} changed while it was written`);
  }
}

/** The cache folder for this build, or a fresh temporary one (removed at exit) when the cache is not safe. */
function bundleDir(manifest) {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  const name = `${manifest.version}-${manifest.id}`;
  try {
    fs.mkdirSync(base, { recursive: true, mode: 0o700 });
    checkAncestors(base);
    const root = path.join(base, 'circle-sleuth');
    privateDir(root);
    privateDir(path.join(root, 'binary'));
    const dir = path.join(root, 'binary', name);
    privateDir(dir);
    install(dir, manifest);
    return { dir, fallback: null };
  } catch (e) {
    if (!(e instanceof Unsafe) && !e.code) throw e;
    const why = e instanceof Unsafe ? e.message : `${e.code} in the cache folder`;
    const tmpBase = fs.existsSync('/tmp') ? '/tmp' : os.tmpdir();
    checkAncestors(tmpBase);
    const dir = fs.mkdtempSync(path.join(tmpBase, 'circle-sleuth-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    install(dir, manifest);
    return { dir, fallback: `cache not used: ${why}` };
  }
}

function start() {
  scrubEnvironment();
  const manifest = JSON.parse(sea.getAsset('manifest.json', 'utf8'));
  const { dir, fallback } = bundleDir(manifest);
  const rg = manifest.files.find((f) => f.name === 'rg');
  globalThis[Symbol.for('circle-sleuth.binary-runtime')] = Object.freeze({
    kind: 'binary',
    executable: process.execPath,
    bundleDir: dir,
    rgPath: rg ? path.join(dir, rg.name) : null,
    rgSha256: rg ? rg.sha256 : null,
    fallback,
  });
  return import(pathToFileURL(path.join(dir, manifest.entry)).href);
}

const fail = (e) => {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`sleuth: cannot start the standalone binary: ${message.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ').slice(0, 300)}\n`);
  process.exit(1);
};
try {
  start().catch(fail);
} catch (e) {
  fail(e);
}
