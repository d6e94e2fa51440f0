/**
 * Warms the harness's own code before a real-time run's first session is timed. The first session
 * of a process runs code V8 has not compiled (the session driver, pacer, codec, trace, metrics) and
 * imports the WebSocket client on its first connection; measured, the first session's
 * vad_to_first_audio_ms came ≈ 5 ms later than the rest (bench/first-session.mjs). This runs the
 * plan's first turn once against a throwaway in-process mock on a virtual clock — no socket, no
 * target, nothing recorded — and loads the socket module, before the clock that matters starts.
 */
import { VirtualClock } from '../clock/virtual.js';
import { MockRealtime } from '../mock/session/engine.js';
import type { PreparedTurn } from '../runner/prepare.js';
import { executePlan } from '../runner/run.js';
import { resolveEndpoint } from '../runner/targets.js';
import type { SessionPlan } from '../scenario/types.js';
import { connectInProcess } from './connect.js';

const WARM_UP_ID = 'warm-up';

/** One turn of `sp` (its audio and settings) against a throwaway mock; resolves when it has ended. */
export async function warmUpHarness(sp: SessionPlan, turns: PreparedTurn[]): Promise<void> {
  await import('../transport/ws-client.js');
  const clock = new VirtualClock(0);
  const engine = new MockRealtime({ clock, seed: 1, firstAudioMs: 100, jitterMs: 0, warmUp: false });
  const session: SessionPlan = {
    ...sp,
    id: WARM_UP_ID,
    target: 'mock',
    transport: 'ws',
    turns: sp.turns.slice(0, 1),
    expectations: [],
    mock: { response_audio_ms: 1000 },
  };
  try {
    await clock.runUntil(
      executePlan(
        { sessions: [session] },
        {
          clock,
          connect: async (s, t) => connectInProcess(engine, clock, resolveEndpoint(s, {}, 'ws://in-process/v1/realtime', undefined, t)),
          prepared: new Map([[WARM_UP_ID, turns.slice(0, 1)]]),
        },
      ),
      { maxMs: 120_000 },
    );
  } finally {
    engine.close();
  }
}
