/**
 * The README's vitest example runs as written in a user's project: a fresh folder where rtbench and
 * vitest are installed packages and there are no fixtures. Truth: the example's own assertions, and
 * the folder's contents afterwards (no `reports/` left behind). The example as it read before —
 * `fixtures/what-time.wav`, relative to the user's project — fails there (ENOENT).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, tmp } from './helpers.js';

const README_EXAMPLE = (() => {
  const md = readFileSync('README.md', 'utf8');
  const at = md.indexOf('write latency and behaviour tests in vitest');
  const start = md.indexOf('```ts\n', at) + '```ts\n'.length;
  return md.slice(start, md.indexOf('```', start));
})();

/** A user's project with rtbench and vitest installed (linked), holding `test.ts`; runs vitest in it. */
function runInUserProject(test: string) {
  const dir = tmp('rtbench-user-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(resolve('.'), join(dir, 'node_modules', 'rtbench'), 'dir');
  symlinkSync(resolve('node_modules/vitest'), join(dir, 'node_modules', 'vitest'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'my-voice-app', type: 'module', private: true }));
  writeFileSync(join(dir, 'latency.test.ts'), test);
  const r = spawnSync(process.execPath, [resolve('node_modules/vitest/vitest.mjs'), 'run', 'latency.test.ts'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
  });
  return { code: r.status, out: r.stdout + r.stderr, files: readdirSync(dir) };
}

beforeAll(requireBuild);

describe("the README's vitest example", () => {
  it('runs as written in a project without fixtures, and leaves no run folder (must pass)', () => {
    expect(README_EXAMPLE).toContain("fixturePath('what-time.wav')");
    const r = runInUserProject(README_EXAMPLE);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/1 passed/);
    expect(r.files.sort()).toEqual(['latency.test.ts', 'node_modules', 'package.json']);
  });

  it('as it read before (a path into rtbench’s own checkout) fails there with ENOENT (must fail)', () => {
    const before = README_EXAMPLE.replace("fixturePath('what-time.wav')", "'fixtures/what-time.wav'");
    const r = runInUserProject(before);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/what-time\.wav/);
    expect(existsSync(join('fixtures', 'what-time.wav'))).toBe(true); // it exists here, not in the user's project
  });
});
