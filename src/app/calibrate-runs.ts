import { writeFile } from 'node:fs/promises';
import { calibrate, type CalibrateOptions, type CalibrationResult } from '../calibration/index.js';
import { VERSION } from '../version.js';
import { loadRun } from '../run-folder/read.js';

export interface CalibrateRunsOptions extends Pick<CalibrateOptions, 'minN'> {
  /** Where the runs were made, when known (the service does not say); recorded in the provenance. */
  region?: string;
  /** Write the profile file here. */
  out?: string;
  /** The file's `created_at` [now]. */
  createdAt?: string;
}

/**
 * Reads run folders and fits a mock profile from their traces (`rtbench calibrate`).
 * @throws {RunFolderError} for an unreadable run folder; {@link CalibrationError} for too little data
 */
export async function calibrateRunFolders(dirs: readonly string[], opts: CalibrateRunsOptions = {}): Promise<CalibrationResult> {
  const runs = [];
  for (const dir of dirs) {
    const run = await loadRun(dir);
    runs.push({ dir, traces: await run.traces(), startedAt: run.rebuilt ? null : run.results.run.started_at, region: opts.region ?? null });
  }
  const result = calibrate(runs, { minN: opts.minN, createdAt: opts.createdAt ?? new Date().toISOString(), version: VERSION });
  if (opts.out) await writeFile(opts.out, JSON.stringify(result.file, null, 2) + '\n');
  return result;
}
