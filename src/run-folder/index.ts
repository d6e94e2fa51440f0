/**
 * The run folder's on-disk format, owned here and nowhere else (docs/run-folder.md): the file names
 * and schema ids (`names.ts`), writing a run as it goes (`write.ts`), reading one back, also a run
 * killed before it finished (`read.ts`), the resume manifest (`manifest.ts`), preparing a folder for
 * `--resume` (`resume.ts`), and putting shards back together (`merge.ts`, `merge-load.ts`).
 */
export { RESULTS_FILE, SAMPLES_FILE, TRACES_FILE, RUN_FILE, RESULTS_SCHEMA, RUN_SCHEMA } from './names.js';
export { RunFolder } from './write.js';
export { loadRun, readResults, readSamples, readTraces, RunFolderError, type LoadedRun } from './read.js';
export { readManifest, writeManifest, fingerprintPlan, assertSamePlan, type RunManifest, type StoredPlanOptions, type ShardInfo } from './manifest.js';
export { prepareResume, sessionIdOf, type ResumeState } from './resume.js';
export { mergeRuns, MergeError, type MergeOptions, type MergeResult } from './merge.js';
export { mergeLoad, type ShardLoad } from './merge-load.js';
