/**
 * A throwaway session over the mock's own socket, before it serves anyone. The in-memory warm-up
 * ({@link warmUpMock}) compiles the session engine, but not what only a real connection runs: the
 * HTTP upgrade, `ws` frame parsing and the byte-frame path of audio deltas, real-clock timers, and
 * the encoded deltas of this engine's answer clip (cached per clip). In the bundled mock's worker
 * thread — an isolate of its own, which no warm-up of the harness reaches — these made the first
 * session's vad_to_first_audio_ms several ms later than the rest (bench/first-session.mjs --bundled).
 * One manual turn (append, commit, response.create) with no first-audio delay, closed after the
 * first audio deltas; the engine then forgets it, so no counter, index or seed sees it.
 */
import WebSocket from 'ws';
import { DIRECTIVES_HEADER, encodeDirectives } from '../behaviour/directives.js';
import type { MockRealtime } from '../session/engine.js';
import { chunkB64 } from './warm-up.js';

/** Audio deltas to receive before the warm-up ends: the first and a few timer-paced ones. */
const DELTAS_WANTED = 3;
/** Longest a warm-up may take; past it the mock serves anyway (the code just stays colder). */
const WARM_UP_LIMIT_MS = 3000;

/**
 * Runs the warm-up session against `url` (the mock's own listening socket) and makes `engine`
 * forget it. Resolves true when the answer's audio arrived and the session was forgotten.
 */
export async function warmUpOverSocket(url: string, engine: MockRealtime, opts: { caPem?: string; apiKey?: string } = {}): Promise<boolean> {
  engine.muteLog(true);
  try {
    return await runWarmUp(url, engine, opts);
  } finally {
    engine.muteLog(false);
  }
}

async function runWarmUp(url: string, engine: MockRealtime, opts: { caPem?: string; apiKey?: string }): Promise<boolean> {
  const headers: Record<string, string> = { [DIRECTIVES_HEADER]: encodeDirectives({ first_audio_ms: 0 }) };
  if (opts.apiKey !== undefined) headers.authorization = `Bearer ${opts.apiKey}`;
  const ws = new WebSocket(`${url}?model=gpt-realtime`, ['realtime'], { headers, ...(opts.caPem ? { ca: opts.caPem } : {}), perMessageDeflate: false });
  ws.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  let deltas = 0;
  const heard = await new Promise<boolean>((resolve) => {
    const limit = setTimeout(() => resolve(false), WARM_UP_LIMIT_MS);
    const finish = (ok: boolean) => {
      clearTimeout(limit);
      resolve(ok);
    };
    ws.once('close', () => finish(false));
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime', audio: { input: { turn_detection: null } } } }));
      for (let k = 0; k < 10; k++) ws.send(`{"type":"input_audio_buffer.append","audio":"${chunkB64(true, k)}"}`);
      ws.send('{"type":"input_audio_buffer.commit"}');
      ws.send('{"type":"response.create"}');
    });
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.includes('"response.output_audio.delta"') && ++deltas >= DELTAS_WANTED) finish(true);
      else if (text.includes('"response.done"')) finish(deltas > 0);
    });
  });
  ws.close(1000);
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 500))]);
  // The server side closes on the client's close frame; give it the few turns of the loop it needs.
  for (let i = 0; i < 50; i++) {
    if (engine.forgetSessions()) return heard;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // Never counted, even when its close did not arrive: end it from the server side.
  engine.close();
  engine.forgetSessions();
  return false;
}
