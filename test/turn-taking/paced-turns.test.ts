/**
 * When a turn starts (virtual clock, the in-process mock): the user waits for the previous answer
 * to be heard. Truth: the mock answers 3000 ms of audio, its first delta 400 ms after speech_stopped,
 * streamed faster than real time; the client's player plays it in real time from its first delta,
 * so answer 1 ends 3000 ms after its first delta — recomputed here from the deltas in the trace,
 * independently of the scheduler. Contrast: `start: after_response_done` starts turn 2 while the
 * answer still plays, and the overlap must then be measured and flagged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceTurn } from '../../src/metrics/trace.js';
import { ANSWER_MS, GAP_MS, runTwoTurns, timeline, twoTurns } from './paced-helpers.js';

describe('turn pacing: a turn without barge_in starts gap_ms after the previous answer was heard (virtual clock)', () => {
  it('two say: turns, 3000 ms answers: no truncate, turn 2 after playback end + gap, every answer heard whole', async () => {
    const { results, traces } = await runTwoTurns(twoTurns(), { clock: 'virtual' });
    const [a, b] = results.samples;
    expect(a.ok && b.ok).toBe(true);
    const t = timeline(traces, a.id.replace(/#t0$/, ''));
    expect(t.truncates).toHaveLength(0);
    expect(t.onset2).toBeGreaterThanOrEqual(t.end1 + GAP_MS);
    // …and not much later: the turn's audio starts on the next chunk after heard + gap (20 ms grid).
    const turn2 = traces.find((r): r is TraceTurn => r.k === 'turn' && r.turn === 1)!;
    expect(turn2.trigger).toBe('played_out');
    expect(turn2.reference_t).toBeCloseTo(t.end1, 6);
    // The session ends when the last answer has been heard, not at its response.done.
    expect(t.closeT).toBeGreaterThanOrEqual(t.end2);
    for (const s of [a, b]) {
      expect(s.metrics.response_audio_ms).toBe(ANSWER_MS);
      expect(s.metrics.heard_audio_ms).toBe(ANSWER_MS);
      expect(s.metrics.user_overlap_ms).toBe(0);
      expect(s.metrics.unplanned_overlap).toBe(false);
      expect(s.metrics.first_audible_ms).toBeGreaterThan(s.metrics.first_audio_ms as number);
    }
  });

  it('contrast, start: after_response_done: turn 2 talks over answer 1; overlap measured and flagged in report.md and junit.xml', async () => {
    const { results, traces, out } = await runTwoTurns(twoTurns('start: after_response_done\n'), { clock: 'virtual' });
    const [a, b] = results.samples;
    const t = timeline(traces, a.id.replace(/#t0$/, ''));
    expect(t.onset2).toBeLessThan(t.end1);
    expect(t.truncates).toHaveLength(1);
    expect(b.metrics.user_overlap_ms).toBeGreaterThan(0);
    expect(b.metrics.unplanned_overlap).toBe(true);
    // What the user heard of answer 1 is what the client told the server it played.
    expect(a.metrics.heard_audio_ms).toBe(t.truncates[0].event.audio_end_ms);
    expect(a.metrics.heard_audio_ms).toBeLessThan(a.metrics.response_audio_ms as number);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(
      /> \*\*Unplanned overlap\*\* — 1 turn without barge\\_in talked over an answer still playing \(two-turn#mock\/[^#]+#r1#t1: \d/,
    );
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<system-err>warning: unplanned overlap: 1 turn without barge_in/);
  });

  it('a planned barge-in still truncates at the played position, and is not flagged', async () => {
    const { results, traces, out } = await runTwoTurns(twoTurns('', '    barge_in: { after_played_ms: 1000 }\n'), { clock: 'virtual' });
    const [a, b] = results.samples;
    const t = timeline(traces, a.id.replace(/#t0$/, ''));
    const stop = traces.find((r) => r.k === 'play' && r.ev === 'stop');
    expect(t.truncates).toHaveLength(1);
    expect(stop?.k === 'play' && Math.floor(stop.played_ms)).toBe(t.truncates[0].event.audio_end_ms);
    expect(b.metrics.truncate_ok).toBe(true);
    expect(a.metrics.heard_audio_ms).toBe(t.truncates[0].event.audio_end_ms);
    expect(b.metrics.user_overlap_ms).toBeGreaterThan(0);
    expect(b.metrics.unplanned_overlap).toBe(false);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).not.toMatch(/> \*\*Unplanned overlap\*\*/);
  });
});
