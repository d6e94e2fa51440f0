/**
 * Barge-in on time: the interrupting speech onset lands `after_first_audio_ms` after the answer's
 * first audio arrived, or once `after_played_ms` of it was played — exactly on the virtual clock
 * (the microphone switches to the barge-in fixture mid-chunk, skipping leading silence as needed).
 * The real-clock table is barge-in-real.timing.test.ts (timing pass).
 */
import { describe, expect, it } from 'vitest';
import { playTimeline } from '../../src/metrics/play-timeline.js';
import { BARGE_CASES as CASES, bargeScenario as scenario, received, runVirtual, scenarioDir, trueOnsetWall } from './helpers.js';

describe('barge-in timing, virtual clock: exact', () => {
  it.each(CASES)('$trigger', async (c) => {
    const { trace, turns } = await runVirtual(scenarioDir(scenario(c.trigger)));
    const stops = received(trace, 'input_audio_buffer.speech_stopped');
    const deltas = received(trace, 'response.output_audio.delta').filter((r) => r.t > stops[0].t);
    const answerId = deltas[0].event.response_id;
    const answer = deltas.filter((r) => r.event.response_id === answerId);
    // Truth from the trace alone: when the answer's first audio arrived / when its 500th ms played.
    const reference =
      c.after === 'first_audio'
        ? answer[0].t + c.ms
        : playTimeline(answer.map((d) => ({ t: d.t, ms: (d.event.audio_bytes as number) / 48 }))).timeWhenPlayed(c.ms)!;
    expect(trueOnsetWall(trace, 1)).toBeCloseTo(reference, 1);
    expect(turns[1].facts.barge_in_offset_ms).toBeCloseTo(c.after === 'first_audio' ? c.ms : 0, 1);
    expect(trace.some((r) => r.k === 'note' && /barge-in onset landed/.test(r.msg))).toBe(false);
  });
});
