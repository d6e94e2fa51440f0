/**
 * The live-target code paths (`--target openai`, `--target azure`, GA and beta) run for real
 * against the mock, which requires the key and serves OpenAI's and Azure's paths. No network: the
 * SDK-style `OPENAI_BASE_URL` and `AZURE_OPENAI_ENDPOINT` point them at 127.0.0.1. Truth for the
 * URLs and headers: docs/protocol-notes.md, "Connecting".
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import type { TraceRecord } from '../../src/metrics/trace.js';
import { resolveEndpoint } from '../../src/runner/targets.js';
import type { SessionPlan } from '../../src/scenario/types.js';
import { cli, readJsonl, tmp, toneWav } from './helpers.js';

const KEY = 'sk-test-live-paths-0123456789';
const quiet = () => new Writable({ write: (_c, _e, cb) => cb() });
let mock: MockServer;
let base: string;

beforeAll(async () => {
  mock = await startMockServer({ apiKey: KEY, firstAudioMs: 100, jitterMs: 0, pingIntervalMs: 0 });
  base = `http://127.0.0.1:${mock.port}`;
});
afterAll(() => mock.close());

const plan = (target: string, dialect?: 'ga' | 'beta', model = 'gpt-realtime'): SessionPlan => ({
  id: 'a',
  scenario: 'a',
  target,
  model,
  dialect,
  settings: {},
  repeat: 1,
  session: {},
  turns: [],
  expectations: [],
  seed: 1,
  chunk_ms: 20,
});

describe('resolveEndpoint (live targets)', () => {
  it('OPENAI_BASE_URL moves the openai target like the SDK does', () => {
    expect(resolveEndpoint(plan('openai'), { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'https://gw.example.com/v1/' }, null).url).toBe(
      'wss://gw.example.com/v1/realtime?model=gpt-realtime',
    );
    expect(resolveEndpoint(plan('openai'), { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }, null).url).toBe(
      'ws://127.0.0.1:9/v1/realtime?model=gpt-realtime',
    );
  });
  it('Azure with an Entra ID token: Authorization: Bearer instead of api-key', () => {
    const ep = resolveEndpoint(plan('azure'), { AZURE_OPENAI_AD_TOKEN: 'eyJ0eXAi.token', AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com' }, null);
    expect(ep.headers).toEqual({ Authorization: 'Bearer eyJ0eXAi.token' });
  });
  it('bad URLs fail as target configuration errors, secrets redacted', () => {
    expect(() => resolveEndpoint(plan('openai'), { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'not a url' }, null)).toThrow(
      /^OPENAI_BASE_URL: not a valid URL: not a url$/,
    );
    expect(() => resolveEndpoint(plan('azure'), { AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_ENDPOINT: 'ftp://x' }, null)).toThrow(
      /AZURE_OPENAI_ENDPOINT: expected a https:\/\/ or http:\/\/ or wss:\/\/ or ws:\/\/ URL/,
    );
    expect(() => resolveEndpoint(plan('ws://[::1'), {}, null)).toThrow(/^target: not a valid URL/);
  });
});

describe('openai and azure targets against the mock (it requires the key)', () => {
  it('GA: openai (Bearer) and azure (api-key) both complete a turn; the URLs are the services’ paths', async () => {
    const dir = tmp();
    const before = mock.stats().sessions;
    const r = await runBenchmark({
      audio: [toneWav(dir)],
      targets: ['openai', 'azure'],
      concurrency: 2,
      out: join(dir, 'out'),
      reporters: ['json'],
      stdout: quiet(),
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${base}/v1`, AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_ENDPOINT: base },
    });
    expect(r.results.samples.map((s) => [s.target, s.ok])).toEqual([
      ['openai', true],
      ['azure', true],
    ]);
    const urls = readJsonl<TraceRecord>(join(r.outDir!, 'traces.jsonl'))
      .filter((t) => t.k === 'meta')
      .map((t) => (t as { url: string }).url);
    expect(urls.sort()).toEqual([
      `ws://127.0.0.1:${mock.port}/openai/v1/realtime?model=gpt-realtime-2.1`,
      `ws://127.0.0.1:${mock.port}/v1/realtime?model=gpt-realtime-2.1`,
    ]);
    expect(mock.stats().sessions - before).toBe(2);
  });

  it('beta: azure with an Entra ID token on the preview path (api-version, deployment) speaks the beta dialect', async () => {
    const dir = tmp();
    const before = mock.stats().perSession.length;
    const r = await runBenchmark({
      audio: [toneWav(dir)],
      targets: ['azure'],
      // An Azure deployment is named by its owner (a shut-down model's name would be refused before the run).
      models: ['my-realtime-deployment'],
      dialect: 'beta',
      out: join(dir, 'out'),
      reporters: ['json'],
      stdout: quiet(),
      env: { AZURE_OPENAI_AD_TOKEN: KEY, AZURE_OPENAI_ENDPOINT: base },
    });
    expect(r.results.samples[0]).toMatchObject({ ok: true, dialect: 'beta' });
    expect(mock.stats().perSession.slice(before)).toMatchObject([{ dialect: 'beta', model: 'my-realtime-deployment' }]);
  });

  it('a wrong key: 401, not retried, exit 3 (the target failed)', async () => {
    const dir = tmp();
    const rejected = mock.stats().rejected;
    const r = await cli(['run', '--audio', toneWav(dir), '--target', 'openai', '--out', join(dir, 'out'), '--reporter', 'json', '--quiet'], {
      OPENAI_API_KEY: 'sk-test-wrong-key-000000000',
      OPENAI_BASE_URL: `${base}/v1`,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/✗ .*: connect failed: handshake rejected: HTTP 401 .*Incorrect API key provided/);
    expect(mock.stats().rejected - rejected).toBe(1);
  });

  it('a missing key fails before anything runs: exit 2, one line', async () => {
    const dir = tmp();
    const r = await cli(['run', '--audio', toneWav(dir), '--target', 'azure', '--out', join(dir, 'out')], {
      AZURE_OPENAI_API_KEY: undefined,
      AZURE_OPENAI_AD_TOKEN: undefined,
      AZURE_OPENAI_ENDPOINT: base,
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('target "azure" needs AZURE_OPENAI_API_KEY (or AZURE_OPENAI_AD_TOKEN) in the environment');
  });
});
