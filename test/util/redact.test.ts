import { describe, expect, it } from 'vitest';
import { Redactor, secretsFromEnv } from '../../src/util/redact.js';
import { redactUrl, resolveEndpoint } from '../../src/runner/targets.js';
import type { SessionPlan } from '../../src/scenario/types.js';

const KEY = 'sk-test-SENTINEL-0123456789abcdef';

describe('Redactor', () => {
  const r = new Redactor(secretsFromEnv({ OPENAI_API_KEY: KEY, HOME: '/root' }));
  it('removes known secrets wherever they appear', () => {
    expect(r.text(`connect failed with key ${KEY}!`)).toBe('connect failed with key ***!');
    expect(JSON.stringify(r.value({ a: [KEY], b: { c: `x${KEY}y` } }))).not.toContain('SENTINEL');
  });
  it('masks key-shaped strings and credential headers it was not told about', () => {
    const other = new Redactor([]);
    expect(other.text('Authorization: Bearer abcdefghijklmnop')).not.toContain('abcdefghijklmnop');
    expect(other.text('"api-key":"0123456789abcdef"')).not.toContain('0123456789abcdef');
    expect(other.text('sk-proj-abcdefghijklmnopqrstuvwx')).toBe('sk-***');
    expect(other.text('protocols: realtime, openai-insecure-api-key.sk-abc123456789')).not.toContain('abc123456789');
    expect(other.text('wss://x/realtime?api-key=abcdef123456&model=m')).toBe('wss://x/realtime?api-key=***&model=m');
  });
});

describe('targets', () => {
  const plan = (target: string, dialect?: 'ga' | 'beta'): SessionPlan => ({
    id: 'a#0#r0',
    scenario: 'a',
    target,
    model: 'gpt-realtime',
    dialect,
    settings: {},
    repeat: 0,
    session: {},
    turns: [],
    expectations: [],
    seed: 1,
    chunk_ms: 20,
  });
  it('openai: GA URL with model and a bearer key; beta adds the OpenAI-Beta header', () => {
    const ep = resolveEndpoint(plan('openai'), { OPENAI_API_KEY: KEY }, null);
    expect(ep.url).toBe('wss://api.openai.com/v1/realtime?model=gpt-realtime');
    expect(ep.headers).toEqual({ Authorization: `Bearer ${KEY}` });
    expect(ep.displayUrl).not.toContain(KEY);
    const beta = resolveEndpoint(plan('openai', 'beta'), { OPENAI_API_KEY: KEY }, null);
    expect(beta.headers['OpenAI-Beta']).toBe('realtime=v1');
  });
  it('azure: GA v1 path with model; beta path with api-version and deployment; api-key header', () => {
    const env = { AZURE_OPENAI_API_KEY: 'azkey-1234567890', AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com' };
    expect(resolveEndpoint(plan('azure'), env, null).url).toBe('wss://res.openai.azure.com/openai/v1/realtime?model=gpt-realtime');
    const beta = resolveEndpoint(plan('azure', 'beta'), env, null);
    expect(beta.url).toBe('wss://res.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-realtime');
    expect(beta.headers['api-key']).toBe('azkey-1234567890');
  });
  it('fails clearly without a key', () => {
    expect(() => resolveEndpoint(plan('openai'), {}, null)).toThrow(/OPENAI_API_KEY/);
    expect(() => resolveEndpoint(plan('azure'), { AZURE_OPENAI_API_KEY: 'k' }, null)).toThrow(/AZURE_OPENAI_ENDPOINT/);
    expect(() => resolveEndpoint(plan('ftp://x'), {}, null)).toThrow(/unknown target/);
  });
  it('redacts credentials in URLs', () => {
    expect(redactUrl('wss://u:p@h/x?api-key=secret&model=m')).toBe('wss://***@h/x?api-key=***&model=m');
  });
});
