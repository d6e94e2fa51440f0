/**
 * The names of a run folder's files and the schema ids inside them (docs/run-folder.md). A leaf:
 * everything that reads or writes a run folder, or names one of its files to a user, takes the names
 * from here.
 */

/** The whole run: run info, pacing, samples, summary, expectations (written at the end). */
export const RESULTS_FILE = 'results.json';
/** One sample per line, appended as each session ends. */
export const SAMPLES_FILE = 'samples.jsonl';
/** One trace record per line, appended as each session ends (audio payloads elided). */
export const TRACES_FILE = 'traces.jsonl';
/** The resume manifest, written at the start of every run. */
export const RUN_FILE = 'run.json';

/** `schema` of results.json. */
export const RESULTS_SCHEMA = 'rtbench.results/v1';
/** `schema` of run.json. */
export const RUN_SCHEMA = 'rtbench.run/v1';
