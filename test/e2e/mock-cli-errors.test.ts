/** `rtbench mock` with bad input exits 2 with a one-line reason (docs/errors.md), through the built CLI. */
import { beforeAll, describe, expect, it } from 'vitest';
import { profileNames } from '../../src/mock/behaviour/profiles.js';
import { requireBuild, rtbench } from './helpers.js';

describe('rtbench mock: bad input', () => {
  beforeAll(requireBuild);

  it('--profile bogus → exit 2 naming the valid profiles, no stack trace', () => {
    const r = rtbench(['mock', '--profile', 'bogus'], { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown mock profile "bogus"');
    for (const name of profileNames()) expect(r.stderr).toContain(name);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a known profile is not refused (the must-pass side: the mock starts and prints its URL)', async () => {
    const { startMockProcess } = await import('./helpers.js');
    const mock = await startMockProcess(['--profile', profileNames()[0], '--port', '0']);
    try {
      expect(mock.url).toMatch(/^wss?:\/\/127\.0\.0\.1:\d+/);
    } finally {
      await mock.stop();
    }
  });
});
