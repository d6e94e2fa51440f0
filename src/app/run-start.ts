/**
 * Starting a run folder: the plan-shaping options stored in run.json, `--resume` (those options
 * replace the flags; only the sessions not yet measured run), and the manifest of a fresh run.
 */
import { join, resolve } from 'node:path';
import type { Sample } from '../results/types.js';
import type { Plan } from '../scenario/types.js';
import type { Redactor } from '../util/redact.js';
import { RunFolderError } from '../run-folder/read.js';
import { prepareResume } from '../run-folder/resume.js';
import {
  assertSamePlan,
  fingerprintPlan,
  readManifest,
  RUN_FILE,
  STORED_RUN_KEYS,
  writeManifest,
  type RunManifest,
  type ShardInfo,
  type StoredPlanOptions,
  type StoredRunOptions,
} from '../run-folder/manifest.js';
import { RUN_SCHEMA } from '../run-folder/names.js';

/** The plan-shaping options worth storing (paths made absolute, so resume works from anywhere). */
export function storedPlanOptions(
  o: {
    paths?: string[];
    audio?: string[];
    targets?: string[];
    models?: string[];
    repeat?: number;
    seed?: number;
    dialect?: StoredPlanOptions['dialect'];
    transports?: StoredPlanOptions['transports'];
    networks?: string[];
    chunkMs?: number;
    clock?: 'real' | 'virtual';
    mock?: { firstAudioMs?: number; jitterMs?: number; profile?: string; profileFile?: string };
    shard?: { index: number; count: number };
  } & StoredRunOptions,
): StoredPlanOptions {
  const run = pick(o, [...STORED_RUN_KEYS]);
  const mock = o.mock
    ? pick({ ...o.mock, ...(o.mock.profileFile ? { profileFile: resolve(o.mock.profileFile) } : {}) }, ['firstAudioMs', 'jitterMs', 'profile', 'profileFile'])
    : undefined;
  return {
    ...(o.audio?.length ? { audio: o.audio.map((p) => resolve(p)) } : { paths: (o.paths?.length ? o.paths : ['scenarios']).map((p) => resolve(p)) }),
    ...pick(o, ['targets', 'models', 'repeat', 'dialect', 'transports', 'networks', 'chunkMs']),
    seed: o.seed ?? 1,
    clock: o.clock ?? 'real',
    ...(mock && Object.keys(mock).length ? { mock } : {}),
    ...(o.shard ? { shard: { index: o.shard.index, count: o.shard.count } } : {}),
    ...(Object.keys(run).length ? { run } : {}),
  };
}

/**
 * `--resume <dir>`: the options stored in its run.json replace the plan-shaping ones, and the run
 * writes into that folder. Throws `RunFolderError` (exit 2) when it is not a resumable run.
 */
export async function withResumedOptions<T extends { resume?: string; out?: string; mock?: object }>(
  opts: T,
): Promise<T & StoredPlanOptions & { manifest: RunManifest }> {
  const dir = resolve(opts.resume!);
  const manifest = await readManifest(dir);
  if (JSON.stringify(manifest.options).includes('***')) {
    // run.json is redacted like every file of the run folder: a key inside a target URL is gone.
    throw new RunFolderError(
      `${join(dir, RUN_FILE)}: cannot resume — the plan held a credential (e.g. a key in a target URL) that was redacted; pass keys in the environment`,
    );
  }
  const { mock, run, ...stored } = manifest.options;
  // How the run ran (concurrency, timeouts, …) carries over unless given again now.
  const kept: Record<string, unknown> = {};
  for (const k of STORED_RUN_KEYS) if (run?.[k] !== undefined && (opts as Record<string, unknown>)[k] === undefined) kept[k] = run[k];
  return { ...opts, ...kept, ...stored, mock: { ...(opts.mock ?? {}), ...(mock ?? {}) }, out: dir, manifest };
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
  opts: {
    manifest?: RunManifest;
    options: StoredPlanOptions;
    argv?: string[];
    redactor: Redactor;
    log?: (line: string) => void;
    shard?: ShardInfo;
    concurrency?: number;
  },
): Promise<RunStart> {
  const now = await fingerprintPlan(plan);
  if (opts.manifest) {
    assertSamePlan(dir, opts.manifest, now);
    const prior = await prepareResume(dir, plan);
    opts.manifest.resumed_at = [...(opts.manifest.resumed_at ?? []), new Date().toISOString()];
    await writeManifest(dir, opts.redactor.value(opts.manifest));
    const began = opts.manifest.options.run?.concurrency;
    const how =
      opts.concurrency === undefined
        ? ''
        : began === undefined || began === opts.concurrency
          ? ` (concurrency ${opts.concurrency}${began === undefined ? '' : ', as the run began'})`
          : ` (concurrency ${opts.concurrency}; the run began with ${began})`;
    opts.log?.(
      `resuming ${dir}: ${prior.done.size} of ${plan.sessions.length} sessions already measured, ${plan.sessions.length - prior.done.size} to run${how}`,
    );
    return { ...prior, startedAt: new Date(opts.manifest.started_at) };
  }
  const startedAt = new Date();
  // Redacted like every file of the run folder (a key inside a target URL must not land here).
  const manifest: RunManifest = {
    schema: RUN_SCHEMA,
    started_at: startedAt.toISOString(),
    argv: opts.argv ?? [],
    fingerprint: now.fingerprint,
    sessions: now.sessions,
    options: opts.options,
    ...(opts.shard ? { shard: opts.shard } : {}),
  };
  await writeManifest(dir, opts.redactor.value(manifest));
  return { done: new Set(), samples: [], startedAt };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
