import { describe, expect, it } from 'vitest';
import { RealClock } from '../../src/clock/real.js';
import { Pacer } from '../../src/runner/pacer.js';

/**
 * Truth: each tick's own deadline. Node measures timeouts from the event loop's cached time in whole
 * ms, so a timer armed late in a busy loop turn fires early; a microphone must never send a chunk
 * before its audio is captured. Load only makes ticks later, so this cannot fail for being on a busy
 * machine.
 */
describe('Pacer on the real clock never ticks early', () => {
  it('40 pacers with fractional phases, on a loop kept busy', async () => {
    const clock = new RealClock();
    const early: number[] = [];
    let ticks = 0;
    const pacers: Pacer[] = [];
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 40; i++) {
        const pacer = new Pacer(clock, 20, (_k, due) => {
          const now = clock.now();
          if (now < due) early.push(due - now);
          // Busy turns make the loop's cached time stale for the timers armed next.
          const until = clock.now() + 0.3;
          while (clock.now() < until) {
            /* busy */
          }
          if (++ticks === 400) resolve();
        });
        pacers.push(pacer);
        pacer.start((i * 0.49) % 20);
      }
    });
    for (const p of pacers) p.stop();
    expect(ticks).toBeGreaterThanOrEqual(400);
    expect(early).toEqual([]);
  });
});
