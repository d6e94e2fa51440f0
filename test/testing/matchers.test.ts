/**
 * The client-behaviour verdicts against recordings whose truth is known by construction: deltas,
 * truncations, cancels and appends placed at chosen times.
 */
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/testing/recording.js';
import { playbackAt, outputAudio } from '../../src/testing/analyze.js';
import {
  answeredToolCall,
  reconnectedAfterDrop,
  respectsInterruptResponse,
  stoppedOnBargeIn,
  streamedAudioInRealTime,
  truncatedAtPlayedAudio,
  truncatesWithinAudio,
} from '../../src/testing/matchers.js';

const server = (t: number, type: string, event: Record<string, unknown> = {}): RecordedEvent => ({ t, from: 'server', type, event: { type, ...event } });
const client = (t: number, type: string, event: Record<string, unknown> = {}): RecordedEvent => ({ t, from: 'client', type, event: { type, ...event } });
const session = (interrupt = true) => server(0, 'session.updated', { session: { turn_detection: { type: 'server_vad', interrupt_response: interrupt } } });

/** 2000 ms of assistant audio for item_a: 20 deltas of 100 ms, one every 10 ms from t = 1000 (10× real time). */
function answer(): RecordedEvent[] {
  return Array.from({ length: 20 }, (_, i) =>
    server(1000 + i * 10, 'response.output_audio.delta', { item_id: 'item_a', response_id: 'resp_a', audio_ms: 100 }),
  );
}

const rec = (events: RecordedEvent[]) => ({ events: events.sort((a, b) => a.t - b.t), openedAt: 0 });

describe('playback yardstick', () => {
  it('real time from the first delta, capped at the audio received', () => {
    const item = outputAudio(rec(answer())).get('item_a');
    expect(playbackAt(item, 1500)).toEqual({ receivedMs: 2000, playedMs: 500 });
    expect(playbackAt(item, 5000).playedMs).toBe(2000);
    expect(playbackAt(item, 1005)).toEqual({ receivedMs: 100, playedMs: 5 });
  });
});

describe('truncation verdicts', () => {
  it('at the audio played ± tolerance passes; 400 ms off fails with the numbers', () => {
    const good = rec([
      session(),
      ...answer(),
      server(1600, 'input_audio_buffer.speech_started'),
      client(1620, 'conversation.item.truncate', { item_id: 'item_a', content_index: 0, audio_end_ms: 610 }),
    ]);
    expect(truncatedAtPlayedAudio(good, { toleranceMs: 50 }).pass).toBe(true);
    expect(stoppedOnBargeIn(good).pass).toBe(true);
    const late = rec([session(), ...answer(), client(1620, 'conversation.item.truncate', { item_id: 'item_a', content_index: 0, audio_end_ms: 1020 })]);
    const v = truncatedAtPlayedAudio(late, { toleranceMs: 150 });
    expect(v.pass).toBe(false);
    expect(v.message).toBe(
      'expected truncation at the audio actually played (± 150 ms), but truncate of item_a at 1.62 s: audio_end_ms 1020, 2000 ms of audio received, ≈ 620 ms playable in real time (first audio at 1.00 s)',
    );
  });

  it('beyond the audio received, and at 0 before any audio, fail; 0 after audio arrived passes', () => {
    const beyond = rec([...answer(), client(5000, 'conversation.item.truncate', { item_id: 'item_a', audio_end_ms: 4000 })]);
    expect(truncatesWithinAudio(beyond).message).toMatch(/beyond the audio it received$/);
    const early = rec([...answer(), client(900, 'conversation.item.truncate', { item_id: 'item_a', audio_end_ms: 0 })]);
    expect(truncatesWithinAudio(early).message).toMatch(/at 0 before any of its audio arrived$/);
    const zeroAfter = rec([...answer(), client(1001, 'conversation.item.truncate', { item_id: 'item_a', audio_end_ms: 0 })]);
    expect(truncatesWithinAudio(zeroAfter).pass).toBe(true);
  });
});

describe('barge-in verdicts', () => {
  it('no stop within the window fails; a barge-in after playback ended is not one', () => {
    const ignored = rec([
      session(),
      ...answer(),
      server(1600, 'input_audio_buffer.speech_started'),
      client(2300, 'conversation.item.truncate', { item_id: 'item_a', audio_end_ms: 100 }),
    ]);
    expect(stoppedOnBargeIn(ignored, { withinMs: 500 }).message).toBe(
      'expected the client to stop playback within 500 ms of each barge-in, but after speech_started at 1.60 s (during item_a) it sent no truncate, cancel or output_audio_buffer.clear',
    );
    const afterPlayback = rec([session(), ...answer(), server(3500, 'input_audio_buffer.speech_started')]);
    expect(stoppedOnBargeIn(afterPlayback).pass).toBe(false);
    expect(stoppedOnBargeIn(afterPlayback).message).toMatch(/no speech_started came while assistant audio was playing/);
  });

  it('response.cancel on speech_started is wrong only while interrupt_response is false', () => {
    const events = (interrupt: boolean) =>
      rec([session(interrupt), ...answer(), server(1600, 'input_audio_buffer.speech_started'), client(1604, 'response.cancel')]);
    expect(respectsInterruptResponse(events(true)).pass).toBe(true);
    expect(respectsInterruptResponse(events(false)).message).toBe(
      'expected no response.cancel on speech_started while turn_detection.interrupt_response is false, but the client sent response.cancel 4 ms after input_audio_buffer.speech_started at 1.60 s',
    );
  });
});

describe('tool calls, streaming, reconnection', () => {
  it('a tool call needs its output and then response.create', () => {
    const call = server(100, 'response.function_call_arguments.done', { call_id: 'call_1', name: 'get_weather' });
    const output = client(150, 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'call_1', output: '{}' } });
    expect(answeredToolCall(rec([call, output, client(151, 'response.create')]), 'get_weather').pass).toBe(true);
    expect(answeredToolCall(rec([call, output])).message).toMatch(/get_weather \(call_1\): output sent but no response\.create after it/);
    expect(answeredToolCall(rec([call, client(151, 'response.create')])).message).toMatch(/no function_call_output item/);
  });

  it('appends every 20 ms pass; the same audio sent in a burst fails', () => {
    const steady = rec(Array.from({ length: 100 }, (_, k) => client(20 * (k + 1), 'input_audio_buffer.append', { audio_ms: 20 })));
    const ok = streamedAudioInRealTime(steady);
    expect(ok.pass).toBe(true);
    // Truth: each 20 ms chunk arrives 20 ms after the previous one — one chunk ahead, exactly 1×.
    expect(ok.message).toBe(
      'expected audio not streamed in real time, but 2000 ms of audio in 100 appends, 20 ms ahead of real time at most, 1.00× real time after the first append',
    );
    const burst = rec(Array.from({ length: 100 }, (_, k) => client(20 + k, 'input_audio_buffer.append', { audio_ms: 20 })));
    const v = streamedAudioInRealTime(burst);
    expect(v.pass).toBe(false);
    // Truth: 2000 ms sent within 99 ms of the first arrival → 1901 ms ahead; 1980 ms over 99 ms = 20×.
    expect(v.message).toBe(
      "expected audio streamed in real time (1 ± 0.1×, ≤ 500 ms ahead of the clock from the first append's arrival), but 2000 ms of audio in 100 appends, 1901 ms ahead of real time at most, 20.00× real time after the first append — sent faster than it could have been captured",
    );
  });

  it('a whole recording in one append fails (its own duration is not time that passed); so do two halves', () => {
    const one = streamedAudioInRealTime(rec([client(1000, 'input_audio_buffer.append', { audio_ms: 3000 })]));
    expect(one.pass).toBe(false);
    expect(one.message).toBe(
      "expected audio streamed in real time (1 ± 0.1×, ≤ 500 ms ahead of the clock from the first append's arrival), but 3000 ms of audio in 1 append, 3000 ms ahead of real time at most, no rate (nothing sent after the first append) — all of it in one append, as it arrived",
    );
    const halves = streamedAudioInRealTime(
      rec([client(1000, 'input_audio_buffer.append', { audio_ms: 1500 }), client(2500, 'input_audio_buffer.append', { audio_ms: 1500 })]),
    );
    expect(halves.pass).toBe(false);
    expect(halves.message).toMatch(/1500 ms ahead of real time at most, 1\.00× real time after the first append/);
    // A short single append (a push-to-talk client's 200 ms clip) is within the allowance.
    expect(streamedAudioInRealTime(rec([client(1000, 'input_audio_buffer.append', { audio_ms: 200 })])).pass).toBe(true);
  });

  it('the right amount of audio at half speed fails on the rate alone', () => {
    const slow = rec(Array.from({ length: 50 }, (_, k) => client(40 * k, 'input_audio_buffer.append', { audio_ms: 20 })));
    const v = streamedAudioInRealTime(slow);
    expect(v.pass).toBe(false);
    expect(v.message).toMatch(/0\.50× real time after the first append — sent at the wrong pace$/);
  });

  it('no append at all fails', () => {
    expect(streamedAudioInRealTime(rec([session()])).message).toMatch(/but the client sent no input_audio_buffer\.append$/);
  });

  it('a new session after a server drop is a reconnection', () => {
    const dropped = { index: 0, openedAt: 0, end: { t: 500, code: 1006, by: 'server' as const } };
    expect(reconnectedAfterDrop([dropped, { index: 1, openedAt: 700, end: undefined }]).pass).toBe(true);
    expect(reconnectedAfterDrop([dropped]).message).toBe(
      'expected the client to reconnect after session 0 was dropped (close 1006), but it opened no new session',
    );
  });
});
