import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, formatConfigProblem, resolveConfig, type ConfigFlags } from '../../src/config/index.js';
import { project } from './helpers.js';

/**
 * Truth: the exact `file:line:col message` an author should see, counted by hand in the text
 * (1-based; unknown keys point at the key, bad values at the value). Variables and flags have no
 * line: they read `env:NAME: …` / `flag:--name: …`.
 */
interface Case {
  name: string;
  files: Record<string, string>;
  env?: Record<string, string>;
  flags?: ConfigFlags;
  expected: string[];
}

const Y = 'rtbench.config.yaml';
const cases: Case[] = [
  { name: 'unknown top-level key', files: { [Y]: 'target: mock\nrepaet: 3\n' }, expected: [`${Y}:2:1 unknown key "repaet" (did you mean repeat?)`] },
  {
    name: 'unknown key in a named target',
    files: { [Y]: 'targets:\n  relay:\n    url: wss://r.example/v1\n    heders: { a: b }\n' },
    expected: [`${Y}:4:5 targets.relay: unknown key "heders" (did you mean headers?)`],
  },
  {
    name: 'unknown key in mock',
    files: { [Y]: 'mock:\n  first_audio: 800\n' },
    expected: [`${Y}:2:3 mock: unknown key "first_audio" (did you mean first_audio_ms?)`],
  },
  {
    name: 'mock setting at the top',
    files: { [Y]: 'first_audio_ms: 800\n' },
    expected: [`${Y}:1:1 unknown key "first_audio_ms" (did you mean mock.first_audio_ms?)`],
  },
  {
    name: 'an API key at the top',
    files: { [Y]: 'seed: 1\napi_key: sk-abc\n' },
    expected: [`${Y}:2:1 unknown key "api_key" (API keys come from the environment: OPENAI_API_KEY, AZURE_OPENAI_API_KEY, or targets.<name>.api_key_env)`],
  },
  { name: 'word for a number', files: { [Y]: 'concurrency: lots\n' }, expected: [`${Y}:1:14 concurrency: expected a whole number ≥ 1, got "lots"`] },
  { name: 'fraction for a whole number', files: { [Y]: 'repeat: 1.5\n' }, expected: [`${Y}:1:9 repeat: expected a whole number ≥ 1, got 1.5`] },
  {
    name: 'reporter typo',
    files: { [Y]: 'reporters: [table, htlm]\n' },
    expected: [`${Y}:1:20 reporters[1]: expected one of table, json, md, html, csv, junit, got "htlm" (did you mean html?)`],
  },
  { name: 'clock typo', files: { [Y]: 'clock: virtul\n' }, expected: [`${Y}:1:8 clock: expected one of real, virtual, got "virtul" (did you mean virtual?)`] },
  {
    name: 'bad duration',
    files: { [Y]: 'ramp: soon\n' },
    expected: [`${Y}:1:7 ramp: expected a duration like 500ms, 2s or 1m (a bare number is milliseconds), got "soon"`],
  },
  {
    name: 'zero turn timeout',
    files: { [Y]: 'turn_timeout: 0s\n' },
    expected: [`${Y}:1:15 turn_timeout: expected a duration like 500ms, 2s or 1m (a bare number is milliseconds), longer than 0, got "0s"`],
  },
  {
    name: 'bad threshold',
    files: { [Y]: 'thresholds:\n  - first_audio_ms.p95=+10%\n  - first_audio_ms.p97=+10%\n' },
    expected: [
      `${Y}:3:5 thresholds[1]: invalid threshold "first_audio_ms.p97=+10%": unknown statistic "p97" (did you mean p95?) (expected <metric>.<stat>=<+|-><amount><%|ms|>, e.g. first_audio_ms.p95=+10%)`,
    ],
  },
  {
    name: 'unknown mock profile',
    files: { [Y]: 'mock: { profile: fats }\n' },
    expected: [`${Y}:1:18 mock.profile: expected one of ${'PROFILES'}, got "fats" (did you mean fast?)`],
  },
  {
    name: 'named target without a ws URL',
    files: { [Y]: 'targets:\n  relay:\n    url: http://r.example\n' },
    expected: [`${Y}:3:10 targets.relay.url: a named target needs a ws:// or wss:// url, or type: openai or azure`],
  },
  {
    name: 'azure-only key on a URL target',
    files: { [Y]: 'targets:\n  relay:\n    url: wss://r.example\n    deployment: d1\n' },
    expected: [`${Y}:4:17 targets.relay.deployment: applies to type: azure only`],
  },
  {
    name: 'named target shadowing a built-in',
    files: { [Y]: 'targets:\n  openai:\n    type: openai\n' },
    expected: [`${Y}:2:3 targets.openai: "openai" is a built-in target; give this one another name`],
  },
  {
    name: 'unknown target name in the file',
    files: { [Y]: 'target: relai\ntargets:\n  relay:\n    url: wss://r.example/v1\n' },
    expected: [`${Y}:1:9 target: unknown target "relai": expected mock, openai, azure, a ws:// or wss:// URL, or a name under targets: (did you mean relay?)`],
  },
  {
    name: 'unknown target name in a list in the file',
    files: { [Y]: 'target:\n  - mock\n  - relai\ntargets:\n  relay:\n    url: wss://r.example/v1\n' },
    expected: [`${Y}:3:5 target: unknown target "relai": expected mock, openai, azure, a ws:// or wss:// URL, or a name under targets: (did you mean relay?)`],
  },
  {
    name: 'YAML syntax error',
    files: { [Y]: 'target: mock\nmodel: [gpt-realtime\nrepeat: 2\n' },
    expected: [`${Y}:3:1 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`],
  },
  { name: 'duplicate key', files: { [Y]: 'repeat: 2\nrepeat: 3\n' }, expected: [`${Y}:2:1 YAML syntax error: Map keys must be unique`] },
  { name: 'whole file is a list', files: { [Y]: '- mock\n' }, expected: [`${Y}:1:1 expected a mapping of settings (target: …, model: …)`] },
  {
    name: 'JSON file, bad value',
    files: { 'rtbench.config.json': '{\n  "repeat": 0\n}\n' },
    expected: ['rtbench.config.json:2:13 repeat: expected a whole number ≥ 1, got 0'],
  },
  { name: 'env: word for a number', files: {}, env: { RTBENCH_REPEAT: 'abc' }, expected: ['env:RTBENCH_REPEAT: expected a whole number ≥ 1, got "abc"'] },
  {
    name: 'env: enum typo',
    files: {},
    env: { RTBENCH_DIALECT: 'bta' },
    expected: ['env:RTBENCH_DIALECT: expected one of ga, beta, got "bta" (did you mean beta?)'],
  },
  { name: 'env: not a boolean', files: {}, env: { RTBENCH_INSECURE: 'maybe' }, expected: ['env:RTBENCH_INSECURE: expected true or false, got "maybe"'] },
  {
    name: 'env: reporter list',
    files: {},
    env: { RTBENCH_REPORTER: 'table,jsn' },
    expected: ['env:RTBENCH_REPORTER: expected one of table, json, md, html, csv, junit, got "jsn" (did you mean json?)'],
  },
  { name: 'flag: zero concurrency', files: {}, flags: { concurrency: 0 }, expected: ['flag:--concurrency: expected a whole number ≥ 1, got 0'] },
  {
    name: 'flag: unknown target name',
    files: { [Y]: 'targets:\n  my-relay:\n    url: wss://r.example/v1\n' },
    flags: { target: ['my-rely'] },
    expected: [
      'flag:--target: unknown target "my-rely": expected mock, openai, azure, a ws:// or wss:// URL, or a name under targets: (did you mean my-relay?)',
    ],
  },
  {
    name: 'every problem at once, file first then env then flags',
    files: { [Y]: 'repeat: 0\nclock: fast\n' },
    env: { RTBENCH_SEED: 'x' },
    flags: { concurrency: -1 },
    expected: [
      `${Y}:1:9 repeat: expected a whole number ≥ 1, got 0`,
      `${Y}:2:8 clock: expected one of real, virtual, got "fast"`,
      'env:RTBENCH_SEED: expected a whole number, got "x"',
      'flag:--concurrency: expected a whole number ≥ 1, got -1',
    ],
  },
];

describe('config errors', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it.each(cases)('$name', async (c) => {
    const p = await project(c.files);
    cleanups.push(p.cleanup);
    const err = await resolveConfig({ cwd: p.dir, env: c.env ?? {}, flags: c.flags }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.code).toBe('CONFIG_INVALID');
    const { profileNames } = await import('../../src/mock/behaviour/profiles.js');
    expect(e.problems.map(formatConfigProblem)).toEqual(c.expected.map((s) => s.replace('PROFILES', profileNames().join(', '))));
    expect(e.message).toBe(e.problems.map(formatConfigProblem).join('\n'));
  });

  it('env and flag problems carry file "env"/"flag" and no position', async () => {
    const p = await project({});
    cleanups.push(p.cleanup);
    await expect(resolveConfig({ cwd: p.dir, env: { RTBENCH_REPEAT: 'abc' } })).rejects.toMatchObject({
      problems: [{ file: 'env', line: 0, col: 0, message: 'RTBENCH_REPEAT: expected a whole number ≥ 1, got "abc"' }],
    });
  });

  it('x- keys are ignored (anchors for reuse); unknown RTBENCH_ variables only warn', async () => {
    const p = await project({ [Y]: 'x-common: &c [gpt-realtime]\nmodel: *c\n' });
    cleanups.push(p.cleanup);
    const r = await resolveConfig({ cwd: p.dir, env: { RTBENCH_REPAET: '3', RTBENCH_DEBUG: '1' } });
    expect(r.config.model).toEqual(['gpt-realtime']);
    expect(r.warnings).toEqual(['env:RTBENCH_REPAET: not an rtbench setting, ignored (did you mean RTBENCH_REPEAT?)']);
  });
});
