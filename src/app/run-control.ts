/**
 * Small steps of a run's composition (benchmark.ts): target preflight, and putting samples and
 * pacing together from this attempt and earlier ones (resume).
 */
import { pacingSummary } from '../metrics/pacing.js';
import type { TraceChunk, TraceRecord } from '../metrics/trace.js';
import type { PacingSummary, Sample } from '../results/types.js';
import { resolveEndpoint, type TargetConfig, type TargetEnv } from '../runner/targets.js';
import type { Plan } from '../scenario/types.js';
import { sessionIdOf } from '../run-folder/resume.js';

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
