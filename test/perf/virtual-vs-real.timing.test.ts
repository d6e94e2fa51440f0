import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/report/types.js';
import { quietRun } from './helpers.js';

/**
 * Truth: the mock injects the same fixed first-audio delay (300 ms, no jitter) in both runs and
 * hears the same audio, so a virtual-time run (zero network, exact timers) and a real-time run over
 * a real socket must agree to within what the real run's timers and network add. That allowance is
 * 10 ms, widened by the largest pacing lag the real run itself recorded: the mock's timers share the
 * event loop with the pacer, so a loaded machine delays both alike.
 */
describe('virtual vs real time: same scenario, same metrics', () => {
  it('multi-turn: per-turn metrics agree within the real run’s tolerance', async () => {
    const common = { paths: ['scenarios/multi-turn.yaml'], mock: { firstAudioMs: 300, jitterMs: 0 }, seed: 3 };
    const virtual = await quietRun({ ...common, clock: 'virtual' });
    const real = await quietRun({ ...common, clock: 'real' });
    const v = byId(virtual.results.samples);
    const r = byId(real.results.samples);
    expect([...v.keys()]).toEqual([...r.keys()]);
    const tolMs = 10 + Math.max(0, real.results.pacing.lag_max_ms ?? 0);

    for (const [id, vs] of v) {
      const rs = r.get(id)!;
      expect(vs.ok, vs.error).toBe(true);
      expect(rs.ok, rs.error).toBe(true);
      // Virtual time: exactly the injected delay; real time: within the tolerance of it.
      expect(vs.metrics.vad_to_first_audio_ms).toBe(300);
      expect(Math.abs(num(rs, 'vad_to_first_audio_ms') - num(vs, 'vad_to_first_audio_ms'))).toBeLessThanOrEqual(tolMs);
      // VAD positions are in the audio timeline: the same audio gives the same decisions.
      expect(Math.abs(num(rs, 'vad_end_error_ms') - num(vs, 'vad_end_error_ms'))).toBeLessThanOrEqual(20);
      expect(Math.abs(num(rs, 'vad_start_error_ms') - num(vs, 'vad_start_error_ms'))).toBeLessThanOrEqual(20);
      // End-to-end latency adds the VAD's stop delay, measured from actual send times on both sides.
      expect(Math.abs(num(rs, 'first_audio_ms') - num(vs, 'first_audio_ms'))).toBeLessThanOrEqual(tolMs + 20);
      for (const m of ['false_turns', 'missed_turns', 'response_audio_ms'] as const) expect(rs.metrics[m], `${id} ${m}`).toBe(vs.metrics[m]);
    }
    // The virtual run paces exactly; the real run records its own (non-zero) lag.
    expect(virtual.results.pacing.lag_max_ms).toBe(0);
    expect(real.results.pacing.chunks).toBeGreaterThan(0);
  });
});

function byId(samples: Sample[]): Map<string, Sample> {
  return new Map(samples.map((s) => [s.id, s]));
}

function num(s: Sample, metric: string): number {
  const v = s.metrics[metric];
  if (typeof v !== 'number') throw new Error(`${s.id}: ${metric} is ${String(v)}`);
  return v;
}
