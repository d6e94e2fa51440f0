/**
 * The reliability side of a run, kept out of the composition in benchmark.ts: resuming a run
 * folder, the cost guard, stop rules (`--fail-fast`, `--max-cost`), target preflight and the
 * in-process handshake. Each piece is a plain function the composition calls at one point.
 */
import { join, resolve } from 'node:path';
import type { Clock } from '../clock/clock.js';
import { pacingSummary } from '../metrics/pacing.js';
import type { TraceChunk, TraceRecord } from '../metrics/trace.js';
import type { MockRealtime } from '../mock/index.js';
import type { PacingSummary, Sample } from '../report/types.js';
import { describeEstimate, estimateCost, usd, type CostEstimate } from '../runner/cost-estimate.js';
import type { PreparedTurn } from '../runner/prepare.js';
import type { SessionResult } from '../runner/run.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../runner/retry.js';
import type { Connection } from '../runner/session.js';
import { resolveEndpoint, type Endpoint, type TargetConfig, type TargetEnv } from '../runner/targets.js';
import type { Plan } from '../scenario/types.js';
import { createInProcessPair } from '../transport/in-process.js';
import { TransportError } from '../transport/transport.js';
import type { Redactor } from '../util/redact.js';
import { RunFolderError } from './load-run.js';
import { assertSamePlan, fingerprintPlan, readManifest, RUN_FILE, writeManifest, type RunManifest, type StoredPlanOptions } from './run-manifest.js';
import { prepareResume, sessionIdOf } from './resume.js';

/** Options of {@link runBenchmark} about failures, limits and resuming. */
export interface ReliabilityOptions {
  /** Handshake retries per session (default 2) for refused connections, timeouts, 429 and 5xx. */
  retries?: number;
  /** Fine-tune the backoff (base, cap, longest `retry-after` honoured). */
  retryPolicy?: Partial<RetryPolicy>;
  /** Stop at the first failed session: no new session starts; reports are still written. */
  failFast?: boolean;
  /** Max length of one session, connection included (ms; default none). */
  sessionTimeoutMs?: number;
  /** Max wait for a WebSocket handshake (ms; default 10 s). */
  connectTimeoutMs?: number;
  /**
   * Cost guard for non-mock targets: refuse to start when the estimate exceeds it (`CostLimitError`,
   * exit 2), and start no new session once the measured cost exceeds it.
   */
  maxCostUsd?: number;
  /** Expected answer length per turn, for the estimate (default 4 s). */
  responseAudioMsEstimate?: number;
  /** Resume this run folder: same plan (from its run.json), only the sessions it lacks. */
  resume?: string;
  /** Notices for the user (cost estimate, resume, why the run stopped); default: none. */
  log?: (line: string) => void;
}

/** The estimate exceeds `--max-cost` (exit 2: nothing was run). */
export class CostLimitError extends Error {
  readonly code = 'COST_LIMIT';
  constructor(message: string) {
    super(message);
    this.name = 'CostLimitError';
  }
}

/** The plan-shaping options worth storing (paths made absolute, so resume works from anywhere). */
export function storedPlanOptions(o: {
  paths?: string[];
  audio?: string[];
  targets?: string[];
  models?: string[];
  repeat?: number;
  seed?: number;
  dialect?: StoredPlanOptions['dialect'];
  transports?: StoredPlanOptions['transports'];
  chunkMs?: number;
  clock?: 'real' | 'virtual';
  mock?: { firstAudioMs?: number; jitterMs?: number; profile?: string };
}): StoredPlanOptions {
  const mock = o.mock ? pick(o.mock, ['firstAudioMs', 'jitterMs', 'profile']) : undefined;
  return {
    ...(o.audio?.length ? { audio: o.audio.map((p) => resolve(p)) } : { paths: (o.paths?.length ? o.paths : ['scenarios']).map((p) => resolve(p)) }),
    ...pick(o, ['targets', 'models', 'repeat', 'dialect', 'transports', 'chunkMs']),
    seed: o.seed ?? 1,
    clock: o.clock ?? 'real',
    ...(mock && Object.keys(mock).length ? { mock } : {}),
  };
}

/**
 * `--resume <dir>`: the options stored in its run.json replace the plan-shaping ones, and the run
 * writes into that folder. Throws `RunFolderError` (exit 2) when it is not a resumable run.
 */
export async function withResumedOptions<T extends { resume?: string; out?: string; mock?: object }>(opts: T): Promise<T & StoredPlanOptions & { manifest: RunManifest }> {
  const dir = resolve(opts.resume!);
  const manifest = await readManifest(dir);
  if (JSON.stringify(manifest.options).includes('***')) {
    // run.json is redacted like every file of the run folder: a key inside a target URL is gone.
    throw new RunFolderError(`${join(dir, RUN_FILE)}: cannot resume — the plan held a credential (e.g. a key in a target URL) that was redacted; pass keys in the environment`);
  }
  const { mock, ...stored } = manifest.options;
  return { ...opts, ...stored, mock: { ...(opts.mock ?? {}), ...(mock ?? {}) }, out: dir, manifest };
}

export interface RunStart {
  /** Sessions measured by an earlier attempt of this run (resume): skipped. */
  done: Set<string>;
  /** Their samples. */
  samples: Sample[];
  startedAt: Date;
}

/**
 * Starts the run folder: a fresh run writes run.json (plan fingerprint, options, argv); a resumed
 * run checks the plan is unchanged, then keeps the sessions measured whole.
 */
export async function beginRun(
  dir: string,
  plan: Plan,
  opts: { manifest?: RunManifest; options: StoredPlanOptions; argv?: string[]; redactor: Redactor; log?: (line: string) => void },
): Promise<RunStart> {
  const now = await fingerprintPlan(plan);
  if (opts.manifest) {
    assertSamePlan(dir, opts.manifest, now);
    const prior = await prepareResume(dir, plan);
    opts.manifest.resumed_at = [...(opts.manifest.resumed_at ?? []), new Date().toISOString()];
    await writeManifest(dir, opts.redactor.value(opts.manifest));
    opts.log?.(`resuming ${dir}: ${prior.done.size} of ${plan.sessions.length} sessions already measured, ${plan.sessions.length - prior.done.size} to run`);
    return { ...prior, startedAt: new Date(opts.manifest.started_at) };
  }
  const startedAt = new Date();
  // Redacted like every file of the run folder (a key inside a target URL must not land here).
  const manifest: RunManifest = { schema: 'rtbench.run/v1', started_at: startedAt.toISOString(), argv: opts.argv ?? [], fingerprint: now.fingerprint, sessions: now.sessions, options: opts.options };
  await writeManifest(dir, opts.redactor.value(manifest));
  return { done: new Set(), samples: [], startedAt };
}

/**
 * Prints the cost estimate of the non-mock sessions and refuses (CostLimitError) when it exceeds
 * `maxCostUsd`. Returns the estimate, or null when nothing costs money.
 */
export function checkCostBeforeRun(plan: Plan, prepared: ReadonlyMap<string, PreparedTurn[]>, skip: ReadonlySet<string>, opts: ReliabilityOptions): CostEstimate | null {
  const paid = plan.sessions.filter((s) => s.target !== 'mock' && !skip.has(s.id));
  if (paid.length === 0) return null;
  const estimate = estimateCost(paid, prepared, { responseAudioMs: opts.responseAudioMsEstimate });
  opts.log?.(describeEstimate(estimate) + (opts.maxCostUsd !== undefined ? `; --max-cost ${usd(opts.maxCostUsd)}` : ''));
  if (opts.maxCostUsd !== undefined && estimate.usd > opts.maxCostUsd) {
    throw new CostLimitError(`--max-cost: the estimated cost ${usd(estimate.usd)} exceeds the limit ${usd(opts.maxCostUsd)}; nothing was run (raise --max-cost, or lower --repeat/--model)`);
  }
  return estimate;
}

/**
 * The stop rules checked as each session ends: `--fail-fast` (a session with any failed turn) and
 * `--max-cost` (measured `cost_usd` so far, earlier attempts of a resumed run included).
 */
export function stopRules(opts: ReliabilityOptions, priorSamples: readonly Sample[]): (done: SessionResult) => string | null {
  let spent = costOf(priorSamples);
  return (done) => {
    spent += costOf(done.samples);
    if (opts.failFast) {
      const bad = done.samples.find((s) => !s.ok);
      if (bad) return `--fail-fast: ${done.plan.id} failed (${bad.error ?? 'failed'})`;
    }
    if (opts.maxCostUsd !== undefined && spent > opts.maxCostUsd) return `--max-cost: measured cost ${usd(spent)} exceeds the limit ${usd(opts.maxCostUsd)}`;
    return null;
  };
}

function costOf(samples: readonly Sample[]): number {
  return samples.reduce((sum, s) => sum + (typeof s.metrics.cost_usd === 'number' ? s.metrics.cost_usd : 0), 0);
}

export function retryPolicyOf(opts: ReliabilityOptions): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...opts.retryPolicy, ...(opts.retries !== undefined ? { retries: opts.retries } : {}) };
}

/** Resolves every session's endpoint once, so a missing key or a bad URL fails (exit 2) before anything runs. */
export function preflightTargets(plan: Plan, env: TargetEnv, cfg: TargetConfig | undefined): void {
  const seen = new Set<string>();
  for (const sp of plan.sessions) {
    const key = `${sp.target}\n${sp.dialect ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    resolveEndpoint(sp, env, 'ws://127.0.0.1:0/v1/realtime', cfg);
  }
}

/**
 * Connects to the in-process mock like a socket would: the mock decides the handshake first, and a
 * refusal is the same {@link TransportError} (status, retry-after) a real socket gets, so retries
 * behave the same on the virtual clock.
 */
export function connectInProcess(mock: MockRealtime, clock: Clock, ep: Endpoint): Connection {
  const request = { url: ep.url, headers: Object.fromEntries(Object.entries(ep.headers).map(([k, v]) => [k.toLowerCase(), v])) };
  const admission = mock.admit(request);
  if (!admission.ok) {
    const r = admission.refusal;
    const retryAfter = Number(r.headers['retry-after']);
    const detail = r.body.trim().slice(0, 200).replace(/\s+/g, ' ');
    throw new TransportError('HANDSHAKE_REJECTED', `handshake rejected: HTTP ${r.status}${detail ? ` ${detail}` : ''}`, {
      status: r.status,
      retryAfterMs: Number.isFinite(retryAfter) && r.headers['retry-after'] !== undefined ? retryAfter * 1000 : undefined,
    });
  }
  const pair = createInProcessPair(clock);
  mock.attach(pair.server, request, admission.ticket);
  return { transport: pair.client, connectMs: 0, url: ep.displayUrl, dialect: ep.dialect };
}

/**
 * Samples in plan order (earlier attempts' and this attempt's; each session's turns in order), so
 * results do not depend on which concurrent session happened to finish first.
 */
export function mergeSamples(plan: Plan, prior: readonly Sample[], fresh: readonly Sample[]): Sample[] {
  const order = new Map(plan.sessions.map((s, i) => [s.id, i]));
  const rank = (s: Sample) => order.get(sessionIdOf(s)) ?? Number.MAX_SAFE_INTEGER;
  return [...prior, ...fresh].sort((a, b) => rank(a) - rank(b) || a.turn - b.turn);
}

/** Sessions (of earlier attempts) that failed as a whole: every turn failed with the same reason. */
export function countFailedSessions(samples: readonly Sample[]): number {
  const bySession = new Map<string, Sample[]>();
  for (const s of samples) bySession.set(sessionIdOf(s), [...(bySession.get(sessionIdOf(s)) ?? []), s]);
  return [...bySession.values()].filter((ss) => ss.every((s) => !s.ok && s.error === ss[0].error)).length;
}

/** Pacing over the whole run folder (a resumed run spans several attempts). */
export async function pacingOfFolder(traces: () => Promise<TraceRecord[]>): Promise<PacingSummary> {
  return pacingSummary((await traces()).filter((r): r is TraceChunk => r.k === 'chunk'));
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
