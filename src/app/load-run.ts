import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pacingSummary } from '../metrics/pacing.js';
import type { TraceChunk, TraceRecord } from '../metrics/trace.js';
import type { RunResults } from '../results/types.js';
import { typedFacts } from '../results/sample.js';
import { readResults, readSamples, readTraces, SAMPLES_FILE } from '../runner/run-folder.js';
import { summarize } from '../stats/index.js';
import { RtbenchError } from '../errors.js';

/** A run folder or results file that cannot be read (exit 2). */
export class RunFolderError extends RtbenchError<'RUN_FOLDER_INVALID'> {
  static readonly codes = ['RUN_FOLDER_INVALID'] as const;
  constructor(message: string) {
    super('RUN_FOLDER_INVALID', message);
    this.name = 'RunFolderError';
  }
}

export interface LoadedRun {
  dir: string;
  results: RunResults;
  /** Whether results.json was missing and the results were rebuilt from samples.jsonl (a killed run). */
  rebuilt: boolean;
  traces: () => Promise<TraceRecord[]>;
}

/**
 * Loads a run from its folder (or its results.json). A run killed before it wrote results.json is
 * rebuilt from samples.jsonl and traces.jsonl, which are appended as each session ends.
 */
export async function loadRun(path: string): Promise<LoadedRun> {
  if (!existsSync(path)) throw new RunFolderError(`${path}: no such run folder or results file`);
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  let results: RunResults | null;
  try {
    results = await readResults(dir);
  } catch (err) {
    throw new RunFolderError(`${join(dir, 'results.json')}: not valid JSON (${(err as Error).message})`);
  }
  const traces = () => readTraces(dir);
  if (results) {
    if (results.schema !== 'rtbench.results/v1') throw new RunFolderError(`${join(dir, 'results.json')}: unknown schema ${String(results.schema)}`);
    // Runs written before facts were typed stored "true"/"false": read them as booleans.
    for (const s of results.samples ?? []) if (s.facts) s.facts = typedFacts(s.facts);
    return { dir, results, rebuilt: false, traces };
  }
  if (!existsSync(join(dir, SAMPLES_FILE))) throw new RunFolderError(`${dir}: neither results.json nor ${SAMPLES_FILE} found — not a run folder`);
  const samples = await readSamples(dir);
  const trace = await traces();
  const chunks = trace.filter((r): r is TraceChunk => r.k === 'chunk');
  const now = new Date().toISOString();
  return {
    dir,
    rebuilt: true,
    traces,
    results: {
      schema: 'rtbench.results/v1',
      run: { version: 'unknown (rebuilt)', started_at: now, ended_at: now, argv: [], node: process.version, cpus: 0, clock: 'real', seed: 1 },
      pacing: pacingSummary(chunks),
      samples,
      summary: summarize(samples, { seed: 1 }),
      expectations: [],
    },
  };
}
