/**
 * The test suite's second leg: the unit project on the Active LTS Node (26), whatever Node runs
 * `npm test`. The Node binary comes from the npm registry (the `node-<platform>-<arch>` package, no
 * system install) into `.rtbench-cache/node-lts/` (git-ignored), once; later runs reuse it.
 * When the machine's Node is already that major, the first leg was this leg: nothing more runs.
 *
 * Usage: node scripts/test-lts.mjs [vitest args…]   (after `npm run build`; `npm test` runs it last)
 * Exit: vitest's exit code; 1 when the binary cannot be installed or started.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Node 26 has been the Active LTS since 2026-10-28 (nodejs.org release schedule). */
const ACTIVE_LTS_MAJOR = 26;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, '.rtbench-cache', 'node-lts');
const platform = process.platform === 'win32' ? 'win' : process.platform;
const PACKAGE = `node-${platform}-${process.arch}`;
const BIN = join(CACHE, 'node_modules', PACKAGE, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');

const say = (line) => process.stdout.write(`[test:lts] ${line}\n`);
const fail = (line) => {
  process.stderr.write(`[test:lts] ${line}\n`);
  process.exit(1);
};

const majorOf = (version) => Number(/^v?(\d+)/.exec(version)?.[1]);

if (majorOf(process.version) === ACTIVE_LTS_MAJOR) {
  say(`this Node (${process.version}) is the Active LTS: the unit leg already ran on it`);
  process.exit(0);
}

function versionOf(bin) {
  if (!existsSync(bin)) return null;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

let version = versionOf(BIN);
if (majorOf(version ?? '') !== ACTIVE_LTS_MAJOR) {
  say(`installing ${PACKAGE}@${ACTIVE_LTS_MAJOR} from the npm registry into ${CACHE}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', CACHE, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${PACKAGE}@${ACTIVE_LTS_MAJOR}`], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) fail(`could not install ${PACKAGE}@${ACTIVE_LTS_MAJOR} (npm exited ${r.status ?? r.signal})`);
  version = versionOf(BIN);
  if (majorOf(version ?? '') !== ACTIVE_LTS_MAJOR) fail(`${BIN} does not run as Node ${ACTIVE_LTS_MAJOR} (got ${version ?? 'nothing'})`);
}

say(`unit project on Node ${version} (${BIN}); the first leg ran on ${process.version}`);
const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(BIN, [vitest, 'run', '--project', 'unit', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  // test/node-version.test.ts checks that the tests really ran on this Node.
  // Not an RTBENCH_* name: the CLI warns about RTBENCH_* variables it does not know.
  env: { ...process.env, TEST_LTS_NODE_MAJOR: String(ACTIVE_LTS_MAJOR) },
});
process.exit(r.status ?? 1);
