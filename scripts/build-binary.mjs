// Builds the standalone binary, dist/bin/sleuth-<platform>-<arch> and its .sha256 (run after `npm run build`):
// 1. the whole app as one ESM bundle folder (every package inside, react-devtools-core stubbed) → dist/binary/app/;
// 2. the Node of the target from the npm registry (`npm pack node-<target>@<pinned>`, integrity checked against
//    scripts/binary/node-base.json; npm's cache keeps it for the next build);
// 3. an SEA blob made by that Node: scripts/binary/boot.cjs as main, the bundle files, ripgrep from @vscode/ripgrep's
//    package and a manifest (names, sizes, sha256) as assets; NODE_OPTIONS ignored (execArgvExtension: "none");
// 4. postject puts the blob into a copy of that Node.
// Nothing is downloaded from outside the npm registry. Only the machine's own platform is built: the blob must be
// made by a Node that runs here, and ripgrep's package for another platform is not installed.
//
//   npm run build:binary            (npm run build, then this script)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ESM_BUNDLE_BASE } from './bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const target = `${process.platform}-${process.arch}`;
const bases = JSON.parse(readFileSync(join(root, 'scripts/binary/node-base.json'), 'utf8'));
const base = bases[target];
if (!base) {
  console.error(`build-binary: no base Node is pinned for ${target} (scripts/binary/node-base.json has ${Object.keys(bases).join(', ')})`);
  process.exit(2);
}
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = join(root, 'dist/binary');
const appDir = join(work, 'app');
const outDir = join(root, 'dist/bin');
const outFile = join(outDir, `sleuth-${target}`);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A build tool's chatter is shown only when it fails. */
function quietly(cmd, args, what, options = {}) {
  try {
    execFileSync(cmd, args, { stdio: 'pipe', ...options });
  } catch (e) {
    process.stderr.write(e.stderr ?? '');
    throw new Error(what);
  }
}

/** ink/build/devtools.js imports react-devtools-core (only loaded when DEV=true): nothing to connect to here. */
const noDevtools = {
  name: 'no-react-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };\n', loader: 'js' }));
  },
};

async function bundleApp() {
  rmSync(work, { recursive: true, force: true });
  await build({
    entryPoints: ['cli/binary-entry', 'search/exact-worker', 'search/regex-worker'].map((p) => join(root, 'dist', `${p}.js`)),
    outdir: appDir,
    ...ESM_BUNDLE_BASE,
    target: 'node22',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [noDevtools],
  });
}

/** The pinned Node for this platform, from the npm registry, checked against the pinned integrity. */
function baseNode() {
  const cache = join(root, 'node_modules/.cache/sleuth-binary');
  mkdirSync(cache, { recursive: true });
  const tgz = join(cache, `${base.package}-${base.version}.tgz`);
  if (!existsSync(tgz)) execFileSync('npm', ['pack', `${base.package}@${base.version}`, '--pack-destination', cache, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  if (integrity !== base.integrity) {
    rmSync(tgz, { force: true });
    throw new Error(`${base.package}@${base.version} does not match the pinned integrity`);
  }
  // Unpacked afresh into dist/binary/ at every build (cleaned with it): no half-extracted Node left from an
  // interrupted build is ever reused.
  quietly('tar', ['-xzf', tgz, '-C', work, 'package/bin/node'], `cannot unpack ${base.package}`);
  const node = join(work, 'package/bin/node');
  return node;
}

function ripgrep() {
  try {
    return require.resolve(`@vscode/ripgrep-${target}/bin/rg`);
  } catch {
    console.error(`build-binary: no @vscode/ripgrep-${target} package: the binary searches with the Node core`);
    return null;
  }
}

/** Assets: every bundle file, rg, and the manifest the boot script checks them against. */
function assets(rgPath) {
  const files = readdirSync(appDir).sort().map((name) => ({ name, path: join(appDir, name), exec: false }));
  if (rgPath) files.push({ name: 'rg', path: rgPath, exec: true });
  const listed = files.map((f) => {
    const bytes = readFileSync(f.path);
    return { name: f.name, size: bytes.length, sha256: sha256(bytes), exec: f.exec };
  });
  const id = sha256(JSON.stringify(listed)).slice(0, 16);
  const manifest = { version, id, entry: 'binary-entry.js', files: listed };
  const manifestPath = join(work, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { manifest, map: { 'manifest.json': manifestPath, ...Object.fromEntries(files.map((f) => [f.name, f.path])) } };
}

await bundleApp();
const node = baseNode();
const { manifest, map } = assets(ripgrep());
const blob = join(work, 'sea.blob');
const config = join(work, 'sea-config.json');
// The blob records the main script's path as given: relative to dist/binary/, so the sha256 does not depend on where
// the clone is.
copyFileSync(join(root, 'scripts/binary/boot.cjs'), join(work, 'boot.cjs'));
writeFileSync(config, JSON.stringify({
  main: 'boot.cjs',
  output: 'sea.blob',
  disableExperimentalSEAWarning: true,
  useSnapshot: false,
  // import() does not work from a main script run from the code cache.
  useCodeCache: false,
  execArgvExtension: 'none',
  assets: map,
}, null, 2));
quietly(node, ['--experimental-sea-config', config], 'Node could not make the SEA blob', { cwd: work, env: {} });
mkdirSync(outDir, { recursive: true });
rmSync(outFile, { force: true });
copyFileSync(node, outFile);
chmodSync(outFile, 0o755);
// postject warns about ELF note sections it does not need, on every run.
quietly(process.execPath, [require.resolve('postject/dist/cli.js'), outFile, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'], 'postject could not put the blob into the binary');
const hash = sha256(readFileSync(outFile));
writeFileSync(`${outFile}.sha256`, `${hash}  sleuth-${target}\n`);
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const bundled = manifest.files.reduce((n, f) => n + f.size, 0);
console.log(`build-binary: ${outFile} (${mb(statSync(outFile).size)}: Node ${base.version} + ${mb(bundled)} of assets, ${manifest.files.length} files), sha256 ${hash}`);
