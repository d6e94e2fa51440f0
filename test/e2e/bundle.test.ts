import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, tmp } from './helpers.js';

beforeAll(requireBuild);

/** The unbundled entry (tsc's output) the bundle is made from: the reference for behaviour. */
const UNBUNDLED = resolve('dist/src/cli/bin.js');

/** A module hook that writes every file URL Node loads to stderr, one per line, tagged. */
const LIST_LOADS = `data:text/javascript,${encodeURIComponent(
  "import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(\"import { writeSync } from 'node:fs'; export async function load(url, context, next) { if (url.startsWith('file:')) writeSync(2, 'LOADED ' + url + '\\\\n'); return next(url, context); }\"));",
)}`;

function cli(bin: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Truth: the unbundled command (tsc's output of the same sources) and the package's bin field.
describe('bundled rtbench command', () => {
  it('is the package bin', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string>; files: string[] };
    expect(resolve(pkg.bin.rtbench)).toBe(BIN);
    expect(pkg.files).toContain('dist/cli');
  });

  it('prints what the unbundled command prints (--help, a command help, --version, validate, errors)', () => {
    const dir = tmp('rtbench-bundle-');
    const cases: Array<{ args: string[]; env?: Record<string, string> }> = [
      { args: ['--help'] },
      { args: ['--help'], env: { LANG: 'de_DE.UTF-8', LC_ALL: '' } },
      { args: ['run', '--help'] },
      { args: ['fixtures', 'say', '--help'] },
      { args: ['--version'] },
      { args: ['validate', 'scenarios'] },
      { args: ['validate', join(dir, 'missing.yaml')] },
      { args: ['run', '--bogus-flag'] },
      { args: ['schema'] },
    ];
    for (const c of cases) {
      const bundled = cli(BIN, c.args, c.env);
      const unbundled = cli(UNBUNDLED, c.args, c.env);
      expect(bundled, c.args.join(' ')).toEqual(unbundled);
    }
  });

  it('--help and --version load the bundle entry and a few of its chunks: no package file, no dist/src module', () => {
    for (const args of [['--help'], ['--version']]) {
      const r = spawnSync(process.execPath, ['--import', LIST_LOADS, BIN, ...args], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const loaded = r.stderr
        .split('\n')
        .filter((l) => l.startsWith('LOADED '))
        .map((l) => l.slice(7));
      expect(loaded[0]).toMatch(/\/dist\/cli\/rtbench\.js$/);
      expect(loaded.filter((u) => !u.includes('/dist/cli/'))).toEqual([]);
      // Entry, helpers, app and the small shared leaves it imports (version, errors, run-folder names, voices…):
      // esbuild gives each leaf shared with a lazily loaded command its own chunk of a few kB.
      expect(loaded.length).toBeLessThanOrEqual(10);
    }
  });

  it('a virtual run writes the same samples as the unbundled command', () => {
    const dir = tmp('rtbench-bundle-run-');
    const args = (out: string) => ['run', 'scenarios', '--clock', 'virtual', '--repeat', '1', '--out', join(dir, out), '--quiet', '--reporter', 'json'];
    const a = cli(BIN, args('bundled'));
    const b = cli(UNBUNDLED, args('unbundled'));
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(readFileSync(join(dir, 'bundled', 'samples.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'unbundled', 'samples.jsonl'), 'utf8'));
  });
});
