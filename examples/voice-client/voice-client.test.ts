// Testing a voice client built on the official `openai` SDK with rtbench's realtime test server:
// script the server per test, run the client, then assert on what the client sent.
import { describe, expect, it } from 'vitest';
import { installMatchers, useRealtimeTestServer } from 'rtbench/vitest';
import { speechThenSilence } from './speech.js';
import { VoiceClient } from './voice-client.js';

installMatchers();
// OpenAIRealtimeWS only connects to wss://, so the test server serves TLS with a self-signed certificate.
const rt = useRealtimeTestServer({ tls: true, firstAudioMs: 200, jitterMs: 0, profile: 'slow' });
const newClient = (extra: Partial<ConstructorParameters<typeof VoiceClient>[0]> = {}) =>
  new VoiceClient({ baseURL: rt.server.baseURL, ca: rt.server.caPem, ...extra });
const until = async (cond: () => boolean, timeoutMs = 15_000) => {
  const start = performance.now();
  while (!cond()) {
    if (performance.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const serverSent = (type: string) => (e: { from: string; type: string }) => e.from === 'server' && e.type === type;

describe('my voice client (openai SDK)', () => {
  it('stops and truncates at the audio it played when the user talks over the answer', async () => {
    const client = newClient();
    await client.connect();
    const session = await rt.server.waitForSession(0);
    // A question, then a barge-in about a second into the answer, as one continuous microphone stream.
    await client.speak(
      speechThenSilence([
        ['speech', 800],
        ['silence', 1700],
        ['speech', 600],
        ['silence', 1200],
      ]),
    );
    await session.waitFor(serverSent('conversation.item.truncated'));
    client.close();
    // Client and server share this process: on a loaded CI box their timers run late, so the
    // tolerances leave room for event-loop delay (a real client bug is off by seconds, see buggy-clients).
    expect(session).toStreamAudioInRealTime({ tolerance: 0.25 });
    expect(session).toStopPlaybackOnBargeIn();
    expect(session).toTruncateAtPlayedAudio({ toleranceMs: 250 });
    expect(session).toTruncateWithinAudio();
    expect(session).toRespectInterruptResponse();
  });

  it('runs the tool the model calls and asks for the spoken answer', async () => {
    rt.server.nextResponseCallsFunction('get_weather', { city: 'Oslo' });
    const client = newClient({
      schemas: { get_weather: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      tools: { get_weather: ({ city }) => JSON.stringify({ city, sky: 'clear' }) },
    });
    await client.connect();
    const session = await rt.server.waitForSession(0);
    await client.speak(
      speechThenSilence([
        ['speech', 700],
        ['silence', 900],
      ]),
    );
    await session.waitFor(
      (e) => e.from === 'server' && e.type === 'response.done' && (e.event.response as { output: Array<{ type: string }> }).output[0]?.type === 'message',
    );
    client.close();
    expect(client.toolRuns).toEqual([{ name: 'get_weather', args: { city: 'Oslo' } }]);
    expect(session).toAnswerToolCall('get_weather');
  });

  it('reconnects after the server drops the connection', async () => {
    rt.server.dropConnection({ afterMs: 300 });
    const client = newClient();
    await client.connect();
    await rt.server.waitForSession(1);
    client.close();
    expect(rt.server.sessions[0].end).toMatchObject({ by: 'server', code: 1006 });
    expect(rt.server.sessions).toHaveReconnectedAfterDrop();
  });

  it('surfaces a failed response', async () => {
    rt.server.failNextResponse({ message: 'The server had an error (scripted).' });
    const client = newClient();
    await client.connect();
    const session = await rt.server.waitForSession(0);
    await client.speak(
      speechThenSilence([
        ['speech', 700],
        ['silence', 900],
      ]),
    );
    await session.waitFor(serverSent('response.done'));
    await until(() => client.errors.length > 0);
    client.close();
    expect(client.errors[0]).toMatchObject({ type: 'server_error', message: 'The server had an error (scripted).' });
    expect(session.serverEvents.find((e) => e.type === 'response.done')!.event.response).toMatchObject({ status: 'failed' });
  });
});
