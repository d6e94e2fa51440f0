/**
 * Big synthetic runs for the reporters' scale test: many samples over a few cells, and one long
 * conversation's trace (thousands of turns) with chunks, VAD events, audio and playback. Built
 * directly, so the truth is known: every turn's first audio is `firstAudioMs(turn)`.
 */
import type { TraceRecord } from '../../src/metrics/trace.js';
import type { RunResults, Sample } from '../../src/results/types.js';
import { mulberry32, randomNormal } from '../../src/util/prng.js';

/** `n` ok samples spread over `cells` models of one scenario, with the usual latency metrics. */
export function manySamples(n: number, cells = 4, seed = 1): Sample[] {
  const rng = mulberry32(seed);
  const out: Sample[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const model = `model-${i % cells}`;
    const vadStop = 500 + Math.exp(randomNormal(rng, 3.6, 0.4));
    const toAudio = 200 + Math.exp(randomNormal(rng, 5.2, 0.45));
    out[i] = {
      id: `long#${model}#r0#t${i}`,
      scenario: 'long',
      turn: i,
      turn_name: `q${i % 50}`,
      target: 'mock',
      model,
      dialect: 'ga',
      settings: {},
      repeat: 0,
      ok: true,
      metrics: {
        first_audio_ms: Math.round((vadStop + toAudio) * 10) / 10,
        vad_stop_delay_ms: Math.round(vadStop * 10) / 10,
        vad_to_first_audio_ms: Math.round(toAudio * 10) / 10,
        response_audio_ms: 1000,
        false_turns: 0,
        missed_turns: 0,
        truncate_ok: null,
      },
      facts: { response: 'audio', barge_in: false, interrupted: false },
    };
  }
  return out;
}

/** Each turn's true first audio in {@link longSessionTrace}: varies so charts have a spread. */
export const firstAudioMs = (turn: number) => 400 + (turn % 17) * 10;

/**
 * One session of `turns` user turns, 3 s of input each (speech 300–1300 ms of the turn's block),
 * 100 ms chunks sent on time, server VAD, one response per turn with 5 audio deltas, and playback.
 */
export function longSessionTrace(turns: number, session = 'long#mock/model-0#r0'): TraceRecord[] {
  const s = session;
  const out: TraceRecord[] = [];
  const chunkMs = 100;
  const blockMs = 3000;
  const t0 = 1000;
  out.push({
    s,
    t: t0,
    k: 'meta',
    scenario: 'long',
    target: 'mock',
    model: 'model-0',
    dialect: 'ga',
    url: 'ws://in-process/v1/realtime',
    input_format: 'pcm16',
    output_format: 'pcm16',
    chunk_ms: chunkMs,
    session: { turn_detection: { type: 'server_vad', prefix_padding_ms: 300, silence_duration_ms: 500 } },
  });
  const wall = (pos: number) => t0 + 10 + pos;
  let seq = 0;
  for (let i = 0; i < turns; i++) {
    const pos = i * blockMs;
    out.push({
      s,
      t: wall(pos),
      k: 'turn',
      turn: i,
      name: `q${i}`,
      fixture: 'fixtures/q.wav',
      pos_ms: pos,
      speech: [{ start_ms: pos + 300, end_ms: pos + 1300 }],
      trigger: i ? 'response_done' : 'start',
      barge_in: false,
      manual: false,
    });
    for (let p = pos; p < pos + blockMs; p += chunkMs) {
      const due = wall(p + chunkMs);
      out.push({ s, t: due, k: 'chunk', seq: seq++, pos_ms: p, end_ms: p + chunkMs, due, bytes: 4800, turn: p < pos + 1800 ? i : -1 });
    }
    const end = wall(pos + 1300);
    const recv = (t: number, type: string, event: Record<string, unknown> = {}) => out.push({ s, t, k: 'recv', type, event: { type, ...event } });
    recv(wall(pos + 300) + 50, 'input_audio_buffer.speech_started', { audio_start_ms: pos, item_id: `u${i}` });
    recv(end + 100, 'input_audio_buffer.speech_stopped', { audio_end_ms: pos + 1800, item_id: `u${i}` });
    recv(end + 150, 'response.created', { response: { id: `r${i}` } });
    const fa = end + firstAudioMs(i);
    for (let d = 0; d < 5; d++) recv(fa + d * 20, 'response.output_audio.delta', { response_id: `r${i}`, item_id: `a${i}`, audio_bytes: 9600 });
    out.push({ s, t: fa, k: 'play', ev: 'start', item_id: `a${i}`, played_ms: 0 });
    recv(fa + 120, 'response.done', { response: { id: `r${i}`, status: 'completed', usage: { input_tokens: 10, output_tokens: 10 } } });
    out.push({ s, t: fa + 1000, k: 'play', ev: 'end', item_id: `a${i}`, played_ms: 1000 });
  }
  out.push({ s, t: wall(turns * blockMs) + 10, k: 'close', code: 1000, reason: 'done', by: 'client' });
  return out.sort((a, b) => a.t - b.t);
}

/** A run around `samples` (summary computed by the caller, so its cost can be measured too). */
export function runOf(samples: Sample[], summary: RunResults['summary']): RunResults {
  return {
    schema: 'rtbench.results/v1',
    run: {
      version: '0',
      started_at: '2026-01-01T00:00:00.000Z',
      ended_at: '2026-01-01T08:00:00.000Z',
      argv: [],
      node: 'v20',
      cpus: 2,
      clock: 'virtual',
      seed: 1,
    },
    pacing: { chunks: samples.length * 30, lag_p50_ms: 0, lag_p99_ms: 0, lag_max_ms: 0 },
    samples,
    summary,
    expectations: [],
  };
}
