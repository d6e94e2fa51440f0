import type { CommandModule } from 'yargs';
import { EXIT } from '../errors.js';
import { RESULTS_FILE } from '../../run-folder/names.js';

interface CompareArgs {
  a: string;
  b?: string;
  threshold?: string[];
  axis?: string;
  markdown: boolean;
  seed: number;
}

/** `rtbench compare <runA> <runB>` — side by side, with significance; exit 1 on a regression. */
export function compareCommand(setExit: (code: number) => void): CommandModule<object, CompareArgs> {
  return {
    command: 'compare <a> [b]',
    describe: 'Compare two runs (B against A, e.g. today vs a baseline), or the values of one axis within a run (--axis model)',
    builder: (y) =>
      y
        .positional('a', { type: 'string', demandOption: true, describe: `Run A (the baseline): folder or ${RESULTS_FILE}` })
        .positional('b', { type: 'string', describe: 'Run B (the candidate)' })
        .option('threshold', {
          type: 'string',
          array: true,
          describe: 'Fail (exit 1) on a significant regression beyond this, e.g. first_audio_ms.p95=+10% (repeatable)',
        })
        .option('axis', { type: 'string', describe: 'Within one run: compare the values of this axis (model, target or a setting name)' })
        .option('markdown', { type: 'boolean', default: false, describe: 'Print Markdown instead of a table' })
        .option('seed', { type: 'number', default: 1, describe: 'Seed for bootstrap intervals' })
        .check((a) => {
          if (!a.b && !a.axis) throw new Error('name two runs, or one run and --axis');
          if (!a.b && a.threshold?.length) throw new Error('--threshold gates run B against run A: name two runs');
          return true;
        }) as never,
    handler: async (a) => {
      const [
        { loadRun },
        { renderAxisTable, renderComparisonMarkdown, renderComparisonTable, renderRegressionsMarkdown, shouldColor },
        { checkRegressions, compareAxis, compareRuns, judgeGate, parseThresholds },
        { gatePassLine },
      ] = await Promise.all([
        import('../../run-folder/read.js'),
        import('../../report/index.js'),
        import('../../stats/index.js'),
        import('../../results/public.js'),
      ]);
      const thresholds = parseThresholds(a.threshold ?? []);
      const runA = await loadRun(a.a);
      const color = shouldColor(process.stdout, process.env);
      if (!a.b) {
        const cmp = compareAxis(runA.results, a.axis!, { seed: a.seed });
        process.stdout.write(renderAxisTable(cmp, { color }) + '\n');
        setExit(EXIT.OK);
        return;
      }
      const runB = await loadRun(a.b);
      const warn = (line: string) => process.stderr.write(`warning: ${line}\n`);
      const rows = compareRuns(runA.results, runB.results, { seed: a.seed, onWarning: warn });
      const labels = { a: a.a, b: a.b };
      process.stdout.write((a.markdown ? renderComparisonMarkdown(rows, labels) : renderComparisonTable(rows, { color, ...labels })) + '\n');
      if (thresholds.length) {
        // Warnings were given by compareRuns already.
        const verdicts = checkRegressions(runA.results, runB.results, thresholds, { seed: a.seed });
        const gate = judgeGate(verdicts, thresholds);
        process.stdout.write('\n' + renderRegressionsMarkdown(verdicts, { gate }) + '\n');
        for (const line of gate.problems) process.stderr.write(`✗ ${line}\n`);
        if (!gate.failed) process.stderr.write(`${gatePassLine(gate)}\n`);
        setExit(gate.failed ? EXIT.EXPECTATION : EXIT.OK);
      } else setExit(EXIT.OK);
    },
  };
}
