import { join } from 'node:path';
import { writeFileAtomic } from './write.js';
import type { ReportContext, Reporter } from './reporter.js';
import type { RunResults } from '../results/types.js';

import { RESULTS_FILE } from '../run-folder/names.js';

/** `results.json`: the whole run (schema `rtbench.results/v1`), plus regressions when checked. */
export const jsonReporter: Reporter = {
  name: 'json',
  async render(ctx: ReportContext) {
    const body: RunResults = ctx.regressions ? { ...ctx.results, regressions: ctx.regressions } : ctx.results;
    await writeFileAtomic(join(ctx.outDir, RESULTS_FILE), JSON.stringify(body, null, 2) + '\n');
  },
};
