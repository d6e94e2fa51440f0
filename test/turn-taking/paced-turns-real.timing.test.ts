/**
 * The two-turn scenario on the real clock, over a real socket to the mock and, where libwebrtc is
 * installed, over WebRTC: no truncate, turn 2's speech after answer 1 played out + gap_ms (from
 * the deltas as the player received them), every answer heard whole. Runs in the timing pass.
 * The WebRTC leg reads the run's results and traces only; a process that loaded libwebrtc may
 * still crash when it exits, which is outside what is measured here.
 */
import { describe, expect, it } from 'vitest';
import { webrtcAvailable } from '../../src/transport/webrtc-lib.js';
import { GAP_MS, runTwoTurns, timeline, twoTurns } from './paced-helpers.js';

const transports = webrtcAvailable() ? (['ws', 'webrtc'] as const) : (['ws'] as const);

describe.each(transports)('turn pacing on the real clock (%s)', (transport) => {
  it('no truncate, turn 2 after playback end + gap, every answer heard whole, no overlap', { timeout: 60_000 }, async () => {
    const { results, traces } = await runTwoTurns(twoTurns(), { clock: 'real', transports: [transport] });
    const [a, b] = results.samples;
    expect(a.ok, a.error).toBe(true);
    expect(b.ok, b.error).toBe(true);
    const t = timeline(traces, a.id.replace(/#t0$/, ''));
    expect(t.truncates).toHaveLength(0);
    expect(t.onset2).toBeGreaterThanOrEqual(t.end1 + GAP_MS);
    expect(t.closeT).toBeGreaterThanOrEqual(t.end2);
    for (const s of [a, b]) {
      // Over WebRTC the track's audio counts from its first sound, so it is shorter than 3000 ms.
      expect(s.metrics.response_audio_ms).toBeGreaterThan(transport === 'ws' ? 2999 : 2000);
      expect(s.metrics.heard_audio_ms).toBe(s.metrics.response_audio_ms);
      expect(s.metrics.user_overlap_ms).toBe(0);
      expect(s.metrics.unplanned_overlap).toBe(false);
    }
  });
});
