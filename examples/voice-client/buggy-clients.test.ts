// Each buggy client reproduces a real bug class; each test shows the matcher that catches it fails,
// with a message that reads as a bug report.
import { describe, expect, it } from 'vitest';
import { respectsInterruptResponse, truncatesWithinAudio } from 'rtbench/testing';
import { installMatchers, useRealtimeTestServer } from 'rtbench/vitest';
import { CancelsDespiteNoInterrupt, TruncatesAtZeroBeforeAudio, TruncatesBeyondAudio } from './buggy-clients.js';
import { speechThenSilence } from './speech.js';

installMatchers();
const rt = useRealtimeTestServer({ tls: true, firstAudioMs: 200, jitterMs: 0, profile: 'slow' });
const opts = () => ({ baseURL: rt.server.baseURL, ca: rt.server.caPem });
const serverSent = (type: string) => (e: { from: string; type: string }) => e.from === 'server' && e.type === type;

describe('buggy clients are caught', () => {
  it('truncating beyond the audio received (openai-agents-python #2370)', async () => {
    rt.server.answerWithAudio({ ms: 1000 });
    const client = new TruncatesBeyondAudio(opts());
    await client.connect();
    const session = await rt.server.waitForSession(0);
    // The user speaks again well after the 1 s answer has finished playing.
    await client.speak(
      speechThenSilence([
        ['speech', 800],
        ['silence', 3500],
        ['speech', 600],
        ['silence', 800],
      ]),
    );
    await session.waitFor(serverSent('error'));
    client.close();
    const verdict = truncatesWithinAudio(session);
    expect(verdict.pass).toBe(false);
    expect(verdict.message).toMatch(
      /^expected truncations within the audio received, but truncate of item_\w+ at [\d.]+ s: audio_end_ms \d+, 1000 ms of audio received, .* — beyond the audio it received \(the server answered invalid_value: "Audio content of 1000ms is already shorter than \d+ms"\)$/,
    );
    expect(() => expect(session).toTruncateWithinAudio()).toThrow(/beyond the audio it received/);
  });

  it('truncating at 0 before any audio arrived (livekit/agents #6249)', async () => {
    rt.server.answerWithText('A short text answer.');
    const client = new TruncatesAtZeroBeforeAudio(opts());
    await client.connect();
    const session = await rt.server.waitForSession(0);
    await client.speak(
      speechThenSilence([
        ['speech', 800],
        ['silence', 1200],
        ['speech', 600],
        ['silence', 800],
      ]),
    );
    await session.waitFor(serverSent('error'));
    client.close();
    const verdict = truncatesWithinAudio(session);
    expect(verdict.pass).toBe(false);
    expect(verdict.message).toMatch(
      /^expected truncations within the audio received, but truncate of item_\w+ at [\d.]+ s: audio_end_ms 0, 0 ms of audio received, ≈ 0 ms playable in real time \(no audio had arrived\) — at 0 before any of its audio arrived \(the server answered unsupported_content_type: "Only model output audio messages can be truncated"\)$/,
    );
    expect(() => expect(session).toTruncateWithinAudio()).toThrow(/at 0 before any of its audio arrived/);
  });

  it('response.cancel although interrupt_response is off (livekit/agents #6635)', async () => {
    const client = new CancelsDespiteNoInterrupt({ ...opts(), interruptResponse: false });
    await client.connect();
    const session = await rt.server.waitForSession(0);
    await client.speak(
      speechThenSilence([
        ['speech', 800],
        ['silence', 1700],
        ['speech', 600],
        ['silence', 800],
      ]),
    );
    await session.waitFor((e) => e.from === 'client' && e.type === 'response.cancel');
    client.close();
    const verdict = respectsInterruptResponse(session);
    expect(verdict.pass).toBe(false);
    expect(verdict.message).toMatch(
      /^expected no response\.cancel on speech_started while turn_detection\.interrupt_response is false, but the client sent response\.cancel \d+ ms after input_audio_buffer\.speech_started at [\d.]+ s$/,
    );
    expect(() => expect(session).toRespectInterruptResponse()).toThrow(/interrupt_response is false/);
    // The same session passes the checks it does not violate.
    expect(session).toTruncateWithinAudio();
  });
});
