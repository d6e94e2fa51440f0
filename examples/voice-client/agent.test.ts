// Testing an @openai/agents-realtime voice agent with rtbench's realtime test server: the model is
// forced to call the typed tool (toolChoice "required"); the server fills its declared parameters,
// so the SDK's schema check passes and the tool really runs.
import { describe, expect, it } from 'vitest';
import { installMatchers, useRealtimeTestServer } from 'rtbench/vitest';
import { createWeatherAgent } from './agent.js';
import { speechThenSilence } from './speech.js';

installMatchers();
const rt = useRealtimeTestServer({ firstAudioMs: 200, jitterMs: 0, profile: 'slow' });

describe('weather agent (@openai/agents-realtime)', () => {
  it('runs get_weather with arguments from the tool schema and speaks the answer', async () => {
    const agent = createWeatherAgent();
    await agent.connect(rt.server.url);
    const session = await rt.server.waitForSession(0);
    await session.waitFor((e) => e.from === 'server' && e.type === 'session.updated');
    await agent.speak(
      speechThenSilence([
        ['speech', 800],
        ['silence', 1200],
      ]),
    );
    const spoken = await session.waitFor(
      (e) => e.from === 'server' && e.type === 'response.done' && (e.event.response as { output: Array<{ type: string }> }).output[0]?.type === 'message',
    );
    agent.session.close();
    expect(agent.lookups).toEqual(['Paris']);
    expect(agent.errors).toEqual([]);
    expect(session).toAnswerToolCall('get_weather');
    expect(spoken.event.response).toMatchObject({ status: 'completed' });
    expect(session).toStreamAudioInRealTime({ tolerance: 0.25 });
    // The session.update the SDK sent was valid: the mock refused nothing.
    expect(session.serverEvents.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('a scripted call with explicit arguments reaches the tool unchanged', async () => {
    rt.server.nextResponseCallsFunction('get_weather', { city: 'Reykjavík' });
    const agent = createWeatherAgent();
    await agent.connect(rt.server.url);
    const session = await rt.server.waitForSession(0);
    await session.waitFor((e) => e.from === 'server' && e.type === 'session.updated');
    await agent.speak(
      speechThenSilence([
        ['speech', 800],
        ['silence', 1200],
      ]),
    );
    await session.waitFor((e) => e.from === 'client' && e.type === 'response.create');
    agent.session.close();
    expect(agent.lookups).toEqual(['Reykjavík']);
    expect(session).toAnswerToolCall('get_weather');
  });
});
