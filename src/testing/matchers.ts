/**
 * Judgements of client behaviour over a session recording. Each returns `{ pass, message }`; the
 * message says what the client did, in numbers, so a failing test reads as a bug report. The
 * vitest matchers (`rtbench/vitest`) and plain assertions use the same functions.
 */
import type { SessionRecording } from './recording.js';
import { bargeIns, clientEventsBetween, inputAudio, toolCalls, truncations, type Truncation } from './analyze.js';

export interface Verdict {
  pass: boolean;
  message: string;
}

type Rec = Pick<SessionRecording, 'events' | 'openedAt'>;

const s = (t: number, rec: Rec) => `${((t - rec.openedAt) / 1000).toFixed(2)} s`;
const ms = (v: number) => `${Math.round(v)} ms`;

function describeTruncation(x: Truncation, rec: Rec): string {
  const first = x.firstAudioT === undefined ? 'no audio had arrived' : `first audio at ${s(x.firstAudioT, rec)}`;
  return `truncate of ${x.itemId} at ${s(x.t, rec)}: audio_end_ms ${x.audioEndMs}, ${ms(x.receivedMs)} of audio received, ≈ ${ms(x.playedMs)} playable in real time (${first})`;
}

/**
 * Every `conversation.item.truncate` names the audio actually played: `audio_end_ms` within
 * `toleranceMs` of what real-time playback of the received audio reached by then.
 */
export function truncatedAtPlayedAudio(rec: Rec, opts: { toleranceMs?: number } = {}): Verdict {
  const tol = opts.toleranceMs ?? 200;
  const list = truncations(rec);
  if (list.length === 0) return { pass: false, message: 'expected the client to truncate at the audio it played, but it sent no conversation.item.truncate' };
  const bad = list.filter((x) => Math.abs(x.audioEndMs - x.playedMs) > tol);
  if (bad.length > 0) {
    return {
      pass: false,
      message: `expected truncation at the audio actually played (± ${tol} ms), but ${bad.map((x) => describeTruncation(x, rec)).join('; ')}`,
    };
  }
  return {
    pass: true,
    message: `expected a truncation away from the audio played (± ${tol} ms), but ${list.map((x) => describeTruncation(x, rec)).join('; ')}`,
  };
}

/**
 * No truncation beyond the audio the item received (the openai-agents-python #2370 class) and none
 * at 0 before any of its audio arrived (the livekit/agents #6249 class).
 */
export function truncatesWithinAudio(rec: Rec): Verdict {
  const list = truncations(rec);
  const problems: string[] = [];
  for (const x of list) {
    if (x.audioEndMs > Math.floor(x.receivedMs + 1e-6)) {
      problems.push(
        `${describeTruncation(x, rec)} — beyond the audio it received${x.error ? ` (the server answered ${x.error.code}: "${x.error.message}")` : ''}`,
      );
    } else if (x.audioEndMs === 0 && x.firstAudioT === undefined) {
      problems.push(
        `${describeTruncation(x, rec)} — at 0 before any of its audio arrived${x.error ? ` (the server answered ${x.error.code}: "${x.error.message}")` : ''}`,
      );
    }
  }
  if (problems.length > 0) return { pass: false, message: `expected truncations within the audio received, but ${problems.join('; ')}` };
  return { pass: true, message: `expected a truncation outside the audio received, but all ${list.length} were within it` };
}

/**
 * Every barge-in (speech_started while assistant audio was still playing) is followed within
 * `withinMs` by the client stopping playback: `conversation.item.truncate`, `response.cancel` or
 * `output_audio_buffer.clear`.
 */
export function stoppedOnBargeIn(rec: Rec, opts: { withinMs?: number } = {}): Verdict {
  const within = opts.withinMs ?? 500;
  const list = bargeIns(rec).filter((b) => b.playingItemId !== undefined);
  if (list.length === 0) return { pass: false, message: 'expected a barge-in to check, but no speech_started came while assistant audio was playing' };
  const missed = list.filter(
    (b) => clientEventsBetween(rec, ['conversation.item.truncate', 'response.cancel', 'output_audio_buffer.clear'], b.t, within).length === 0,
  );
  if (missed.length > 0) {
    return {
      pass: false,
      message: `expected the client to stop playback within ${within} ms of each barge-in, but after speech_started at ${missed.map((b) => `${s(b.t, rec)} (during ${b.playingItemId})`).join(', ')} it sent no truncate, cancel or output_audio_buffer.clear`,
    };
  }
  return { pass: true, message: `expected the client to ignore a barge-in, but it stopped playback after all ${list.length}` };
}

/**
 * No `response.cancel` in answer to speech_started while the session's
 * `turn_detection.interrupt_response` is false (the livekit/agents #6635 class): the server was
 * told to keep talking over the user, so the client must not cancel on VAD.
 */
export function respectsInterruptResponse(rec: Rec, opts: { withinMs?: number } = {}): Verdict {
  const within = opts.withinMs ?? 1000;
  const offending = bargeIns(rec)
    .filter((b) => b.interruptResponse === false)
    .flatMap((b) => clientEventsBetween(rec, ['response.cancel'], b.t, within).map((c) => ({ b, c })));
  if (offending.length > 0) {
    const first = offending[0];
    return {
      pass: false,
      message: `expected no response.cancel on speech_started while turn_detection.interrupt_response is false, but the client sent response.cancel ${ms(first.c.t - first.b.t)} after input_audio_buffer.speech_started at ${s(first.b.t, rec)}${offending.length > 1 ? ` (and ${offending.length - 1} more)` : ''}`,
    };
  }
  return { pass: true, message: 'expected a response.cancel on speech_started with interrupt_response false, but there was none' };
}

/** Every function call (or the one named) was answered with a function_call_output and then a response.create. */
export function answeredToolCall(rec: Rec, name?: string): Verdict {
  const calls = toolCalls(rec).filter((c) => name === undefined || c.name === name);
  if (calls.length === 0) return { pass: false, message: `expected a tool call${name ? ` to ${name}` : ''} to answer, but the mock made none` };
  const unanswered = calls.filter((c) => c.outputT === undefined || c.responseCreateT === undefined);
  if (unanswered.length > 0) {
    const why = unanswered.map(
      (c) => `${c.name} (${c.callId}): ${c.outputT === undefined ? 'no function_call_output item' : 'output sent but no response.create after it'}`,
    );
    return { pass: false, message: `expected each tool call answered with function_call_output + response.create, but ${why.join('; ')}` };
  }
  return { pass: true, message: `expected an unanswered tool call, but all ${calls.length} were answered` };
}

/**
 * Microphone audio streamed at real-time rate (1 ± tolerance) and never more than `maxAheadMs`
 * ahead of the clock, the clock starting when the first append arrived: one append of a whole
 * recording is as far ahead as it is long, and fails.
 */
export function streamedAudioInRealTime(rec: Rec, opts: { tolerance?: number; maxAheadMs?: number } = {}): Verdict {
  const tol = opts.tolerance ?? 0.1;
  const maxAhead = opts.maxAheadMs ?? 500;
  const a = inputAudio(rec);
  const expected = `expected audio streamed in real time (1 ± ${tol}×, ≤ ${maxAhead} ms ahead of the clock from the first append's arrival)`;
  if (a.appends === 0) return { pass: false, message: `${expected}, but the client sent no input_audio_buffer.append` };
  const rate =
    a.realTimeRate === undefined ? 'no rate (nothing sent after the first append)' : `${a.realTimeRate.toFixed(2)}× real time after the first append`;
  const summary = `${ms(a.audioMs)} of audio in ${a.appends} append${a.appends === 1 ? '' : 's'}, ${ms(a.maxAheadMs)} ahead of real time at most, ${rate}`;
  const rateOk = a.realTimeRate === undefined || Math.abs(a.realTimeRate - 1) <= tol;
  const pass = rateOk && a.maxAheadMs <= maxAhead;
  if (pass) return { pass, message: `expected audio not streamed in real time, but ${summary}` };
  const why =
    a.maxAheadMs > maxAhead
      ? a.appends === 1
        ? ' — all of it in one append, as it arrived'
        : ' — sent faster than it could have been captured'
      : ' — sent at the wrong pace';
  return { pass, message: `${expected}, but ${summary}${why}` };
}

/** After a session was dropped by the server, the client opened a new one. */
export function reconnectedAfterDrop(sessions: ReadonlyArray<Pick<SessionRecording, 'index' | 'openedAt' | 'end'>>): Verdict {
  const dropped = sessions.find((x) => x.end?.by === 'server');
  if (!dropped) return { pass: false, message: 'expected a reconnection after a drop, but no session was dropped by the server' };
  const next = sessions.find((x) => x.openedAt >= dropped.end!.t);
  if (!next)
    return {
      pass: false,
      message: `expected the client to reconnect after session ${dropped.index} was dropped (close ${dropped.end!.code}), but it opened no new session`,
    };
  return { pass: true, message: `expected no reconnection, but session ${next.index} opened ${ms(next.openedAt - dropped.end!.t)} after the drop` };
}
