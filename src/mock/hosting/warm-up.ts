/**
 * A throwaway session before a real-time mock serves anyone. The first session of a process runs
 * code V8 has not compiled yet (handshake, append decoding, VAD, the response's events, the audio
 * delta frames, JSON) and measured ≈ 28 ms late at 300 ms to first audio in a fresh `rtbench mock`
 * (bench/first-session.mjs); this runs those paths once, on a virtual clock and an in-memory link,
 * so the first real session is timed like the rest. Nothing of it is counted: it has its own engine.
 */
import { VirtualClock } from '../../clock/virtual.js';
import { createInProcessPair } from '../../transport/in-process.js';
import { MockRealtime } from '../session/engine.js';
import type { MockOptions } from '../types.js';

/** 20 ms of PCM16 at 24 kHz. */
const CHUNK_BYTES = 960;

/** Base64 of 20 ms of PCM16: a 220 Hz tone (speech to the energy VAD) or silence. */
export function chunkB64(tone: boolean, k: number): string {
  const pcm = new Int16Array(CHUNK_BYTES / 2);
  if (tone) for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 220 * (k * pcm.length + i)) / 24000));
  return Buffer.from(pcm.buffer).toString('base64');
}

/**
 * Runs one short voice turn (silence, 600 ms of tone, silence until the answer ends) against a
 * throwaway engine built like the real one (same profile, assistant audio and formats). Resolves
 * true once the answer's `response.done` came.
 */
export async function warmUpMock(opts: MockOptions): Promise<boolean> {
  const clock = new VirtualClock(0);
  const { recorder: _r, script: _s, replay: _replay, faults: _f, apiKey: _k, log: _l, ...same } = opts;
  const engine = new MockRealtime({ ...same, clock, seed: 1, firstAudioMs: 100, jitterMs: 0 });
  const request = { url: 'ws://warm-up/v1/realtime?model=gpt-realtime', headers: {} };
  const admission = engine.admit(request);
  if (!admission.ok) return false;
  const pair = createInProcessPair(clock);
  engine.attach(pair.server, request, admission.ticket);
  const done = new Promise<void>((resolve) =>
    pair.client.onMessage((data) => {
      if (data.includes('"response.done"')) resolve();
    }),
  );
  pair.client.send(
    JSON.stringify({
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: 200 } } } },
    }),
  );
  // 200 ms silence, 600 ms tone, then silence: at most 3 s of chunks, enough for the answer.
  for (let k = 0; k < 150; k++) {
    const tone = k >= 10 && k < 40;
    clock.setTimer(20 * (k + 1), () => pair.client.send(`{"type":"input_audio_buffer.append","audio":"${chunkB64(tone, k)}"}`));
  }
  try {
    await clock.runUntil(done, { maxMs: 10_000 });
    return true;
  } catch {
    return false; // a warm-up that cannot finish only leaves the code cold
  } finally {
    pair.client.close();
    await clock.runUntil(Promise.resolve(), { maxMs: 100 }).catch(() => undefined);
    engine.close();
  }
}
