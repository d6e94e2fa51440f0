import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickPlan } from '../../src/scenario/index.js';

describe('quickPlan (rtbench run --audio)', () => {
  it('makes one session with one user turn per WAV, in order, paths resolved from the working folder', () => {
    const plans = quickPlan(['fixtures/what-time.wav', 'fixtures/weather.wav'], {});
    expect(plans).toHaveLength(1);
    const [p] = plans;
    expect(p).toMatchObject({
      id: 'quick#mock/gpt-realtime-2.1#r1',
      scenario: 'quick',
      target: 'mock',
      model: 'gpt-realtime-2.1',
      repeat: 1,
      chunk_ms: 20,
      expectations: [],
    });
    expect(p.file).toBeUndefined();
    expect(p.turns.map((t) => t.audio)).toEqual([resolve('fixtures/what-time.wav'), resolve('fixtures/weather.wav')]);
    expect(p.turns.map((t) => t.start)).toEqual([
      { after: 'start', gap_ms: 0 },
      { after: 'played_out', gap_ms: 500 },
    ]);
    // default session: server VAD with the documented 500 ms silence → 1000 ms tail
    expect(p.turns.map((t) => t.trailing_silence_ms)).toEqual([1000, 1000]);
    expect(p.mock).toEqual({});
  });

  it('crosses targets, models and repeats, and uses the session given', () => {
    const plans = quickPlan(['a.wav'], {
      models: ['m1', 'm2'],
      targets: ['mock', 'wss://example.test/v1/realtime'],
      repeat: 2,
      session: { voice: 'verse', turn_detection: null },
      seed: 3,
    });
    expect(plans).toHaveLength(8);
    expect(plans.every((p) => p.session.voice === 'verse' && p.session.turn_detection === null)).toBe(true);
    expect(plans[0].turns[0].trailing_silence_ms).toBe(200);
    expect(new Set(plans.map((p) => p.id)).size).toBe(8);
    expect(plans.map((p) => p.id)).toContain('quick#wss://example.test/v1/realtime/m2#r2');
  });

  it('needs at least one WAV', () => {
    expect(() => quickPlan([], {})).toThrow(RangeError);
  });
});
