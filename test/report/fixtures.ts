/**
 * Realistic test data built directly (no runner): two models × 20 samples of a plain scenario,
 * a barge-in scenario, a couple of failures, and one session trace with chunks, VAD events,
 * audio deltas and a barge-in.
 */
import type { TraceRecord } from '../../src/metrics/trace.js';
import type { ExpectationResult, MetricValue, RunResults, Sample } from '../../src/report/types.js';
import { summarize } from '../../src/stats/summarize.js';
import { mulberry32, randomNormal, type Rng } from '../../src/util/prng.js';

export const MODELS = ['gpt-realtime', 'gpt-realtime-mini'] as const;
/** A scenario name with markup characters, to prove escaping. */
export const TRICKY_SCENARIO = 'greeting <b>&"quotes"';

export interface SampleInit {
  scenario?: string;
  target?: string;
  model?: string;
  settings?: Sample['settings'];
  turn?: number;
  repeat?: number;
  ok?: boolean;
  error?: string;
  metrics?: Record<string, MetricValue>;
}

let counter = 0;
/** One sample with sensible defaults. */
export function makeSample(init: SampleInit = {}): Sample {
  const scenario = init.scenario ?? 'basic';
  const model = init.model ?? 'gpt-realtime';
  const repeat = init.repeat ?? counter++;
  return {
    id: `${scenario}#${model}#r${repeat}#t${init.turn ?? 0}`,
    scenario,
    turn: init.turn ?? 0,
    target: init.target ?? 'mock',
    model,
    dialect: 'ga',
    settings: init.settings ?? { silence_duration_ms: 500 },
    repeat,
    ok: init.ok ?? true,
    ...(init.error ? { error: init.error } : {}),
    metrics: init.metrics ?? {},
  };
}

function skewed(rng: Rng, floorMs: number, mu: number, sigma: number): number {
  return Math.round((floorMs + Math.exp(randomNormal(rng, mu, sigma))) * 10) / 10;
}

/** Samples of one model for the plain scenario. `shiftMs` slows first audio down. */
export function plainSamples(model: string, n: number, seed: number, shiftMs = 0, scenario = TRICKY_SCENARIO): Sample[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const vadStop = skewed(rng, 500, 3.6, 0.4);
    const vadToAudio = skewed(rng, 180 + shiftMs, 5.2, 0.45);
    return makeSample({
      scenario,
      model,
      repeat: i,
      metrics: {
        first_audio_ms: Math.round((vadStop + vadToAudio) * 10) / 10,
        vad_stop_delay_ms: vadStop,
        vad_to_first_audio_ms: vadToAudio,
        vad_start_error_ms: Math.round(randomNormal(rng, 20, 25)),
        vad_end_error_ms: Math.round(randomNormal(rng, 60, 30)),
        false_turns: 0,
        missed_turns: 0,
        response_audio_ms: Math.round(randomNormal(rng, 2400, 300)),
        response_done_ms: skewed(rng, 2000, 5, 0.5),
        barge_in_detect_ms: null,
        talk_over_ms: null,
        response_cancelled: null,
        truncate_ok: null,
        tool_call_ms: null,
        connect_ms: skewed(rng, 20, 3, 0.5),
        cost_usd: Math.round(randomNormal(rng, model.includes('mini') ? 0.002 : 0.006, 0.0005) * 1e6) / 1e6,
      },
    });
  });
}

/** Barge-in samples (turn 1 interrupts). */
export function bargeInSamples(model: string, n: number, seed: number): Sample[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) =>
    makeSample({
      scenario: 'barge-in',
      model,
      turn: 1,
      repeat: i,
      metrics: {
        first_audio_ms: skewed(rng, 650, 5.3, 0.5),
        vad_stop_delay_ms: skewed(rng, 500, 3.5, 0.4),
        barge_in_detect_ms: skewed(rng, 150, 4.2, 0.5),
        talk_over_ms: skewed(rng, 150, 4.5, 0.6),
        response_cancelled: rng() < 0.9,
        truncate_ok: rng() < 0.95,
      },
    }),
  );
}

/** A whole run: 2 models × 20 plain samples, 2 × 10 barge-in samples, 2 failures, expectations. */
export function makeRun(opts: { seed?: number; mini_shift_ms?: number; traces?: boolean } = {}): RunResults {
  const seed = opts.seed ?? 1;
  const samples: Sample[] = [
    ...plainSamples(MODELS[0], 20, seed * 10 + 1),
    ...plainSamples(MODELS[1], 20, seed * 10 + 2, opts.mini_shift_ms ?? -60),
    ...bargeInSamples(MODELS[0], 10, seed * 10 + 3),
    ...bargeInSamples(MODELS[1], 10, seed * 10 + 4),
    makeSample({
      scenario: 'barge-in',
      model: MODELS[1],
      turn: 1,
      repeat: 10,
      ok: false,
      error: 'timeout: no response.done within 15000 ms <after cancel>',
      metrics: { first_audio_ms: null },
    }),
    makeSample({ scenario: TRICKY_SCENARIO, model: MODELS[0], repeat: 20, ok: false, error: 'server error: rate_limit_exceeded', metrics: {} }),
  ];
  const expectations: ExpectationResult[] = [
    {
      scenario: TRICKY_SCENARIO,
      cell: 'mock gpt-realtime silence_duration_ms=500',
      metric: 'first_audio_ms',
      expected: 'first_audio_ms p95 < 1200',
      actual: '1340 (n=20)',
      ok: false,
      where: 'scenarios/greeting.yaml:12:7',
    },
    {
      scenario: TRICKY_SCENARIO,
      cell: 'mock gpt-realtime-mini silence_duration_ms=500',
      metric: 'first_audio_ms',
      expected: 'first_audio_ms p95 < 1200',
      actual: '1010 (n=20)',
      ok: true,
      where: 'scenarios/greeting.yaml:12:7',
    },
    {
      scenario: 'barge-in',
      cell: 'mock gpt-realtime silence_duration_ms=500',
      turn: 1,
      metric: 'response_cancelled',
      expected: 'response_cancelled = true',
      actual: 'false, false (2/10 samples)',
      ok: false,
      where: 'scenarios/barge-in.yaml:20:9',
    },
  ];
  return {
    schema: 'rtbench.results/v1',
    run: {
      version: '0.1.0',
      started_at: '2025-11-27T10:00:00.000Z',
      ended_at: '2025-11-27T10:04:12.000Z',
      argv: ['run', 'scenarios/', '--model', 'gpt-realtime', '--model', 'gpt-realtime-mini'],
      node: 'v20.19.0',
      cpus: 8,
      clock: 'real',
      seed,
      event_loop_delay_p99_ms: 3.2,
    },
    pacing: { chunks: 48210, lag_p50_ms: 0.4, lag_p99_ms: 1.9, lag_max_ms: 7.8 },
    samples,
    summary: summarize(samples, { seed, iterations: 500 }),
    expectations,
  };
}

/**
 * One session: turn 0 (speech 300–1800 ms of input), server VAD, a 2.4 s answer, then turn 1
 * barging in 800 ms after the second answer starts. Chunks of 20 ms with a little send lag.
 */
export function makeTrace(session = 'barge-in#mock/gpt-realtime#r0', t0 = 1000): TraceRecord[] {
  const rng = mulberry32(5);
  const s = session;
  const out: TraceRecord[] = [];
  const push = (r: TraceRecord) => out.push(r);
  push({
    s,
    t: t0,
    k: 'meta',
    scenario: 'barge-in',
    target: 'mock',
    model: 'gpt-realtime',
    dialect: 'ga',
    url: 'ws://127.0.0.1:43121/v1/realtime',
    input_format: 'pcm16',
    output_format: 'pcm16',
    chunk_ms: 20,
    session: { turn_detection: { type: 'server_vad', prefix_padding_ms: 300, silence_duration_ms: 500 } },
  });
  push({ s, t: t0 + 1, k: 'note', level: 'info', msg: 'connecting' });
  push({ s, t: t0 + 24, k: 'note', level: 'info', msg: 'connected', data: { connect_ms: 23 } });
  push({ s, t: t0 + 30, k: 'recv', type: 'session.created', event: { type: 'session.created' } });
  push({ s, t: t0 + 31, k: 'send', type: 'session.update', event: { type: 'session.update' } });
  push({ s, t: t0 + 45, k: 'recv', type: 'session.updated', event: { type: 'session.updated' } });
  const streamStart = t0 + 50;
  const chunkMs = 20;
  const totalMs = 9000;
  // Turn 1 (barge-in) audio starts at input position 4400 ms; speech 4600–5600.
  const turns = [
    { turn: 0, pos: 0, speech: [{ start_ms: 300, end_ms: 1800 }], barge: false, trigger: 'start' },
    { turn: 1, pos: 4400, speech: [{ start_ms: 4600, end_ms: 5600 }], barge: true, trigger: 'first_audio' },
  ];
  const wall = (pos: number) => streamStart + pos; // lag is tiny; good enough for placing events
  for (const tr of turns) {
    push({
      s,
      t: wall(tr.pos),
      k: 'turn',
      turn: tr.turn,
      fixture: `fixtures/turn${tr.turn}.wav`,
      pos_ms: tr.pos,
      speech: tr.speech,
      trigger: tr.trigger,
      barge_in: tr.barge,
      manual: false,
    });
  }
  for (let k = 0; k * chunkMs < totalMs; k++) {
    const due = streamStart + (k + 1) * chunkMs;
    const lag = Math.abs(randomNormal(rng, 0.3, 0.4)) + (k % 97 === 0 ? 3 : 0);
    const pos = k * chunkMs;
    const turn = pos < 2600 ? 0 : pos >= 4400 && pos < 6400 ? 1 : -1;
    push({ s, t: due + lag, k: 'chunk', seq: k, pos_ms: pos, end_ms: pos + chunkMs, due, bytes: 960, turn });
  }
  const recv = (t: number, type: string, event: Record<string, unknown> = {}) => push({ s, t, k: 'recv', type, event: { type, ...event } });
  const send = (t: number, type: string, event: Record<string, unknown> = {}) => push({ s, t, k: 'send', type, event: { type, ...event } });
  // Turn 0.
  recv(wall(300) + 110, 'input_audio_buffer.speech_started', { audio_start_ms: 0, item_id: 'item_u0' });
  recv(wall(2300) + 40, 'input_audio_buffer.speech_stopped', { audio_end_ms: 2300, item_id: 'item_u0' });
  const r1 = wall(2300) + 60;
  recv(r1, 'response.created', { response: { id: 'resp_1' } });
  const firstAudio1 = r1 + 420;
  for (let i = 0; i < 12; i++) recv(firstAudio1 + i * 40, 'response.output_audio.delta', { response_id: 'resp_1', item_id: 'item_a1', audio_bytes: 4800 });
  push({ s, t: firstAudio1, k: 'play', ev: 'start', item_id: 'item_a1', played_ms: 0 });
  recv(firstAudio1 + 12 * 40 + 30, 'response.done', { response: { id: 'resp_1', status: 'completed', usage: { input_tokens: 120, output_tokens: 80 } } });
  push({ s, t: firstAudio1 + 1200, k: 'play', ev: 'end', item_id: 'item_a1', played_ms: 1200 });
  // The assistant follows up on its own (a scripted second response); the user barges in at 4600.
  const r2 = firstAudio1 + 1400;
  recv(r2, 'response.created', { response: { id: 'resp_2' } });
  const firstAudio2 = r2 + 100;
  const started2 = wall(4600) + 180;
  for (let t = firstAudio2; t < started2 + 20; t += 40)
    recv(t, 'response.output_audio.delta', { response_id: 'resp_2', item_id: 'item_a2', audio_bytes: 4800 });
  push({ s, t: firstAudio2, k: 'play', ev: 'start', item_id: 'item_a2', played_ms: 0 });
  recv(started2, 'input_audio_buffer.speech_started', { audio_start_ms: 4300, item_id: 'item_u1' });
  const played = started2 - firstAudio2;
  push({ s, t: started2 + 1, k: 'play', ev: 'stop', item_id: 'item_a2', played_ms: played });
  send(started2 + 1, 'response.cancel');
  send(started2 + 2, 'conversation.item.truncate', { item_id: 'item_a2', content_index: 0, audio_end_ms: Math.floor(played) });
  recv(started2 + 30, 'response.done', { response: { id: 'resp_2', status: 'cancelled' } });
  recv(started2 + 35, 'conversation.item.truncated', { item_id: 'item_a2', audio_end_ms: Math.floor(played) });
  recv(wall(6100) + 35, 'input_audio_buffer.speech_stopped', { audio_end_ms: 6100, item_id: 'item_u1' });
  const r3 = wall(6100) + 50;
  recv(r3, 'response.created', { response: { id: 'resp_3' } });
  const firstAudio3 = r3 + 380;
  for (let i = 0; i < 20; i++) recv(firstAudio3 + i * 40, 'response.output_audio.delta', { response_id: 'resp_3', item_id: 'item_a3', audio_bytes: 4800 });
  push({ s, t: firstAudio3, k: 'play', ev: 'start', item_id: 'item_a3', played_ms: 0 });
  recv(firstAudio3 + 20 * 40 + 25, 'response.done', { response: { id: 'resp_3', status: 'completed' } });
  push({ s, t: firstAudio3 + 2000, k: 'play', ev: 'end', item_id: 'item_a3', played_ms: 2000 });
  push({ s, t: streamStart + totalMs + 100, k: 'close', code: 1000, reason: 'done', by: 'client' });
  return out.sort((a, b) => a.t - b.t);
}
