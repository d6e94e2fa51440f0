import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig, type ConfigFlags, type ConfigKey } from '../../src/config/index.js';
import { project } from './helpers.js';

/**
 * Truth: the documented precedence flags > env > file > defaults, for every key. Each row gives a
 * distinct value per layer; the four cases stack layers from the bottom (default only, + file,
 * + env, + flag) and the top layer present must win, with its source recorded.
 */
interface Row {
  key: ConfigKey;
  flag: ConfigFlags;
  env: [string, string];
  file: string;
  /** Value read back (a getter, for mock.* keys). */
  get?: (c: Awaited<ReturnType<typeof resolveConfig>>['config']) => unknown;
  expect: { flag: unknown; env: unknown; file: unknown; default: unknown };
}

const rows: Row[] = [
  {
    key: 'target',
    flag: { target: ['wss://flag.example/v1/realtime'] },
    env: ['RTBENCH_TARGET', 'openai'],
    file: 'target: azure',
    expect: { flag: ['wss://flag.example/v1/realtime'], env: ['openai'], file: ['azure'], default: ['mock'] },
  },
  {
    key: 'model',
    flag: { model: ['m-flag'] },
    env: ['RTBENCH_MODEL', 'm-env1, m-env2'],
    file: 'model: m-file',
    expect: { flag: ['m-flag'], env: ['m-env1', 'm-env2'], file: ['m-file'], default: [] },
  },
  {
    key: 'dialect',
    flag: { dialect: 'beta' },
    env: ['RTBENCH_DIALECT', 'ga'],
    file: 'dialect: beta',
    expect: { flag: 'beta', env: 'ga', file: 'beta', default: 'ga' },
  },
  { key: 'repeat', flag: { repeat: 5 }, env: ['RTBENCH_REPEAT', '4'], file: 'repeat: 3', expect: { flag: 5, env: 4, file: 3, default: undefined } },
  { key: 'concurrency', flag: { concurrency: 5 }, env: ['RTBENCH_CONCURRENCY', '4'], file: 'concurrency: 3', expect: { flag: 5, env: 4, file: 3, default: 1 } },
  { key: 'ramp', flag: { ramp: '5s' }, env: ['RTBENCH_RAMP', '4s'], file: 'ramp: 3s', expect: { flag: 5000, env: 4000, file: 3000, default: 0 } },
  {
    key: 'clock',
    flag: { clock: 'virtual' },
    env: ['RTBENCH_CLOCK', 'real'],
    file: 'clock: virtual',
    expect: { flag: 'virtual', env: 'real', file: 'virtual', default: 'real' },
  },
  {
    key: 'out',
    flag: { out: 'flag-out' },
    env: ['RTBENCH_OUT', 'env-out'],
    file: 'out: file-out',
    expect: { flag: 'flag-out', env: 'env-out', file: 'file-out', default: undefined },
  },
  {
    key: 'reporters',
    flag: { reporters: ['csv,junit'] },
    env: ['RTBENCH_REPORTER', 'md'],
    file: 'reporters: [html]',
    expect: { flag: ['csv', 'junit'], env: ['md'], file: ['html'], default: ['table', 'json', 'md', 'html'] },
  },
  { key: 'seed', flag: { seed: 5 }, env: ['RTBENCH_SEED', '4'], file: 'seed: 3', expect: { flag: 5, env: 4, file: 3, default: 1 } },
  {
    key: 'turn_timeout',
    flag: { turn_timeout: '5s' },
    env: ['RTBENCH_TURN_TIMEOUT', '4000'],
    file: 'turn_timeout: 3s',
    expect: { flag: 5000, env: 4000, file: 3000, default: 20000 },
  },
  {
    key: 'insecure',
    flag: { insecure: true },
    env: ['RTBENCH_INSECURE', 'false'],
    file: 'insecure: true',
    expect: { flag: true, env: false, file: true, default: false },
  },
  {
    key: 'scenarios',
    flag: { scenarios: ['flag-s'] },
    env: ['RTBENCH_SCENARIOS', 'env-s'],
    file: 'scenarios: file-s',
    expect: { flag: ['flag-s'], env: ['env-s'], file: ['file-s'], default: ['scenarios'] },
  },
  {
    key: 'thresholds',
    flag: { thresholds: ['first_audio_ms.p50=+5%'] },
    env: ['RTBENCH_THRESHOLDS', 'first_audio_ms.p95=+4%'],
    file: 'thresholds: [first_audio_ms.p99=+3%]',
    expect: { flag: ['first_audio_ms.p50=+5%'], env: ['first_audio_ms.p95=+4%'], file: ['first_audio_ms.p99=+3%'], default: [] },
  },
  {
    key: 'baseline',
    flag: { baseline: 'flag-b' },
    env: ['RTBENCH_BASELINE', 'env-b'],
    file: 'baseline: file-b',
    expect: { flag: 'flag-b', env: 'env-b', file: 'file-b', default: undefined },
  },
  {
    key: 'mock.first_audio_ms',
    flag: { mock: { first_audio_ms: 500 } },
    env: ['RTBENCH_MOCK_FIRST_AUDIO_MS', '400'],
    file: 'mock: { first_audio_ms: 300 }',
    get: (c) => c.mock.first_audio_ms,
    expect: { flag: 500, env: 400, file: 300, default: undefined },
  },
  {
    key: 'mock.profile',
    flag: { mock: { profile: 'fast' } },
    env: ['RTBENCH_MOCK_PROFILE', 'slow'],
    file: 'mock: { profile: default }',
    get: (c) => c.mock.profile,
    expect: { flag: 'fast', env: 'slow', file: 'default', default: undefined },
  },
];

describe('precedence: flag > env > file > default', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  const layers = ['default', 'file', 'env', 'flag'] as const;
  for (const row of rows) {
    it.each(layers.map((top, i) => ({ top, present: layers.slice(1, i + 1) })))(`${row.key}: top layer $top wins`, async ({ top, present }) => {
      const p = await project(present.includes('file') ? { 'rtbench.config.yaml': row.file + '\n' } : {});
      cleanups.push(p.cleanup);
      const r = await resolveConfig({
        cwd: p.dir,
        env: present.includes('env') ? { [row.env[0]]: row.env[1] } : {},
        flags: present.includes('flag') ? row.flag : {},
      });
      const value = row.get ? row.get(r.config) : (r.config as unknown as Record<string, unknown>)[row.key];
      expect(value).toEqual(row.expect[top]);
      expect(r.sources[row.key]).toBe(top);
    });
  }

  it('layers merge per key: each key from its own highest layer', async () => {
    const p = await project({ 'rtbench.config.yaml': 'repeat: 3\nconcurrency: 3\nseed: 3\nmock: { first_audio_ms: 300, jitter_ms: 30 }\n' });
    cleanups.push(p.cleanup);
    const r = await resolveConfig({ cwd: p.dir, env: { RTBENCH_CONCURRENCY: '4', RTBENCH_SEED: '4' }, flags: { seed: 5, mock: { jitter_ms: 0 } } });
    expect([r.config.repeat, r.config.concurrency, r.config.seed]).toEqual([3, 4, 5]);
    expect([r.sources.repeat, r.sources.concurrency, r.sources.seed]).toEqual(['file', 'env', 'flag']);
    expect(r.config.mock).toEqual({ first_audio_ms: 300, jitter_ms: 0 });
    expect([r.sources['mock.first_audio_ms'], r.sources['mock.jitter_ms']]).toEqual(['file', 'flag']);
  });

  it('an empty RTBENCH_ variable counts as unset', async () => {
    const p = await project({ 'rtbench.config.yaml': 'repeat: 3\n' });
    cleanups.push(p.cleanup);
    const r = await resolveConfig({ cwd: p.dir, env: { RTBENCH_REPEAT: '' } });
    expect(r.config.repeat).toBe(3);
    expect(r.sources.repeat).toBe('file');
  });
});
