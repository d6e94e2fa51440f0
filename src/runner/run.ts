import type { Clock } from '../clock/clock.js';
import { sleep } from '../clock/clock.js';
import type { ModelPrice } from '../metrics/cost.js';
import { pacingFromLags } from '../metrics/pacing.js';
import type { TraceRecord } from '../metrics/trace.js';
import { computeTurnMetrics, TURN_METRICS } from '../metrics/turns.js';
import type { PacingSummary, Sample } from '../report/types.js';
import type { Plan, SessionPlan } from '../scenario/types.js';
import { prepareTurn, type PreparedTurn } from './prepare.js';
import { runSession, type Connector } from './session.js';

export interface ExecuteOptions {
  clock: Clock;
  connect: Connector;
  /** Sessions in flight at once (default 1). */
  concurrency?: number;
  /** Spread the first `concurrency` session starts over this many ms (default 0). */
  rampMs?: number;
  signal?: AbortSignal;
  prices?: Record<string, ModelPrice>;
  turnTimeoutMs?: number;
  /** Called as each session ends, with its samples and trace (persist them here). */
  onSession?: (done: SessionResult, progress: { done: number; total: number }) => Promise<void> | void;
  /** Sessions already measured (resume): skipped. */
  skip?: Set<string>;
}

export interface SessionResult {
  plan: SessionPlan;
  samples: Sample[];
  trace: TraceRecord[];
  error: string | null;
}

export interface ExecuteResult {
  samples: Sample[];
  pacing: PacingSummary;
  sessions: number;
  failedSessions: number;
}

/**
 * Executes a plan: prepares every turn's audio first (bad audio fails before anything runs), then
 * runs sessions with bounded concurrency and an optional ramp, computing each session's samples as
 * it ends and handing them to `onSession` so nothing measured is lost if the run is cut short.
 */
export async function executePlan(plan: Plan, opts: ExecuteOptions): Promise<ExecuteResult> {
  const prepared = await prepareAll(plan.sessions);
  const queue = plan.sessions.filter((s) => !opts.skip?.has(s.id));
  const total = queue.length;
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 1, total || 1));
  const samples: Sample[] = [];
  const lags: number[] = [];
  let failed = 0;
  let done = 0;
  let next = 0;

  const worker = async (w: number) => {
    if (opts.rampMs && concurrency > 1) await sleep(opts.clock, (opts.rampMs * w) / concurrency, opts.signal).catch(() => undefined);
    while (next < queue.length && !opts.signal?.aborted) {
      const sp = queue[next++];
      const turns = prepared.get(sp.id)!;
      const outcome = await runSession(sp, turns, { clock: opts.clock, connect: opts.connect, signal: opts.signal, turnTimeoutMs: opts.turnTimeoutMs });
      for (const r of outcome.trace) if (r.k === 'chunk') lags.push(r.t - r.due);
      const result: SessionResult = { plan: sp, samples: samplesOf(sp, outcome.trace, outcome.error, outcome.turnErrors, opts.prices), trace: outcome.trace, error: outcome.error };
      if (outcome.error) failed++;
      samples.push(...result.samples);
      done++;
      await opts.onSession?.(result, { done, total });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { samples, pacing: pacingFromLags(lags), sessions: done, failedSessions: failed };
}

/** Loads and encodes each session's turns; identical turns share one preparation. */
async function prepareAll(sessions: SessionPlan[]): Promise<Map<string, PreparedTurn[]>> {
  const cache = new Map<string, Promise<PreparedTurn>>();
  const out = new Map<string, PreparedTurn[]>();
  for (const sp of sessions) {
    const format = sp.session.input_audio_format ?? 'pcm16';
    const turns = await Promise.all(
      sp.turns.map((t) => {
        const seed = t.noise ? sp.seed + t.index : 0;
        const key = JSON.stringify([t.audio, t.leading_silence_ms, t.trailing_silence_ms, t.noise ?? null, format, sp.chunk_ms, seed, t.transcript ?? null]);
        let p = cache.get(key);
        if (!p) {
          p = prepareTurn(t, format, sp.chunk_ms, seed);
          cache.set(key, p);
        }
        return p;
      }),
    );
    out.set(sp.id, turns);
  }
  return out;
}

/** One sample per planned turn; turns the session never reached are failed samples with the reason. */
export function samplesOf(
  sp: SessionPlan,
  trace: TraceRecord[],
  error: string | null,
  turnErrors: Array<string | null>,
  prices?: Record<string, ModelPrice>,
): Sample[] {
  const computed = new Map(computeTurnMetrics(trace, { prices }).map((r) => [r.turn, r]));
  const meta = trace.find((r) => r.k === 'meta');
  const dialect = meta && meta.k === 'meta' ? meta.dialect : (sp.dialect ?? 'ga');
  return sp.turns.map((t, i) => {
    const r = computed.get(i);
    const turnError = turnErrors[i] ?? (r ? null : (error ?? 'turn never started'));
    const sample: Sample = {
      id: `${sp.id}#t${i}`,
      scenario: sp.scenario,
      turn: i,
      target: sp.target,
      model: sp.model,
      dialect,
      settings: sp.settings,
      repeat: sp.repeat,
      ok: turnError === null,
      metrics: r?.metrics ?? Object.fromEntries(TURN_METRICS.map((k) => [k, null])),
      facts: r?.facts ?? {},
    };
    if (turnError !== null) sample.error = turnError;
    return sample;
  });
}
