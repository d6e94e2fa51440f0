import { describe, expect, it } from 'vitest';
import { RealClock, VirtualClock, sleep } from '../../src/clock/index.js';

describe('VirtualClock', () => {
  it('fires timers in time order, then insertion order, and advances now() to each', async () => {
    const clock = new VirtualClock();
    const seen: Array<[string, number]> = [];
    clock.setTimer(30, () => seen.push(['c', clock.now()]));
    clock.setTimer(10, () => seen.push(['a', clock.now()]));
    clock.setTimer(10, () => seen.push(['b', clock.now()]));
    const h = clock.setTimer(20, () => seen.push(['cancelled', clock.now()]));
    clock.clearTimer(h);
    await clock.runUntil(sleep(clock, 100));
    expect(seen).toEqual([
      ['a', 10],
      ['b', 10],
      ['c', 30],
    ]);
    expect(clock.now()).toBe(100);
  });

  it('lets promise chains settle between events (a minute of virtual time in far less real time)', async () => {
    const clock = new VirtualClock();
    const started = performance.now();
    const run = (async () => {
      let n = 0;
      for (let i = 0; i < 3000; i++) {
        await sleep(clock, 20);
        n++;
      }
      return n;
    })();
    expect(await clock.runUntil(run)).toBe(3000);
    expect(clock.now()).toBe(60_000);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('rejects sleeps on abort', async () => {
    const clock = new VirtualClock();
    const ac = new AbortController();
    const p = sleep(clock, 50, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});

describe('RealClock', () => {
  it('is monotonic and fires absolute timers no earlier than their deadline', async () => {
    const clock = new RealClock();
    const due = clock.now() + 15;
    const fired = await new Promise<number>((r) => clock.setTimer(due, () => r(clock.now())));
    expect(fired).toBeGreaterThanOrEqual(due - 1);
  });
});
