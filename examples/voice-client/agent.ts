// A voice agent on `@openai/agents-realtime` with one typed tool. The SDK checks the model's
// arguments against the tool's zod schema before running it, so the server must fill `city`.
import { RealtimeAgent, RealtimeSession, tool } from '@openai/agents-realtime';
import { z } from 'zod';

export interface WeatherAgent {
  session: RealtimeSession;
  /** Cities the tool was actually run for. */
  lookups: string[];
  /** Errors the session reported. */
  errors: unknown[];
  connect(url: string): Promise<void>;
  /** Streams PCM16 24 kHz in 20 ms chunks, each when its audio has been "captured". */
  speak(pcm: Int16Array): Promise<void>;
}

export function createWeatherAgent(): WeatherAgent {
  const lookups: string[] = [];
  const errors: unknown[] = [];
  const getWeather = tool({
    name: 'get_weather',
    description: 'The current weather in a city',
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      lookups.push(city);
      return `It is sunny in ${city}.`;
    },
  });
  const agent = new RealtimeAgent({ name: 'weather', instructions: 'Answer weather questions with get_weather.', tools: [getWeather] });
  const session = new RealtimeSession(agent, { transport: 'websocket', model: 'gpt-realtime', tracingDisabled: true, config: { toolChoice: 'required' } });
  session.on('error', (e) => errors.push(e));
  return {
    session,
    lookups,
    errors,
    connect: (url) => session.connect({ apiKey: 'sk-test', url }),
    async speak(pcm) {
      const start = performance.now();
      for (let k = 0; k * 480 < pcm.length; k++) {
        await new Promise((r) => setTimeout(r, Math.max(0, start + (k + 1) * 20 - performance.now())));
        session.sendAudio(pcm.slice(k * 480, (k + 1) * 480).buffer);
      }
    },
  };
}
