/**
 * Bundles the `rtbench` command (after `tsc`, from dist/src/cli/bin.js) into dist/cli/: one file per
 * lazily loaded part (esbuild code splitting keeps every `await import()` lazy), so a start-up reads
 * a few files instead of ≈ 400 small modules. dist/src/** stays as it is: the library exports and
 * the worker threads' entry modules load from there.
 *
 * Kept as they are:
 * - `import.meta.url` in a bundled module still names that module's own file (dist/src/…, or the
 *   package's file under node_modules), so package-root lookups, worker entries and the packages'
 *   own file lookups work as unbundled.
 * - Peer and optional dependencies (msw, vitest, openai, the WebRTC binding, flite) stay external:
 *   they load from node_modules when a command needs them, or are missing as before.
 *
 * Usage: node scripts/bundle-cli.mjs (run by `npm run build`).
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = resolve(ROOT, 'dist/cli');
const pkg = JSON.parse(await readFile(resolve(ROOT, 'package.json'), 'utf8'));
const EXTERNAL = [...Object.keys(pkg.peerDependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];

/**
 * `import.meta.url` of a bundled file → that file's own URL. Files of this package: written relative
 * to the bundle (dist/cli/ and dist/src/ ship together). Files of a dependency: found where Node
 * resolves that package from here at run time (an installed rtbench's dependencies may be hoisted),
 * else relative as at build time.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /\.(c|m)?js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(OUT_DIR, args.path).split(sep).join('/');
      const pkg = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(rel);
      const own = pkg
        ? `__rtbenchPackageFile(${JSON.stringify(pkg[1])}, ${JSON.stringify(pkg[2])}, ${JSON.stringify(rel)})`
        : `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', own), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** Heads every output file: `require` for bundled CommonJS, and the dependency-file lookup above. */
const BANNER = `import { createRequire as __rtbenchRequire } from 'node:module';
import { pathToFileURL as __rtbenchFileUrl } from 'node:url';
const require = __rtbenchRequire(import.meta.url);
const __rtbenchPackageDirs = new Map();
function __rtbenchPackageFile(name, file, rel) {
  if (!__rtbenchPackageDirs.has(name)) {
    let dir = null;
    try {
      const entry = require.resolve(name).replace(/\\\\/g, '/');
      const at = entry.lastIndexOf('/node_modules/' + name + '/');
      if (at >= 0) dir = entry.slice(0, at) + '/node_modules/' + name + '/';
    } catch {}
    __rtbenchPackageDirs.set(name, dir);
  }
  const dir = __rtbenchPackageDirs.get(name);
  return dir === null ? new URL(rel, import.meta.url).href : __rtbenchFileUrl(dir + file).href;
}`;

/**
 * `string-width` (yargs, cliui and wrap-ansi each import their own copy) creates an `Intl.Segmenter`
 * and compiles Unicode-property regular expressions when it loads: ≈ 50 ms of every start-up, for
 * measuring help text that is almost all printable ASCII, whose width is its length. Each import gets
 * a front that answers printable ASCII itself and loads that same copy (bundled, initialized on first
 * require) for any other text.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      // ESM importers only (cli-table3 requires an older CommonJS copy: left as it is).
      if (args.pluginData?.real || args.kind !== 'import-statement') return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      resolveDir: ROOT,
      loader: 'js',
      contents: `import { createAsciiFirstWidth } from ${JSON.stringify(resolve(ROOT, 'dist/src/cli/ascii-first-width.js'))};
export default createAsciiFirstWidth(() => require(${JSON.stringify(args.path)}).default);`,
    }));
  },
};

/**
 * zod's `locales` namespace (≈ 60 translations of its error messages, half of zod's 750 kB) comes
 * along with `import { z } from 'zod'`, though only English — which zod imports itself — is ever
 * used by rtbench (no `z.config(z.locales.…())`). In the bundle the namespace holds English only:
 * ≈ 30 ms less to parse at every start-up that validates anything.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

await rm(OUT_DIR, { recursive: true, force: true });
await build({
  entryPoints: { rtbench: resolve(ROOT, 'dist/src/cli/bin.js') },
  outdir: OUT_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  plugins: [zodEnglishOnly, keepModuleUrls, lazyStringWidth],
  banner: { js: BANNER },
  entryNames: '[name]',
  // One folder: the relative URLs above are written from it.
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.js' },
  legalComments: 'linked',
  sourcemap: false,
  logLevel: 'warning',
});
