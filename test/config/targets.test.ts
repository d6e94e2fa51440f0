import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, formatConfigProblem, resolveConfig, toBenchmarkOptions } from '../../src/config/index.js';
import { resolveEndpoint, type TargetEnv } from '../../src/runner/targets.js';
import type { SessionPlan } from '../../src/scenario/types.js';
import { Redactor, secretsFromEnv } from '../../src/util/redact.js';
import { project } from './helpers.js';

/**
 * Truth: what the runner actually connects to. Each named target goes through toBenchmarkOptions
 * and then the runner's own resolveEndpoint; the URL and headers it produces are compared with
 * docs/protocol-notes.md's connection table and the `${VAR}` values planted in the environment.
 */
function endpointFor(opts: ReturnType<typeof toBenchmarkOptions>, i = 0, model = 'gpt-realtime') {
  const sp = { target: opts.targets![i], model, dialect: opts.dialect } as SessionPlan;
  return resolveEndpoint(sp, opts.env as TargetEnv, null, opts.target);
}

describe('named targets', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  async function resolved(config: string, flags: { target: string[] }, env: Record<string, string> = {}, dotenv = '') {
    const p = await project({ 'rtbench.config.yaml': config, ...(dotenv ? { '.env': dotenv } : {}) });
    cleanups.push(p.cleanup);
    return resolveConfig({ cwd: p.dir, env, flags });
  }

  it('--target my-relay: its URL, with ${ENV} header references filled from the environment and .env', async () => {
    const r = await resolved(
      'targets:\n  my-relay:\n    url: wss://relay.example.com/v1/realtime\n    headers:\n      Authorization: Bearer ${RELAY_TOKEN}\n      x-tenant: ${TENANT}-eu\n',
      { target: ['my-relay'] },
      { TENANT: 'acme' },
      'RELAY_TOKEN=tok-from-dotenv\n',
    );
    const opts = toBenchmarkOptions(r);
    expect(opts.targets).toEqual(['wss://relay.example.com/v1/realtime']);
    const ep = endpointFor(opts);
    expect(ep.url).toBe('wss://relay.example.com/v1/realtime?model=gpt-realtime');
    expect(ep.headers).toEqual({ Authorization: 'Bearer tok-from-dotenv', 'x-tenant': 'acme-eu' });
  });

  it('api_key_env on a URL target becomes a Bearer header; a beta dialect adds OpenAI-Beta', async () => {
    const r = await resolved(
      'targets:\n  relay:\n    url: ws://127.0.0.1:9000/v1/realtime\n    dialect: beta\n    api_key_env: RELAY_KEY\n',
      { target: ['relay'] },
      { RELAY_KEY: 'rk-1' },
    );
    const ep = endpointFor(toBenchmarkOptions(r));
    expect(ep.dialect).toBe('beta');
    expect(ep.headers).toEqual({ Authorization: 'Bearer rk-1', 'OpenAI-Beta': 'realtime=v1' });
  });

  it('type openai: base URL and key from the named variable', async () => {
    const r = await resolved(
      'targets:\n  staging:\n    type: openai\n    url: https://gateway.example.com/v1\n    api_key_env: STAGING_OPENAI_KEY\n',
      { target: ['staging'] },
      { STAGING_OPENAI_KEY: 'sk-staging-1' },
    );
    const opts = toBenchmarkOptions(r);
    expect(opts.targets).toEqual(['openai']);
    const ep = endpointFor(opts);
    expect(ep.url).toBe('wss://gateway.example.com/v1/realtime?model=gpt-realtime');
    expect(ep.headers).toEqual({ Authorization: 'Bearer sk-staging-1' });
  });

  it('type azure: endpoint, api_version and deployment (the model, when none is chosen)', async () => {
    const r = await resolved(
      'targets:\n  az:\n    type: azure\n    endpoint: https://res.openai.azure.com\n    api_version: 2025-04-01-preview\n    deployment: rt-deploy\n    dialect: beta\n    api_key_env: AZ_KEY\n',
      { target: ['az'] },
      { AZ_KEY: 'az-secret-1' },
    );
    const opts = toBenchmarkOptions(r);
    expect(opts.models).toEqual(['rt-deploy']);
    const ep = endpointFor(opts, 0, 'rt-deploy');
    expect(ep.url).toBe('wss://res.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=rt-deploy');
    expect(ep.headers['api-key']).toBe('az-secret-1');
  });

  it('a literal key in the file reaches the runner through a variable its redactor knows', async () => {
    const r = await resolved(
      'targets:\n  relay:\n    url: wss://relay.example.com/v1\n    api_key: lit-key-123456\n    headers:\n      x-relay-secret: lit-secret-654321\n',
      { target: ['relay'] },
    );
    const opts = toBenchmarkOptions(r);
    const ep = endpointFor(opts);
    expect(ep.headers).toEqual({ Authorization: 'Bearer lit-key-123456', 'x-relay-secret': 'lit-secret-654321' });
    const redactor = new Redactor(secretsFromEnv(opts.env!));
    expect(redactor.text('lit-key-123456 lit-secret-654321')).toBe('*** ***');
  });

  it('a referenced variable that is not set is an error at the header that reads it', async () => {
    const r = await resolved('targets:\n  my-relay:\n    url: wss://relay.example.com/v1\n    headers:\n      Authorization: Bearer ${RELAY_TOKEN}\n', {
      target: ['my-relay'],
    });
    expect(r.warnings).toEqual([]);
    let err: unknown;
    try {
      toBenchmarkOptions(r);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.map(formatConfigProblem)).toEqual([
      'rtbench.config.yaml:5:22 targets.my-relay.headers.Authorization: ${RELAY_TOKEN} is not set (in the environment or .env)',
    ]);
  });

  it('targets that are not selected are not checked', async () => {
    const r = await resolved('targets:\n  my-relay:\n    url: wss://relay.example.com/v1\n    headers: { Authorization: "Bearer ${UNSET_VAR}" }\n', {
      target: ['mock'],
    });
    expect(toBenchmarkOptions(r).targets).toEqual(['mock']);
  });

  it('two URL targets needing different headers cannot share one run (runner limit), said plainly', async () => {
    const r = await resolved(
      'targets:\n  a:\n    url: wss://a.example/v1\n    headers: { x-t: one }\n  b:\n    url: wss://b.example/v1\n    headers: { x-t: two }\n',
      { target: ['a', 'b'] },
    );
    expect(() => toBenchmarkOptions(r)).toThrow(/targets\.b: cannot run together with targets\.a/);
  });

  it('mock settings and the rest map onto runBenchmark options', async () => {
    const r = await resolved(
      'model: [gpt-realtime, gpt-realtime-mini]\nramp: 2s\nmock: { first_audio_ms: 700, jitter_ms: 0, profile: fast }\nthresholds: [first_audio_ms.p95=+10%]\n',
      { target: ['mock'] },
    );
    const opts = toBenchmarkOptions(r);
    expect(opts).toMatchObject({
      targets: ['mock'],
      models: ['gpt-realtime', 'gpt-realtime-mini'],
      rampMs: 2000,
      concurrency: 1,
      turnTimeoutMs: 20000,
      reporters: ['table', 'json', 'md', 'html'],
      mock: { firstAudioMs: 700, jitterMs: 0, profile: 'fast' },
      thresholds: ['first_audio_ms.p95=+10%'],
      paths: ['scenarios'],
    });
    expect(opts.dialect).toBeUndefined(); // not chosen: each scenario's or target's own
  });
});
