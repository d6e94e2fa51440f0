/**
 * Answers of any requested length: the answer clip (3975 ms bundled) is looped, never silently
 * capped; a length the mock will not generate is refused at the handshake.
 */
import { describe, expect, it } from 'vitest';
import { MockRealtime, encodeDirectives } from '../../src/mock/index.js';
import { VirtualClock } from '../../src/clock/virtual.js';
import { toneSpeech, VirtualRig } from './helpers.js';

describe('response_audio_ms', () => {
  it.each([8000, 60_000])('%i ms of answer audio is exactly what is streamed', async (ms) => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 200, jitterMs: 0, profile: 'fast' }, directives: { response_audio_ms: ms } });
    rig.streamAudio(toneSpeech(800, 1500, 24000, 300), { startMs: 0 });
    await rig.run(rig.waitForType('response.done'));
    const bytes = rig.of('response.output_audio.delta').reduce((n, r) => n + Buffer.from(r.event.delta as string, 'base64').byteLength, 0);
    expect(bytes / 48).toBe(ms);
    // The transcript follows the looped audio: the clip's words repeat.
    const transcript = rig.of('response.output_audio_transcript.done')[0].event.transcript as string;
    expect(transcript.split('rtbench mock').length - 1).toBeGreaterThanOrEqual(Math.floor(ms / 3975));
  });

  it('more than the mock generates (600 s) is refused at the handshake, never capped', () => {
    const mock = new MockRealtime({ clock: new VirtualClock() });
    const a = mock.admit({ url: '/v1/realtime?model=gpt-realtime', headers: { 'x-rtbench-mock': encodeDirectives({ response_audio_ms: 600_001 }) } });
    expect(a.ok).toBe(false);
    if (!a.ok) {
      expect(a.refusal.status).toBe(400);
      expect(a.refusal.body).toMatch(/response_audio_ms: at most 600000 ms of answer audio/);
    }
  });
});
