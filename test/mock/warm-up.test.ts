/**
 * The mock's warm-up session: it runs a whole voice turn (truth: it reaches response.done) on its
 * own engine, so the server it precedes counts nothing of it. Its effect on timing is a benchmark
 * (bench/first-session.mjs), not a test.
 */
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/index.js';
import { warmUpMock } from '../../src/mock/hosting/warm-up.js';
import { VirtualClock } from '../../src/clock/virtual.js';

describe('mock warm-up', () => {
  it('runs a voice turn to response.done (must pass); an engine that cannot be built rejects, which the server catches (must fail)', async () => {
    expect(await warmUpMock({})).toBe(true);
    // An unknown profile: the throwaway engine cannot be built like the real one → false, no throw.
    expect(await warmUpMock({ profile: 'no-such-profile' }).catch(() => 'threw')).toBe('threw');
  });

  it('a real-clock server starts after it with nothing counted; a virtual-clock one skips it', async () => {
    const server = await startMockServer({ port: 0, record: true });
    try {
      expect(server.engine.stats().sessions).toBe(0);
      expect(server.engine.recordings).toHaveLength(0);
    } finally {
      await server.close();
    }
    const virtual = await startMockServer({ port: 0, clock: new VirtualClock(0) });
    expect(virtual.engine.stats().sessions).toBe(0);
    await virtual.close();
  });
});
