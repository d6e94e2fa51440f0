import { describe, expect, it } from 'vitest';
import { computeTurnMetrics } from '../../src/metrics/turns.js';
import type { TraceRecord } from '../../src/metrics/trace.js';
import { PlaybackModel } from '../../src/metrics/playback.js';
import { InputTimeline } from '../../src/metrics/timeline.js';

const S = 's1';
const T0 = 1000; // stream start (monotonic ms)
const LAG = 0.5; // every chunk is sent 0.5 ms after its deadline

/** A trace with chunks covering [0, totalMs) of input, sent at T0 + end + LAG. */
function chunks(totalMs: number): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (let pos = 0, seq = 0; pos < totalMs; pos += 20, seq++) {
    out.push({ k: 'chunk', s: S, t: T0 + pos + 20 + LAG, due: T0 + pos + 20, seq, pos_ms: pos, end_ms: pos + 20, bytes: 960, turn: 0 });
  }
  return out;
}
const wall = (pos: number) => T0 + pos + LAG;

function meta(): TraceRecord {
  return {
    k: 'meta',
    s: S,
    t: 0,
    scenario: 'x',
    target: 'mock',
    model: 'gpt-realtime',
    dialect: 'ga',
    url: '',
    input_format: 'pcm16',
    output_format: 'pcm16',
    chunk_ms: 20,
    session: { turn_detection: { type: 'server_vad', prefix_padding_ms: 300, silence_duration_ms: 500 } },
  };
}
const recv = (t: number, type: string, event: Record<string, unknown> = {}): TraceRecord => ({ k: 'recv', s: S, t, type, event });

describe('computeTurnMetrics — one server-VAD turn with known truth', () => {
  // Truth: speech from 500 to 1500 ms of input. Server VAD reports onset 520 (audio_start_ms 220
  // = 520 − 300 padding) and end 1540 (audio_end_ms 2040 = 1540 + 500 silence); speech_stopped
  // arrives 3 ms after the chunk holding 2040 ms was sent; first audio 300 ms after that.
  const stopT = wall(2040) + 3;
  const trace: TraceRecord[] = [
    meta(),
    { k: 'note', s: S, t: 10, level: 'info', msg: 'connecting' },
    { k: 'note', s: S, t: 14, level: 'info', msg: 'connected', data: { connect_ms: 4 } },
    recv(20, 'session.created', { session: {} }),
    recv(25, 'session.updated', { session: { turn_detection: { type: 'server_vad', prefix_padding_ms: 300, silence_duration_ms: 500 } } }),
    ...chunks(4000),
    {
      k: 'turn',
      s: S,
      t: T0,
      turn: 0,
      fixture: 'a.wav',
      pos_ms: 0,
      speech: [{ start_ms: 500, end_ms: 1500 }],
      trigger: 'start',
      barge_in: false,
      manual: false,
    },
    recv(wall(540) + 2, 'input_audio_buffer.speech_started', { audio_start_ms: 220, item_id: 'u1' }),
    recv(stopT, 'input_audio_buffer.speech_stopped', { audio_end_ms: 2040, item_id: 'u1' }),
    recv(stopT + 5, 'response.created', { response: { id: 'r1' } }),
    recv(stopT + 300, 'response.output_audio.delta', { response_id: 'r1', item_id: 'a1', audio_bytes: 48_000 }),
    recv(stopT + 350, 'response.output_audio.delta', { response_id: 'r1', item_id: 'a1', audio_bytes: 48_000 }),
    recv(stopT + 360, 'response.output_audio_transcript.delta', { response_id: 'r1', delta: 'Hello there' }),
    recv(stopT + 400, 'response.done', {
      response: {
        id: 'r1',
        status: 'completed',
        usage: {
          input_tokens: 20,
          output_tokens: 50,
          input_token_details: { audio_tokens: 20, text_tokens: 0 },
          output_token_details: { audio_tokens: 40, text_tokens: 10 },
        },
      },
    }),
  ];
  const [m] = computeTurnMetrics(trace);

  it('first_audio_ms = first delta arrival − wall time of true end of speech', () => {
    expect(m.metrics.first_audio_ms).toBeCloseTo(stopT + 300 - wall(1500), 5);
  });
  it('vad_stop_delay_ms and vad_to_first_audio_ms', () => {
    expect(m.metrics.vad_stop_delay_ms).toBeCloseTo(stopT - wall(1500), 5);
    expect(m.metrics.vad_to_first_audio_ms).toBe(300);
  });
  it('vad_start_error_ms adds the prefix padding back; vad_end_error_ms takes the silence off', () => {
    expect(m.metrics.vad_start_error_ms).toBe(20);
    expect(m.metrics.vad_end_error_ms).toBe(40);
  });
  it('counts no false or missed turns when the detection overlaps the truth', () => {
    expect(m.metrics.false_turns).toBe(0);
    expect(m.metrics.missed_turns).toBe(0);
  });
  it('response audio, done time, tokens and cost', () => {
    expect(m.metrics.response_audio_ms).toBe(2000); // 96 000 bytes ÷ 48 bytes/ms
    expect(m.metrics.response_done_ms).toBe(100);
    expect(m.metrics.input_tokens).toBe(20);
    expect(m.metrics.output_tokens).toBe(50);
    // gpt-realtime: 20 audio in × $32/M + 40 audio out × $64/M + 10 text out × $16/M
    expect(m.metrics.cost_usd).toBeCloseTo((20 * 32 + 40 * 64 + 10 * 16) / 1e6, 10);
    expect(m.facts.response).toBe('audio');
    expect(m.facts.transcript).toBe('Hello there');
  });
  it('connect_ms and session_ready_ms on the first turn', () => {
    expect(m.metrics.connect_ms).toBe(4);
    expect(m.metrics.session_ready_ms).toBe(15);
  });
});

describe('computeTurnMetrics — false and missed turns', () => {
  it('a detection over pure noise is a false turn; a segment nobody detected is missed', () => {
    const trace: TraceRecord[] = [
      meta(),
      ...chunks(6000),
      {
        k: 'turn',
        s: S,
        t: T0,
        turn: 0,
        fixture: 'a.wav',
        pos_ms: 0,
        speech: [
          { start_ms: 3000, end_ms: 3500 },
          { start_ms: 5000, end_ms: 5400 },
        ],
        trigger: 'start',
        barge_in: false,
        manual: false,
      },
      // Detection at 1000–1200 (noise), and one at 3000–3500 (true); 5000–5400 never detected.
      recv(wall(1100), 'input_audio_buffer.speech_started', { audio_start_ms: 700 }),
      recv(wall(1800), 'input_audio_buffer.speech_stopped', { audio_end_ms: 1700 }),
      recv(wall(3100), 'input_audio_buffer.speech_started', { audio_start_ms: 2700 }),
      recv(wall(4100), 'input_audio_buffer.speech_stopped', { audio_end_ms: 4000 }),
    ];
    const [m] = computeTurnMetrics(trace);
    expect(m.metrics.false_turns).toBe(1);
    expect(m.metrics.missed_turns).toBe(1);
  });
});

describe('computeTurnMetrics — barge-in', () => {
  // Turn 0's answer: 3 s of audio arrives in 3 deltas starting at A (faster than real time).
  // Turn 1 (barge-in) speech onset at input 3000 ms; server speech_started arrives 250 ms later;
  // the harness stops playback then, having played (stopT − A) ms; truncate is confirmed.
  const A = wall(1000);
  const onset = 3000;
  const startedT = wall(onset) + 250;
  const played = startedT - A;
  const build = (opts: { cancelled: boolean; confirm: boolean }) =>
    [
      meta(),
      ...chunks(6000),
      {
        k: 'turn',
        s: S,
        t: T0,
        turn: 0,
        fixture: 'a.wav',
        pos_ms: 0,
        speech: [{ start_ms: 100, end_ms: 300 }],
        trigger: 'start',
        barge_in: false,
        manual: false,
      },
      recv(wall(400), 'input_audio_buffer.speech_stopped', { audio_end_ms: 800 }),
      recv(wall(410), 'response.created', { response: { id: 'r1' } }),
      recv(A, 'response.output_audio.delta', { response_id: 'r1', item_id: 'a1', audio_bytes: 48_000 }),
      recv(A + 10, 'response.output_audio.delta', { response_id: 'r1', item_id: 'a1', audio_bytes: 48_000 }),
      recv(A + 20, 'response.output_audio.delta', { response_id: 'r1', item_id: 'a1', audio_bytes: 48_000 }),
      ...(opts.cancelled ? [] : [recv(A + 30, 'response.done', { response: { id: 'r1', status: 'completed' } })]),
      {
        k: 'turn',
        s: S,
        t: wall(2600),
        turn: 1,
        fixture: 'b.wav',
        pos_ms: 2600,
        speech: [{ start_ms: onset, end_ms: 3600 }],
        trigger: 'first_audio',
        barge_in: true,
        manual: false,
      },
      recv(startedT, 'input_audio_buffer.speech_started', { audio_start_ms: onset - 300 + 10 }),
      { k: 'play', s: S, t: startedT, ev: 'stop', item_id: 'a1', played_ms: played },
      {
        k: 'send',
        s: S,
        t: startedT + 0.1,
        type: 'conversation.item.truncate',
        event: { type: 'conversation.item.truncate', item_id: 'a1', content_index: 0, audio_end_ms: Math.floor(played) },
      },
      ...(opts.cancelled ? [recv(startedT + 1, 'response.done', { response: { id: 'r1', status: 'cancelled' } })] : []),
      ...(opts.confirm ? [recv(startedT + 5, 'conversation.item.truncated', { item_id: 'a1', audio_end_ms: Math.floor(played) })] : []),
    ] as TraceRecord[];

  it('barge_in_detect_ms, talk_over_ms, truncate_ok against the scripted truth', () => {
    const [, m] = computeTurnMetrics(build({ cancelled: false, confirm: true }));
    expect(m.metrics.barge_in_detect_ms).toBe(250);
    // Playback ran continuously from A; between onset and stop the player played 250 ms more.
    expect(m.metrics.talk_over_ms).toBe(250);
    expect(m.metrics.truncate_ok).toBe(true);
    expect(m.metrics.response_cancelled).toBe(false);
    expect(m.facts.interrupted).toBe(true);
  });

  it('response_cancelled when the server cancelled; truncate_ok false without confirmation', () => {
    const [, m] = computeTurnMetrics(build({ cancelled: true, confirm: false }));
    expect(m.metrics.response_cancelled).toBe(true);
    expect(m.metrics.truncate_ok).toBe(false);
  });
});

describe('PlaybackModel', () => {
  it('plays in real time while buffered and pauses on underrun', () => {
    const p = new PlaybackModel();
    p.receive(0, 100); // 100 ms of audio at t=0
    expect(p.playedAt(50)).toBe(50);
    expect(p.playedAt(500)).toBe(100); // ran out at t=100
    p.receive(300, 100); // resumes at 300
    expect(p.playedAt(350)).toBe(150);
    expect(p.stop(360)).toBe(160);
    expect(p.playedAt(1000)).toBe(160);
  });
});

describe('InputTimeline', () => {
  it('maps audio positions to capture wall time using actual send times', () => {
    const tl = new InputTimeline(chunks(100).filter((c) => c.k === 'chunk') as never);
    expect(tl.wallTimeOf(0)).toBe(wall(0));
    expect(tl.wallTimeOf(35)).toBe(wall(35));
    expect(tl.wallTimeOf(100)).toBe(wall(100));
    expect(tl.wallTimeOf(120)).toBeNull();
  });
});
