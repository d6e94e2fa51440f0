import { describe, expect, it } from 'vitest';
import { RealClock, VirtualClock, sleep } from '../../src/clock/index.js';
import { Pacer } from '../../src/runner/pacer.js';

describe('Pacer on absolute deadlines', () => {
  it('streams 10 s of 20 ms chunks in real time without drift (truth: deadline k·20 ms from start)', async () => {
    const clock = new RealClock();
    const lags: number[] = [];
    const started = clock.now();
    await new Promise<void>((resolve) => {
      const pacer = new Pacer(clock, 20, (k, due) => {
        lags.push(clock.now() - due);
        expect(due).toBeCloseTo(started + (k + 1) * 20, 0);
        if (k === 499) {
          pacer.stop();
          resolve();
        }
      });
      pacer.start();
    });
    // Drift-free: the last chunk is as punctual as any other. A relative-delay timer would be
    // ~1 ms late per tick, i.e. hundreds of ms by chunk 500. The bound is loose for loaded CI boxes.
    expect(lags).toHaveLength(500);
    expect(lags[499]).toBeLessThan(50);
    expect(clock.now() - started).toBeLessThan(10_000 + 50);
    const sorted = [...lags].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(10);
  }, 20_000);

  it('does not accumulate lateness: one slow tick is followed by on-time ones (virtual clock)', async () => {
    const clock = new VirtualClock();
    const dues: number[] = [];
    const pacer = new Pacer(clock, 20, (_k, due) => dues.push(due));
    pacer.start();
    await clock.runUntil(sleep(clock, 205));
    pacer.stop();
    expect(dues).toEqual([20, 40, 60, 80, 100, 120, 140, 160, 180, 200]);
  });

  it('pause/resume re-anchors to the resume time', async () => {
    const clock = new VirtualClock();
    const dues: number[] = [];
    const pacer = new Pacer(clock, 20, (k, due) => {
      dues.push(due);
      if (k === 1) pacer.pause();
    });
    pacer.start();
    clock.setTimer(105, () => pacer.resume());
    await clock.runUntil(sleep(clock, 150));
    pacer.stop();
    expect(dues).toEqual([20, 40, 125, 145]);
  });
});
