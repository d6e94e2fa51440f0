import { afterEach, describe, expect, it } from 'vitest';
import { formatEffectiveConfig, parseConfigText, redactedConfig, resolveConfig } from '../../src/config/index.js';
import { project } from './helpers.js';

/**
 * Truth: no secret ever leaves in printable form. Sentinels are planted everywhere a secret can
 * sit (literal keys and credential headers in the file, credentials in URLs from the file and from
 * flags, the environment's keys); none may appear in the printed or stored config.
 */
const SENTINELS = [
  'SENTINEL_KEY_111',
  'SENTINEL_HDR_222',
  'SENTINEL_BEARER_333',
  'SENTINEL_URL_444',
  'SENTINEL_PASS_555',
  'SENTINEL_ENV_666',
  'SENTINEL_FLAG_777',
  'SENTINEL_REF_888',
];

const CONFIG = `target: [relay, oa, basic]
model: gpt-realtime
targets:
  relay:
    url: wss://relay.example.com/v1/realtime?api_key=SENTINEL_URL_444
    headers:
      Authorization: Bearer \${RELAY_TOKEN}
      x-relay-secret: SENTINEL_HDR_222
      x-tenant: acme
  oa:
    type: openai
    api_key: SENTINEL_KEY_111
  basic:
    url: wss://user:SENTINEL_PASS_555@other.example.com/v1/realtime
    headers:
      authorization: Bearer SENTINEL_BEARER_333
  keyed:
    type: openai
    api_key_env: RELAY_KEY
`;

describe('formatEffectiveConfig', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  async function resolved() {
    const p = await project({ 'rtbench.config.yaml': CONFIG, '.env': 'RELAY_KEY=SENTINEL_REF_888\n' });
    cleanups.push(p.cleanup);
    const r = await resolveConfig({
      cwd: p.dir,
      env: { OPENAI_API_KEY: 'SENTINEL_ENV_666', RELAY_TOKEN: 'tok' },
      flags: { target: ['relay', 'oa', 'basic', 'wss://flag.example.com/v1?key=SENTINEL_FLAG_777'], repeat: 2 },
    });
    return { r, dir: p.dir };
  }

  it('never prints a secret', async () => {
    const { r } = await resolved();
    const text = formatEffectiveConfig(r);
    const stored = JSON.stringify(redactedConfig(r));
    for (const s of SENTINELS) {
      expect(text).not.toContain(s);
      expect(stored).not.toContain(s);
    }
    // Warnings name the literal secret's place, never its value.
    expect(r.warnings.join('\n')).toContain('targets.oa.api_key is a literal API key');
    for (const s of SENTINELS) expect(r.warnings.join('\n')).not.toContain(s);
  });

  it('keeps ${VAR} references and non-secret headers readable, masks literal credentials', async () => {
    const { r } = await resolved();
    const c = redactedConfig(r);
    expect(c.targets.relay.headers).toEqual({ Authorization: 'Bearer ${RELAY_TOKEN}', 'x-relay-secret': '***', 'x-tenant': 'acme' });
    expect(c.targets.basic.headers).toEqual({ authorization: 'Bearer ***' });
    expect(c.targets.oa.api_key).toBe('***');
    expect(c.targets.keyed.api_key_env).toBe('RELAY_KEY');
    expect(c.target[3]).toBe('wss://flag.example.com/v1?key=***');
  });

  it("shows each value's source as a comment", async () => {
    const { r } = await resolved();
    const lines = formatEffectiveConfig(r).split('\n');
    expect(lines).toContain('repeat: 2  # flag --repeat');
    expect(lines).toContain('model: [ gpt-realtime ]  # file');
    expect(lines).toContain('concurrency: 1  # default');
    expect(lines).toContain('turn_timeout: 20s  # default');
    expect(lines).toContain('# out: (reports/<timestamp>)  # default');
    expect(lines).toContain('targets:  # file');
    expect(lines[1]).toBe('# config file: rtbench.config.yaml');
  });

  it('prints a valid config file (masked values included)', async () => {
    const { r } = await resolved();
    const text = formatEffectiveConfig(r);
    const reread = parseConfigText(text, '/x/rtbench.config.yaml', 'printed');
    expect(reread.problems).toEqual([]);
    expect(reread.spec?.repeat).toBe(2);
    expect(reread.spec?.turn_timeout).toBe(20000);
  });

  it('prints a valid config file from defaults alone', async () => {
    const p = await project({});
    cleanups.push(p.cleanup);
    const text = formatEffectiveConfig(await resolveConfig({ cwd: p.dir, env: {} }));
    expect(text).toContain("# model: (each scenario's own)  # default");
    expect(text).toContain('# config file: none');
    expect(parseConfigText(text, '/x/rtbench.config.yaml', 'printed').problems).toEqual([]);
  });
});
