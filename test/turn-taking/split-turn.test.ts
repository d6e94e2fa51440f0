/**
 * A user turn with a 1 s pause inside, split by a VAD silence shorter than the pause (virtual
 * clock, exact): the service ends the turn at the pause, answers, the user goes on, that answer is
 * cancelled, and the real answer follows. Every VAD metric must pair the real answer with the
 * speech_stopped that led to it.
 */
import { describe, expect, it } from 'vitest';
import { received, runVirtual, scenarioDir, splitTurnFiles, trueEndWall } from './helpers.js';

const D = 300;

describe.each(['fast', 'default'])('split turn (two real clips, 1 s pause, silence_duration_ms 500), %s profile', async (profile) => {
  const files = await splitTurnFiles(1000);
  const dir = scenarioDir(
    `name: split
session:
  turn_detection: { type: server_vad, silence_duration_ms: 500 }
turns:
  - audio: split.wav
mock: { profile: ${profile}, first_audio_ms: ${D}, jitter_ms: 0 }
`,
    files,
  );
  const run = await runVirtual(dir);
  const { trace, m } = run;

  it('the service split the turn: a premature stop and a cancelled response', () => {
    expect(run.outcome.error).toBeNull();
    expect(received(trace, 'input_audio_buffer.speech_stopped').length).toBeGreaterThanOrEqual(2);
    expect(m(0, 'premature_stops')).toBeGreaterThanOrEqual(1);
    expect(m(0, 'cancelled_responses')).toBeGreaterThanOrEqual(1);
  });

  it('vad_to_first_audio_ms = D exactly: the answer is paired with the speech_stopped that led to it', () => {
    expect(m(0, 'vad_to_first_audio_ms')).toBe(D);
  });

  it("first_audio_ms = the answer's first audio − the true end of speech (never the cancelled response's audio)", () => {
    // Truth, independent of the pairing code: the first audio after the user's last speech_stopped.
    const stops = received(trace, 'input_audio_buffer.speech_stopped');
    const lastStop = stops[stops.length - 1];
    const firstAudio = received(trace, 'response.output_audio.delta').find((r) => r.t > lastStop.t)!;
    const expected = Math.round((firstAudio.t - trueEndWall(trace, 0)) * 10) / 10;
    expect(m(0, 'first_audio_ms')).toBe(expected);
    expect(m(0, 'first_audio_ms')).toBeGreaterThan(0);
    // vad_stop_delay = the last stop's arrival − true end: the silence (500) + at most one chunk.
    expect(m(0, 'vad_stop_delay_ms')).toBeGreaterThanOrEqual(500);
    expect(m(0, 'vad_stop_delay_ms')).toBeLessThanOrEqual(520);
  });

  it("the cancelled response's audio that played over the user's resumed speech is reported as a cut-in", () => {
    // 500 ms silence + D 300 → its audio starts 200 ms before the user resumes; the client stops
    // playback at speech_started: the profile's onset-detection delay later (fast: the bare
    // detector, within 2 chunks; default: 180 ms exactly with jitter_ms 0).
    const onsetDelay = profile === 'fast' ? 0 : 180;
    expect(m(0, 'assistant_cut_in_ms')).toBeGreaterThan(Math.max(0, onsetDelay - 1));
    expect(m(0, 'assistant_cut_in_ms')).toBeLessThanOrEqual(Math.max(40, onsetDelay + 1));
  });
});
