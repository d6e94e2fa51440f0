/**
 * `--shard i/n`: one deterministic part of a plan, so a big run can be spread over machines by an
 * engine people already run (a CI matrix, a Kubernetes Indexed Job) and put together by
 * `rtbench merge`. Sessions keep their ids, hence their seeds: a shard measures exactly what the
 * unsharded run would for those sessions.
 */
import type { Plan, SessionPlan } from '../scenario/types.js';
import { cellLabel } from '../stats/group.js';
import { fingerprintPlan, type ShardInfo } from '../run-folder/manifest.js';
import { UsageError } from '../errors.js';

/** `{ index: 2, count: 4 }` for `2/4` (1-based, like vitest and Playwright). */
export interface Shard {
  index: number;
  count: number;
}

/** A bad `--shard` value (exit 2). */
export class ShardError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ShardError';
  }
}

/** Parses `i/n` with 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new ShardError(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${text}"`);
  }
  return { index, count };
}

/**
 * The sessions of shard `index` of `count`: session ids sorted (code-unit order, the same on every
 * machine) and dealt round-robin, so shards differ in size by at most one session and the split does
 * not depend on the order scenario files were found in. Plan order is kept within the shard.
 */
export function shardSessions(sessions: readonly SessionPlan[], shard: Shard): SessionPlan[] {
  const ids = sessions.map((s) => s.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mine = new Set(ids.filter((_, i) => i % shard.count === shard.index - 1));
  return sessions.filter((s) => mine.has(s.id));
}

/** The shard's plan and what its run.json records about the whole plan. */
export async function shardPlan(plan: Plan, shard: Shard): Promise<{ plan: Plan; info: ShardInfo }> {
  const whole = await fingerprintPlan(plan);
  const cells = new Map<string, SessionPlan>();
  for (const sp of plan.sessions) {
    const key = `${sp.scenario}\u0000${cellLabel(sp)}`;
    if (!cells.has(key)) cells.set(key, sp);
  }
  return {
    plan: { ...plan, sessions: shardSessions(plan.sessions, shard) },
    info: { index: shard.index, count: shard.count, plan_fingerprint: whole.fingerprint, plan_sessions: whole.sessions, plan_cells: [...cells.values()] },
  };
}
