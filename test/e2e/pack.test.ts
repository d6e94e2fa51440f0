import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmp } from './helpers.js';

/**
 * The published package works in an empty folder: npm pack → npm install the tarball → the bin runs,
 * `rtbench init` writes a starter that runs as-is against the bundled mock. Needs the npm registry
 * (dependencies of the tarball) — available on the project's machines and CI.
 */
describe('packed tarball', () => {
  it('installs into an empty folder; npx rtbench --help, init and a run work', () => {
    const packDir = tmp('rtbench-pack-');
    const out = execFileSync('npm', ['pack', '--pack-destination', packDir, '--silent', '--ignore-scripts'], { encoding: 'utf8' }).trim();
    const tarball = join(packDir, out.split('\n').pop()!);
    expect(readdirSync(packDir)).toContain(out.split('\n').pop());

    const app = tmp('rtbench-consumer-');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', tarball], { cwd: app, stdio: 'pipe' });

    const npx = (args: string[]) => spawnSync('npx', ['--no-install', 'rtbench', ...args], { cwd: app, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    const help = npx(['--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('rtbench run');

    const init = npx(['init']);
    expect(init.status, init.stderr).toBe(0);
    const run = npx(['run', 'scenarios/starter.yaml', '--clock', 'virtual', '--out', 'reports/smoke', '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('starter');

    // The library API resolves as ESM with types shipped.
    const lib = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "import('rtbench').then(m => console.log(typeof m.runBenchmark, typeof m.startMockServer))"],
      { cwd: app, encoding: 'utf8' },
    );
    expect(lib.stdout.trim()).toBe('function function');
  }, 240_000);
});
