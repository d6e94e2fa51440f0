/**
 * The pairing rule and the turn-taking metrics on hand-built traces with known truth (pure, exact).
 */
import { describe, expect, it } from 'vitest';
import { playTimeline } from '../../src/metrics/play-timeline.js';
import type { TraceRecord } from '../../src/metrics/trace.js';
import { computeTurnMetrics } from '../../src/metrics/turns.js';

const S = 's1';
const T0 = 1000;
/** Chunks of [0, totalMs) sent exactly on time: input position p is heard at wall time T0 + p. */
function chunks(totalMs: number): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (let pos = 0, seq = 0; pos < totalMs; pos += 20, seq++)
    out.push({ k: 'chunk', s: S, t: T0 + pos + 20, due: T0 + pos + 20, seq, pos_ms: pos, end_ms: pos + 20, bytes: 960, turn: 0 });
  return out;
}
const wall = (pos: number) => T0 + pos;
const recv = (t: number, type: string, event: Record<string, unknown> = {}): TraceRecord => ({ k: 'recv', s: S, t, type, event });
const meta: TraceRecord = {
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
/** `ms` of PCM16 24 kHz audio for response `r`, item `item`, arriving at `t`. */
const audio = (t: number, r: string, item: string, ms: number) =>
  recv(t, 'response.output_audio.delta', { response_id: r, item_id: item, audio_bytes: ms * 48 });
const turn = (i: number, pos: number, speech: Array<[number, number]>, extra: Record<string, unknown> = {}): TraceRecord => ({
  k: 'turn',
  s: S,
  t: wall(pos),
  turn: i,
  fixture: 'a.wav',
  pos_ms: pos,
  speech: speech.map(([a, b]) => ({ start_ms: a, end_ms: b })),
  trigger: i ? 'first_audio' : 'start',
  barge_in: Boolean(extra.barge_in),
  manual: false,
  ...extra,
});

describe('pairing: a split turn', () => {
  // Truth: speech 500–1500 and 2500–3500 (a 1 s pause). VAD stops at 1500+500 (premature), a
  // response r1 starts, the user resumes at 2500, r1 is cancelled, VAD stops again at 4000, r2 answers.
  const trace: TraceRecord[] = [
    meta,
    ...chunks(6000),
    turn(0, 0, [
      [500, 1500],
      [2500, 3500],
    ]),
    recv(wall(520), 'input_audio_buffer.speech_started', { audio_start_ms: 220 }),
    recv(wall(2000), 'input_audio_buffer.speech_stopped', { audio_end_ms: 2000 }),
    recv(wall(2010), 'response.created', { response: { id: 'r1' } }),
    audio(wall(2300), 'r1', 'i1', 1000),
    recv(wall(2540), 'input_audio_buffer.speech_started', { audio_start_ms: 2220 }),
    { k: 'play', s: S, t: wall(2540), ev: 'stop', item_id: 'i1', played_ms: 240 },
    recv(wall(2545), 'response.done', { response: { id: 'r1', status: 'cancelled' } }),
    recv(wall(4000), 'input_audio_buffer.speech_stopped', { audio_end_ms: 4000 }),
    recv(wall(4005), 'response.created', { response: { id: 'r2' } }),
    audio(wall(4300), 'r2', 'i2', 2000),
    recv(wall(4400), 'response.done', { response: { id: 'r2', status: 'completed' } }),
  ];
  const [r] = computeTurnMetrics(trace);

  it('the answer is r2, paired with the speech_stopped that led to it', () => {
    expect(r.metrics.vad_to_first_audio_ms).toBe(300);
    expect(r.metrics.first_audio_ms).toBe(800);
    expect(r.metrics.vad_stop_delay_ms).toBe(500);
    expect(r.metrics.vad_end_error_ms).toBe(0);
    expect(r.metrics.response_audio_ms).toBe(2000);
  });
  it('premature_stops, cancelled_responses', () => {
    expect(r.metrics.premature_stops).toBe(1);
    expect(r.metrics.cancelled_responses).toBe(1);
  });
  it("assistant_cut_in_ms: r1 played over the user's resumed speech from 2500 to the stop at 2540", () => {
    expect(r.metrics.assistant_cut_in_ms).toBe(40);
  });
});

describe('assistant_cut_in_ms: an answer that starts 200 ms before the user stops', () => {
  const trace: TraceRecord[] = [
    meta,
    ...chunks(4000),
    turn(0, 0, [[500, 2000]]),
    recv(wall(520), 'input_audio_buffer.speech_started', { audio_start_ms: 220 }),
    recv(wall(1700), 'input_audio_buffer.speech_stopped', { audio_end_ms: 2200 }),
    recv(wall(1750), 'response.created', { response: { id: 'r1' } }),
    audio(wall(1800), 'r1', 'i1', 3000),
    recv(wall(1900), 'response.done', { response: { id: 'r1', status: 'completed' } }),
  ];
  const [r] = computeTurnMetrics(trace);
  it('cut-in 200, first_audio_ms −200 (negative only because the answer really started before the end)', () => {
    expect(r.metrics.assistant_cut_in_ms).toBe(200);
    expect(r.metrics.first_audio_ms).toBe(-200);
  });
});

describe('barge-in: audio after the server detected it, talk-over, realised offset', () => {
  const base = (lateDeltas: boolean): TraceRecord[] => [
    meta,
    ...chunks(8000),
    turn(0, 0, [[500, 1500]]),
    recv(wall(520), 'input_audio_buffer.speech_started', { audio_start_ms: 220 }),
    recv(wall(2000), 'input_audio_buffer.speech_stopped', { audio_end_ms: 2000 }),
    recv(wall(2010), 'response.created', { response: { id: 'r1' } }),
    audio(wall(2300), 'r1', 'i1', 500),
    audio(wall(2500), 'r1', 'i1', 500),
    audio(wall(2700), 'r1', 'i1', 500),
    // The user barges in: turn 1's onset at 2900 = first audio + 600.
    turn(1, 2700, [[2900, 3400]], { barge_in: true, reference_t: wall(2300), offset_ms: 600 }),
    recv(wall(3000), 'input_audio_buffer.speech_started', { audio_start_ms: 2600 }),
    { k: 'play', s: S, t: wall(3000), ev: 'stop', item_id: 'i1', played_ms: 700 },
    ...(lateDeltas ? [audio(wall(3100), 'r1', 'i1', 500), audio(wall(3300), 'r1', 'i1', 250)] : []),
    recv(wall(lateDeltas ? 3400 : 3001), 'response.done', { response: { id: 'r1', status: lateDeltas ? 'completed' : 'cancelled' } }),
  ];
  it('a target that cancels at once: 0; talk-over = detection time (the client stops at speech_started)', () => {
    const [, b] = computeTurnMetrics(base(false));
    expect(b.metrics.audio_after_barge_in_ms).toBe(0);
    expect(b.metrics.barge_in_detect_ms).toBe(100);
    expect(b.metrics.talk_over_ms).toBe(100);
    expect(b.facts.barge_in_offset_ms).toBe(600);
    expect(b.metrics.response_cancelled).toBe(true);
  });
  it('a target that keeps streaming: the audio it sent after its speech_started', () => {
    const [a, b] = computeTurnMetrics(base(true));
    expect(b.metrics.audio_after_barge_in_ms).toBe(750);
    expect(b.metrics.talk_over_ms).toBe(100);
    // The interrupted answer is still turn 0's answer (cut by the next turn, not within its own).
    expect(a.metrics.first_audio_ms).toBe(800);
    expect(a.metrics.cancelled_responses).toBe(0);
  });
});

describe('playTimeline', () => {
  it('100 ms deltas every 125 ms (0.8× real time): a 25 ms stall before each later delta', () => {
    const tl = playTimeline(Array.from({ length: 5 }, (_, k) => ({ t: 1000 + 125 * k, ms: 100 })));
    expect(tl.stalls).toEqual([
      [1100, 1125],
      [1225, 1250],
      [1350, 1375],
      [1475, 1500],
    ]);
    expect(tl.playedAt(1200)).toBe(175);
    expect(tl.timeWhenPlayed(250)).toBe(1300);
  });
  it('a stop cuts playback and no stall is counted after it', () => {
    const tl = playTimeline(
      [
        { t: 0, ms: 100 },
        { t: 300, ms: 100 },
      ],
      50,
    );
    expect(tl.playedAt(Infinity)).toBe(50);
    expect(tl.stalls).toEqual([]);
  });
});
