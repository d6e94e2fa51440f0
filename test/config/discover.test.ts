import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findConfigFile, resolveConfig } from '../../src/config/index.js';
import { project } from './helpers.js';

/**
 * Truth: the documented discovery rule — in each folder from cwd up to the root, the first of
 * rtbench.config.yaml, .yml, .json, .mjs; the nearest folder wins; `--config` bypasses discovery.
 */
describe('config discovery', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  const make = async (files: Record<string, string>) => {
    const p = await project(files);
    cleanups.push(p.cleanup);
    return p.dir;
  };

  it('finds a config in a parent folder of cwd', async () => {
    const dir = await make({ 'rtbench.config.yaml': 'repeat: 2\n' });
    const cwd = join(dir, 'a', 'b', 'c');
    await mkdir(cwd, { recursive: true });
    expect(await findConfigFile(cwd)).toBe(join(dir, 'rtbench.config.yaml'));
    const r = await resolveConfig({ cwd, env: {} });
    expect(r.file).toBe(join(dir, 'rtbench.config.yaml'));
    expect(r.displayFile).toBe(join('..', '..', '..', 'rtbench.config.yaml'));
    expect(r.config.repeat).toBe(2);
  });

  it('the nearest folder wins over a parent', async () => {
    const dir = await make({ 'rtbench.config.yaml': 'repeat: 2\n', 'sub/rtbench.config.json': '{ "repeat": 5 }' });
    const r = await resolveConfig({ cwd: join(dir, 'sub'), env: {} });
    expect(r.file).toBe(join(dir, 'sub', 'rtbench.config.json'));
    expect(r.config.repeat).toBe(5);
  });

  it('within one folder: .yaml, then .yml, then .json, then .mjs', async () => {
    const dir = await make({ 'rtbench.config.json': '{}', 'rtbench.config.yml': 'seed: 3\n', 'rtbench.config.mjs': 'export default {}' });
    expect(await findConfigFile(dir)).toBe(join(dir, 'rtbench.config.yml'));
  });

  it('loads an ES module config (default export, object or function)', async () => {
    const dir = await make({ 'rtbench.config.mjs': 'export default () => ({ model: ["gpt-realtime-mini"], concurrency: 3 })\n' });
    const r = await resolveConfig({ cwd: dir, env: {} });
    expect(r.config.model).toEqual(['gpt-realtime-mini']);
    expect(r.config.concurrency).toBe(3);
  });

  it('--config names a file anywhere and skips discovery; false uses none', async () => {
    const dir = await make({ 'rtbench.config.yaml': 'repeat: 2\n', 'ci/rtbench.ci.yaml': 'repeat: 9\n' });
    expect((await resolveConfig({ cwd: dir, env: {}, configPath: 'ci/rtbench.ci.yaml' })).config.repeat).toBe(9);
    expect((await resolveConfig({ cwd: dir, env: { RTBENCH_CONFIG: 'ci/rtbench.ci.yaml' } })).config.repeat).toBe(9);
    const none = await resolveConfig({ cwd: dir, env: {}, configPath: false });
    expect(none.file).toBeUndefined();
    expect(none.config.repeat).toBeUndefined();
  });

  it('a --config file that does not exist is an error, not silently skipped', async () => {
    const dir = await make({});
    await expect(resolveConfig({ cwd: dir, env: {}, configPath: 'nope.yaml' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      problems: [{ file: 'nope.yaml', line: 1, col: 1, message: 'cannot read the config file: ENOENT' }],
    });
  });

  it('a TypeScript config is refused with a way out (Node 20 cannot import .ts)', async () => {
    const dir = await make({ 'rtbench.config.ts': 'export default { repeat: 2 }\n' });
    await expect(resolveConfig({ cwd: dir, env: {}, configPath: 'rtbench.config.ts' })).rejects.toThrow(
      'rtbench.config.ts:1:1 TypeScript config files cannot be loaded on Node 20 without a loader: use rtbench.config.mjs, .yaml or .json',
    );
  });

  it("paths written in a parent folder's config are relative to that folder", async () => {
    const dir = await make({ 'rtbench.config.yaml': 'scenarios: [suite]\nout: reports/x\nbaseline: /abs/base\n' });
    const cwd = join(dir, 'sub');
    await mkdir(cwd);
    const r = await resolveConfig({ cwd, env: {} });
    expect(r.config.scenarios).toEqual([join('..', 'suite')]);
    expect(r.config.out).toBe(join('..', 'reports', 'x'));
    expect(r.config.baseline).toBe('/abs/base');
  });
});
