/**
 * The reporter names the option builders list. A leaf module (no renderer behind it), imported
 * directly so that `rtbench --help` does not load the library; commands load `index.ts` when they run.
 */
export { REPORTER_NAMES, type ReporterName } from '../report/reporter.js';
