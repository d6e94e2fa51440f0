/**
 * What a listener hears (virtual clock, exact): the assistant cutting in over the user, the player
 * running dry when audio streams slower than real time, and audio a target keeps sending after it
 * detected a barge-in.
 */
import { describe, expect, it } from 'vitest';
import { received, runVirtual, scenarioDir, splitTurnFiles } from './helpers.js';

describe('assistant_cut_in_ms', () => {
  it('an answer that starts 200 ms before the user goes on, stopped at speech_started 200 ms after the onset → 200', async () => {
    // Pause 1000, silence 500, D 300: the premature answer starts 200 ms before the user resumes,
    // and the client stops it when speech_started comes, 200 ms after the resumed onset.
    const dir = scenarioDir(
      `name: cut-in
session:
  turn_detection: { type: server_vad, silence_duration_ms: 500 }
turns:
  - audio: split.wav
mock: { profile: default, first_audio_ms: 300, jitter_ms: 0, speech_started_delay_ms: 200 }
`,
      await splitTurnFiles(1000),
    );
    const { m } = await runVirtual(dir);
    // ≈ 200: the mock times speech_started from its own VAD's onset, which may sit a frame off the
    // annotation's true onset.
    expect(m(0, 'assistant_cut_in_ms')).toBeGreaterThanOrEqual(180);
    expect(m(0, 'assistant_cut_in_ms')).toBeLessThanOrEqual(220);
    expect(m(0, 'first_audio_ms')).toBeGreaterThan(0);
  });

  it('no cut-in when the answer waits for the user', async () => {
    const dir = scenarioDir(`name: calm\nturns:\n  - audio: ${process.cwd()}/fixtures/what-time.wav\nmock: { first_audio_ms: 300, jitter_ms: 0 }\n`);
    const { m } = await runVirtual(dir);
    expect(m(0, 'assistant_cut_in_ms')).toBe(0);
  });
});

describe('playback_stalls / playback_stall_ms', () => {
  const scenario = (rate: number) =>
    scenarioDir(
      `name: stream\nturns:\n  - audio: ${process.cwd()}/fixtures/what-time.wav\nmock: { first_audio_ms: 300, jitter_ms: 0, response_audio_ms: 3000, stream_rate: ${rate} }\n`,
    );

  it('audio at 0.8× real time: the player runs dry between deltas', async () => {
    const { m } = await runVirtual(scenario(0.8));
    // 100 ms deltas every 125 ms: a 25 ms gap before each delta after the first (29 of them).
    expect(m(0, 'playback_stalls')).toBe(29);
    expect(m(0, 'playback_stall_ms')).toBeCloseTo(29 * 25, 0);
  });

  it('audio faster than real time never stalls', async () => {
    const { m } = await runVirtual(scenario(5));
    expect(m(0, 'playback_stalls')).toBe(0);
    expect(m(0, 'playback_stall_ms')).toBe(0);
  });
});

describe('audio_after_barge_in_ms', () => {
  const bargeIn = (interrupt: boolean) =>
    scenarioDir(`name: barge
session:
  turn_detection: { type: server_vad, silence_duration_ms: 500, interrupt_response: ${interrupt} }
turns:
  - audio: ${process.cwd()}/fixtures/tell-story.wav
  - audio: ${process.cwd()}/fixtures/stop.wav
    barge_in: { after_first_audio_ms: 300 }
mock: { profile: slow, first_audio_ms: 300, jitter_ms: 0, response_audio_ms: 8000 }
`);

  it('a target that honours the interruption sends nothing after its speech_started', async () => {
    const { m } = await runVirtual(bargeIn(true));
    expect(m(1, 'audio_after_barge_in_ms')).toBe(0);
    expect(m(1, 'talk_over_ms')).toBeCloseTo(m(1, 'barge_in_detect_ms'), 5);
  });

  it('a target that ignores it (no server cancel, the client cancel dropped) keeps streaming: > 0', async () => {
    const { m, trace } = await runVirtual(bargeIn(false), { dropClient: (f) => f.includes('"response.cancel"') });
    expect(m(1, 'audio_after_barge_in_ms')).toBeGreaterThan(1000);
    // What the listener heard is still cut at speech_started: the client stopped playback.
    expect(m(1, 'talk_over_ms')).toBeCloseTo(m(1, 'barge_in_detect_ms'), 5);
    expect(received(trace, 'response.done').some((r) => (r.event.response as { status: string }).status === 'completed')).toBe(true);
  });
});
