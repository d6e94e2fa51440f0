import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annotationPath } from '../audio/annotate.js';
import type { Dialect } from '../protocol/codec.js';
import type { Plan, SessionPlan } from '../scenario/types.js';
import { RUN_FILE, RUN_SCHEMA } from './names.js';
import { RunFolderError } from './read.js';

/** Written at the start of every run ({@link RUN_FILE}), so `rtbench run --resume` can redo exactly that plan. */
export { RUN_FILE } from './names.js';

/** What shapes a plan: stored in run.json and reused by `--resume`. */
export interface StoredPlanOptions {
  /** Absolute scenario paths. */
  paths?: string[];
  /** Absolute WAV paths (quick mode). */
  audio?: string[];
  targets?: string[];
  models?: string[];
  repeat?: number;
  seed: number;
  dialect?: Dialect;
  /** `--transport` (ws, webrtc, or both). */
  transports?: Array<'ws' | 'webrtc'>;
  /** `--network` values (none, profiles, specs). */
  networks?: string[];
  chunkMs?: number;
  clock: 'real' | 'virtual';
  /** The bundled mock's CLI-level settings (they change what is measured). */
  mock?: { firstAudioMs?: number; jitterMs?: number; profile?: string; profileFile?: string };
  /** `--shard i/n`: this run is shard i (1-based) of n. */
  shard?: { index: number; count: number };
  /** How the run ran (not what it plays): `--resume` keeps these unless given again. */
  run?: StoredRunOptions;
}

/** Options that shape how sessions run, not the plan: kept by `--resume`, overridable there. */
export interface StoredRunOptions {
  concurrency?: number;
  rampMs?: number;
  turnTimeoutMs?: number;
  sessionTimeoutMs?: number;
  connectTimeoutMs?: number;
  retries?: number;
  failFast?: boolean;
  maxCostUsd?: number;
  workers?: number;
  mockPlacement?: 'worker' | 'process' | 'main';
  insecure?: boolean;
}

/** The keys of {@link StoredRunOptions}, in one place. */
export const STORED_RUN_KEYS = [
  'concurrency',
  'rampMs',
  'turnTimeoutMs',
  'sessionTimeoutMs',
  'connectTimeoutMs',
  'retries',
  'failFast',
  'maxCostUsd',
  'workers',
  'mockPlacement',
  'insecure',
] as const satisfies ReadonlyArray<keyof StoredRunOptions>;

/**
 * What a shard's run.json says about the whole plan, so `rtbench merge` can check that shards belong
 * together, that none is missing or doubled, and evaluate the plan's expectations without its files.
 */
export interface ShardInfo {
  index: number;
  count: number;
  /** Fingerprint of the whole (unsharded) plan: equal in every shard of one plan. */
  plan_fingerprint: string;
  /** Every session of the whole plan, in plan order (id → its hash). */
  plan_sessions: Record<string, string>;
  /** One session plan per scenario × cell of the whole plan (what expectations are checked with). */
  plan_cells: SessionPlan[];
}

export interface RunManifest {
  schema: typeof RUN_SCHEMA;
  started_at: string;
  /** Redacted. */
  argv: string[];
  /** sha256 over every session's plan and the bytes of the fixtures (and annotations) it plays. */
  fingerprint: string;
  /** Session id → its own hash, to say what changed. */
  sessions: Record<string, string>;
  options: StoredPlanOptions;
  resumed_at?: string[];
  /** Present when the run is one shard of a plan (`--shard i/n`). */
  shard?: ShardInfo;
  /** Present in a merged run folder (`rtbench merge`): the shards it was made of. */
  merged_from?: Array<{ dir: string; shard: string }>;
}

/** Per-session hashes of a plan; fixture contents included, so re-recorded audio counts as a change. */
export async function fingerprintPlan(plan: Plan): Promise<{ fingerprint: string; sessions: Record<string, string> }> {
  const fileHashes = new Map<string, Promise<string>>();
  const hashFile = (path: string) => {
    let h = fileHashes.get(path);
    if (!h) {
      h = readFile(path).then(
        (b) => sha256(b),
        () => 'missing',
      );
      fileHashes.set(path, h);
    }
    return h;
  };
  const sessions: Record<string, string> = {};
  for (const sp of plan.sessions) {
    const files = sp.turns.flatMap((t) => [
      t.audio,
      annotationPath(t.audio),
      ...(t.noise && t.noise.source !== 'white' && t.noise.source !== 'pink' ? [t.noise.source] : []),
    ]);
    const contents = await Promise.all(files.map((f) => (existsSync(f) ? hashFile(f) : Promise.resolve('none'))));
    sessions[sp.id] = sha256(stableJson(planIdentity(sp)) + '\n' + contents.join(','));
  }
  const fingerprint = sha256(
    Object.entries(sessions)
      .map(([id, h]) => `${id}=${h}`)
      .join('\n'),
  );
  return { fingerprint, sessions };
}

/** The parts of a session plan that decide what is measured (not where the scenario file lives). */
function planIdentity(sp: SessionPlan): unknown {
  const { file: _file, expectations, turns, ...rest } = sp;
  // `where` spells the scenario path as it was typed (relative or not): not part of the plan. A
  // `say:` turn's text is in its synthesized audio's bytes already (hashed below).
  return { ...rest, turns: turns.map(({ say: _say, ...t }) => t), expectations: expectations.map(({ where: _where, ...e }) => e) };
}

export async function writeManifest(dir: string, m: RunManifest): Promise<void> {
  const file = join(dir, RUN_FILE);
  await writeFile(`${file}.tmp`, JSON.stringify(m, null, 2) + '\n');
  await rename(`${file}.tmp`, file);
}

/** Reads a run folder's run.json; `RunFolderError` (exit 2) when it is missing or unreadable. */
export async function readManifest(dir: string): Promise<RunManifest> {
  const file = join(dir, RUN_FILE);
  if (!existsSync(dir)) throw new RunFolderError(`${dir}: no such run folder`);
  if (!existsSync(file)) {
    throw new RunFolderError(`${file}: missing — only runs started by this rtbench version can be resumed (start a new run instead)`);
  }
  let m: RunManifest;
  try {
    m = JSON.parse(await readFile(file, 'utf8')) as RunManifest;
  } catch (err) {
    throw new RunFolderError(`${file}:1:1 not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (m?.schema !== RUN_SCHEMA || typeof m.fingerprint !== 'string' || typeof m.sessions !== 'object' || !m.options) {
    throw new RunFolderError(`${file}:1:1 not an rtbench run manifest (schema ${RUN_SCHEMA})`);
  }
  return m;
}

/** Throws `RunFolderError` (exit 2) naming what changed when `now` is not the plan `m` started with. */
export function assertSamePlan(dir: string, m: RunManifest, now: { fingerprint: string; sessions: Record<string, string> }): void {
  if (m.fingerprint === now.fingerprint) return;
  const before = m.sessions;
  const added = Object.keys(now.sessions).filter((id) => !(id in before));
  const removed = Object.keys(before).filter((id) => !(id in now.sessions));
  const changed = Object.keys(now.sessions).filter((id) => id in before && before[id] !== now.sessions[id]);
  const list = (what: string, ids: string[]) => (ids.length ? [`${ids.length} ${what} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`] : []);
  const detail = [...list('changed', changed), ...list('added', added), ...list('removed', removed)].join('; ');
  throw new RunFolderError(
    `${join(dir, RUN_FILE)}: cannot resume — the scenarios or fixtures changed since this run started: ${detail || 'plan differs'}. Start a new run instead.`,
  );
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with sorted keys, so equal plans hash equal whatever order their fields were built in. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
