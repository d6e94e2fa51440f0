import { afterEach, describe, expect, it } from 'vitest';
import { parseDotenv, resolveConfig } from '../../src/config/index.js';
import { project } from './helpers.js';

/** Truth: the dotenv conventions (as `dotenv` and `node --env-file` read them) and "the shell wins". */
describe('parseDotenv', () => {
  it('reads KEY=VALUE, export prefix, quotes, comments', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=hello world  # trailing comment',
      'export EXPORTED=yes',
      'DOUBLE="a \\"quoted\\" #not-a-comment\\nline2"',
      "SINGLE='raw \\n $HOME # kept'",
      'EMPTY=',
      'SPACED = padded ',
      'URL=https://x.example/#frag',
      'MULTI="first',
      'second"',
      'not a pair',
      'PLAIN=overridden',
    ].join('\n');
    const { entries, ignoredLines } = parseDotenv(text);
    const byKey = Object.fromEntries(entries.map((e) => [e.key, e.value]));
    expect(byKey).toEqual({
      PLAIN: 'overridden',
      EXPORTED: 'yes',
      DOUBLE: 'a "quoted" #not-a-comment\nline2',
      SINGLE: 'raw \\n $HOME # kept',
      EMPTY: '',
      SPACED: 'padded',
      URL: 'https://x.example/#frag',
      MULTI: 'first\nsecond',
    });
    expect(ignoredLines).toEqual([12]);
    // Positions are of the value: line 4 `export EXPORTED=yes`, value at column 17.
    expect(entries.find((e) => e.key === 'EXPORTED')).toMatchObject({ line: 4, col: 17 });
  });

  it('handles CRLF and a byte-order mark', () => {
    expect(parseDotenv('\uFEFFA=1\r\nB="2"\r\n').entries.map((e) => [e.key, e.value])).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
  });
});

describe('.env loading', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it('adds variables the environment lacks, never overrides one that is set', async () => {
    const p = await project({ '.env': 'RTBENCH_REPEAT=4\nRTBENCH_SEED=9\nRELAY_TOKEN=from-dotenv\n' });
    cleanups.push(p.cleanup);
    const env = { RTBENCH_SEED: '2' };
    const r = await resolveConfig({ cwd: p.dir, env });
    expect(r.config.repeat).toBe(4);
    expect(r.config.seed).toBe(2);
    expect(r.env.RELAY_TOKEN).toBe('from-dotenv');
    expect(r.dotenvFile).toBeDefined();
    expect(env).toEqual({ RTBENCH_SEED: '2' }); // the given environment is not modified
  });

  it('.env values rank as environment: above the file, below flags', async () => {
    const p = await project({ '.env': 'RTBENCH_CONCURRENCY=4\n', 'rtbench.config.yaml': 'concurrency: 3\n' });
    cleanups.push(p.cleanup);
    expect((await resolveConfig({ cwd: p.dir, env: {} })).config.concurrency).toBe(4);
    expect((await resolveConfig({ cwd: p.dir, env: {}, flags: { concurrency: 5 } })).config.concurrency).toBe(5);
  });

  it('a bad value from .env points at its line and column', async () => {
    const p = await project({ '.env': '# settings\nexport RTBENCH_REPEAT=abc\n' });
    cleanups.push(p.cleanup);
    await expect(resolveConfig({ cwd: p.dir, env: {} })).rejects.toThrow('.env:2:23 RTBENCH_REPEAT: expected a whole number ≥ 1, got "abc"');
  });

  it('the .env is read from cwd only (not from parent folders)', async () => {
    const p = await project({ '.env': 'RTBENCH_REPEAT=4\n', 'sub/keep': '' });
    cleanups.push(p.cleanup);
    const r = await resolveConfig({ cwd: `${p.dir}/sub`, env: {} });
    expect(r.config.repeat).toBeUndefined();
  });
});
