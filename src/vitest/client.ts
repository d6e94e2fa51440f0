/**
 * vitest glue of the client-testing API: a per-file test server (reset between tests) and matchers
 * on what a client did.
 *
 * ```ts
 * import { useRealtimeTestServer, installMatchers } from 'rtbench/vitest';
 * installMatchers();
 * const rt = useRealtimeTestServer();
 * it('stops talking when interrupted', async () => {
 *   rt.server.answerWithAudio({ ms: 5000 });
 *   await runMyClient(rt.server.url);
 *   expect(rt.server.sessions[0]).toTruncateAtPlayedAudio({ toleranceMs: 150 });
 * });
 * ```
 */
// Kept in the typings (see index.ts).
import 'vitest';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { SessionRecording } from '../testing/recording.js';
import * as verdicts from '../testing/matchers.js';
import { startRealtimeTestServer, type RealtimeTestServer, type TestServerOptions } from '../testing/server.js';

/** Starts a test server before the file's tests, resets its script and recordings after each test, stops it after all. */
export function useRealtimeTestServer(opts: TestServerOptions = {}): { readonly server: RealtimeTestServer } {
  let server: RealtimeTestServer | null = null;
  beforeAll(async () => {
    server = await startRealtimeTestServer(opts);
  });
  afterEach(() => server?.reset());
  afterAll(async () => {
    await server?.close();
    server = null;
  });
  return {
    get server() {
      if (!server) throw new Error('useRealtimeTestServer: the server starts in beforeAll; use .server inside a test');
      return server;
    },
  };
}

type Session = Pick<SessionRecording, 'events' | 'openedAt'>;
const wrap = (v: verdicts.Verdict) => ({ pass: v.pass, message: () => v.message });

/** Matchers on a recorded session (`server.sessions[i]`), or on the list of sessions for reconnection. */
export const clientMatchers = {
  /** Each truncate's `audio_end_ms` is within `toleranceMs` [200] of the audio real-time playback reached. */
  toTruncateAtPlayedAudio: (s: Session, opts?: { toleranceMs?: number }) => wrap(verdicts.truncatedAtPlayedAudio(s, opts)),
  /** No truncate beyond the item's received audio, none at 0 before any audio. */
  toTruncateWithinAudio: (s: Session) => wrap(verdicts.truncatesWithinAudio(s)),
  /** Playback stopped (truncate / cancel / output_audio_buffer.clear) within `withinMs` [500] of each barge-in. */
  toStopPlaybackOnBargeIn: (s: Session, opts?: { withinMs?: number }) => wrap(verdicts.stoppedOnBargeIn(s, opts)),
  /** No response.cancel on speech_started while interrupt_response is false. */
  toRespectInterruptResponse: (s: Session, opts?: { withinMs?: number }) => wrap(verdicts.respectsInterruptResponse(s, opts)),
  /** Every tool call (or the one named) answered with function_call_output, then response.create. */
  toAnswerToolCall: (s: Session, name?: string) => wrap(verdicts.answeredToolCall(s, name)),
  /** Microphone audio at 1 ± `tolerance` [0.1] × real time, never more than `maxAheadMs` [500] ahead. */
  toStreamAudioInRealTime: (s: Session, opts?: { tolerance?: number; maxAheadMs?: number }) => wrap(verdicts.streamedAudioInRealTime(s, opts)),
  /** A server-dropped session was followed by a new one. */
  toHaveReconnectedAfterDrop: (sessions: ReadonlyArray<Pick<SessionRecording, 'index' | 'openedAt' | 'end'>>) => wrap(verdicts.reconnectedAfterDrop(sessions)),
};

export interface ClientMatchers<R = unknown> {
  toTruncateAtPlayedAudio(opts?: { toleranceMs?: number }): R;
  toTruncateWithinAudio(): R;
  toStopPlaybackOnBargeIn(opts?: { withinMs?: number }): R;
  toRespectInterruptResponse(opts?: { withinMs?: number }): R;
  toAnswerToolCall(name?: string): R;
  toStreamAudioInRealTime(opts?: { tolerance?: number; maxAheadMs?: number }): R;
  toHaveReconnectedAfterDrop(): R;
}

// No type parameters, so this merges with vitest 3 and 4's `Assertion<T>` and vitest 5's
// `Assertion<R, T>` alike (a merging declaration may omit parameters that have defaults); the
// matchers are synchronous, hence `void`. See docs/client-testing.md, "Typings".
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion extends ClientMatchers<void> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends ClientMatchers {}
}
