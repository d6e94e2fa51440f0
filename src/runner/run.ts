import type { Clock } from '../clock/clock.js';
import { sleep } from '../clock/clock.js';
import type { ModelPrice } from '../metrics/cost.js';
import { pacingFromLags } from '../metrics/pacing.js';
import type { TraceRecord } from '../metrics/trace.js';
import { computeTurnMetrics, TURN_METRICS } from '../metrics/turns.js';
import { webrtcFacts } from '../metrics/webrtc-facts.js';
import type { PacingSummary, Sample } from '../results/types.js';
import { applicableMetrics } from '../results/sample.js';
import type { Plan, SessionPlan } from '../scenario/types.js';
import { phaseOf } from './pacer.js';
import { StartGate } from './start-gate.js';
import { prepareTurn, type PreparedTurn } from './prepare.js';
import type { RetryPolicy } from './retry.js';
import { ABORTED_REASON, runSession, type Connector } from './session.js';

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
  /** Max length of one session, connection included (default none). */
  sessionTimeoutMs?: number;
  /** Max wait for session.created/updated after connecting (default 10 s). */
  readyTimeoutMs?: number;
  /** Handshake retries (default: 2 retries, full-jitter exponential backoff, retry-after honoured). */
  retry?: RetryPolicy;
  /** Called as each session ends, with its samples and trace (persist them here). */
  onSession?: (done: SessionResult, progress: { done: number; total: number }) => Promise<void> | void;
  /**
   * Asked after each session ends: a reason stops the run — no new session starts, the ones in
   * flight finish (`--fail-fast`, `--max-cost`).
   */
  stopWhen?: (done: SessionResult) => string | null;
  /** Sessions already measured (resume): skipped. */
  skip?: Set<string>;
  /** Turns already prepared by {@link prepareAll} (otherwise prepared here). */
  prepared?: Map<string, PreparedTurn[]>;
  /**
   * Where each session's chunk grid sits: `seeded` (a phase in [0, chunk_ms) from the session's
   * seed, so concurrent sessions do not all send on the same instant) or `none` (every grid starts
   * at the session's stream start). Default: `seeded` when `concurrency` > 1.
   */
  phase?: 'seeded' | 'none';
  /**
   * Without a ramp, the first `concurrency` sessions connect first and start talking together once
   * all are ready ({@link StartGate}). Default: on for real-clock runs with `concurrency` > 1.
   */
  startTogether?: boolean;
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
  /** Why the run stopped before every session ran (`stopWhen`, or the signal), if it did. */
  stopped: string | null;
  /** Sessions cut short by the signal: measured nothing whole, recorded nothing, left to `--resume`. */
  discarded: string[];
}

/**
 * Executes a plan: prepares every turn's audio first (bad audio fails before anything runs), then
 * runs sessions with bounded concurrency and an optional ramp, computing each session's samples as
 * it ends and handing them to `onSession` so nothing measured is lost if the run is cut short.
 */
export async function executePlan(plan: Plan, opts: ExecuteOptions): Promise<ExecuteResult> {
  const prepared = opts.prepared ?? (await prepareAll(plan.sessions));
  const queue = plan.sessions.filter((s) => !opts.skip?.has(s.id));
  const total = queue.length;
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 1, total || 1));
  const samples: Sample[] = [];
  const lags: number[] = [];
  const { clock, signal } = opts;
  // Decided by the requested concurrency (not by how many sessions are left), so a shard paces its
  // sessions exactly as the unsharded run would.
  const seededPhase = (opts.phase ?? ((opts.concurrency ?? 1) > 1 ? 'seeded' : 'none')) === 'seeded';
  let failed = 0;
  let done = 0;
  let next = 0;
  const together = (opts.startTogether ?? clock.kind === 'real') && concurrency > 1 && !opts.rampMs;
  const firstWave = together ? new StartGate(concurrency) : null;
  let stopped: string | null = null;
  const discarded: string[] = [];
  // A server that reported an exhausted rate limit: no session starts before this time.
  let notBefore = -Infinity;
  const onRateLimited = (resetMs: number) => {
    notBefore = Math.max(notBefore, clock.now() + resetMs);
  };

  // Many sessions can end in one I/O poll of a load run; computing their samples back to back would
  // hold up the pacing timers of the sessions still streaming. So sessions take turns, each after a
  // timer turn of its own: chunks due meanwhile are sent first.
  let endTurn: Promise<unknown> = Promise.resolve();
  const inEndTurn = <T>(fn: () => T): Promise<T> => {
    const mine = endTurn.then(() => sleep(clock, 0)).then(fn);
    endTurn = mine.catch(() => undefined);
    return mine;
  };

  const worker = async (w: number) => {
    if (opts.rampMs && concurrency > 1) await sleep(clock, (opts.rampMs * w) / concurrency, signal).catch(() => undefined);
    let ticket = firstWave?.ticket();
    while (next < queue.length && !signal?.aborted && stopped === null) {
      const sp = queue[next++];
      const turns = prepared.get(sp.id)!;
      let waitedMs = 0;
      if (notBefore > clock.now()) {
        const from = clock.now();
        await clock.sleepUntil(notBefore, signal).catch(() => undefined);
        waitedMs = clock.now() - from;
        if (signal?.aborted) break;
      }
      const outcome = await runSession(sp, turns, {
        clock,
        connect: opts.connect,
        signal,
        turnTimeoutMs: opts.turnTimeoutMs,
        sessionTimeoutMs: opts.sessionTimeoutMs,
        readyTimeoutMs: opts.readyTimeoutMs,
        retry: opts.retry,
        onRateLimited,
        phaseMs: seededPhase ? phaseOf(sp.seed, sp.chunk_ms) : 0,
        startGate: ticket,
      });
      ticket = undefined;
      // A session cut short by an interrupt measured nothing whole: it is left to `--resume`.
      if (outcome.error === ABORTED_REASON) {
        discarded.push(sp.id);
        break;
      }
      if (waitedMs > 0) {
        outcome.trace.splice(1, 0, {
          k: 'note',
          s: sp.id,
          t: outcome.trace[0]?.t ?? clock.now(),
          level: 'info',
          msg: `start held back ${Math.round(waitedMs)} ms by an exhausted rate limit`,
        });
      }
      const result: SessionResult = await inEndTurn(() => {
        for (const r of outcome.trace) if (r.k === 'chunk') lags.push(r.t - r.due);
        return { plan: sp, samples: samplesOf(sp, outcome.trace, outcome.error, outcome.turnErrors, opts.prices), trace: outcome.trace, error: outcome.error };
      });
      if (outcome.error) failed++;
      samples.push(...result.samples);
      done++;
      await opts.onSession?.(result, { done, total });
      stopped ??= opts.stopWhen?.(result) ?? null;
    }
    // A worker that never started a session (the run stopped first) must not hold up the wave.
    ticket?.gone();
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  if (stopped === null && signal?.aborted && done < total) stopped = 'interrupted';
  return { samples, pacing: pacingFromLags(lags), sessions: done, failedSessions: failed, stopped, discarded };
}

/**
 * Loads and encodes each session's turns; identical turns share one preparation. Throws
 * `AudioFormatError` for unreadable or invalid audio, before anything runs.
 */
export async function prepareAll(sessions: SessionPlan[]): Promise<Map<string, PreparedTurn[]>> {
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
  const rtcFacts = webrtcFacts(trace);
  const vad = sp.session.turn_detection !== null;
  return sp.turns.map((t, i) => {
    const r = computed.get(i);
    const kind = { vad, bargeIn: t.start.after === 'first_audio' || t.start.after === 'played', tool: t.tool !== undefined };
    const turnError = turnErrors[i] ?? (r ? null : (error ?? 'turn never started'));
    const sample: Sample = {
      id: `${sp.id}#t${i}`,
      scenario: sp.scenario,
      turn: i,
      ...(t.name !== undefined ? { turn_name: t.name } : {}),
      target: sp.target,
      model: sp.model,
      dialect,
      transport: sp.transport ?? 'ws',
      ...(sp.network !== undefined ? { network: sp.network } : {}),
      settings: sp.settings,
      repeat: sp.repeat,
      ok: turnError === null,
      metrics: r ? applicableMetrics(r.metrics, kind) : Object.fromEntries(TURN_METRICS.map((k) => [k, null])),
      facts: { ...(r?.facts ?? {}), ...rtcFacts },
    };
    if (turnError !== null) sample.error = turnError;
    return sample;
  });
}
