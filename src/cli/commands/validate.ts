import type { CommandModule } from 'yargs';
import { EXIT } from '../errors.js';

interface ValidateArgs {
  files: string[];
}

/** `rtbench validate <files…>` */
export function validateCommand(setExit: (code: number) => void): CommandModule<object, ValidateArgs> {
  return {
    command: 'validate [files..]',
    describe: 'Check scenarios and the fixtures they name; prints every problem as file:line:col message',
    builder: (y) => y.positional('files', { type: 'string', array: true, default: ['scenarios'] }) as never,
    handler: async (a) => {
      // The same single pass as `run` (loadPlan): same problems, same warnings, same exit code.
      const { validateScenarios } = await import('../../scenario/load.js');
      const { problems, warnings } = await validateScenarios(a.files);
      for (const p of problems) process.stderr.write(`${p.file}:${p.line}:${p.col} ${p.message}\n`);
      for (const w of warnings) process.stderr.write(`${w.file}:${w.line}:${w.col} warning: ${w.message}\n`);
      if (problems.length === 0) process.stdout.write(`ok: ${a.files.join(', ')}\n`);
      setExit(problems.length ? EXIT.BAD_INPUT : EXIT.OK);
    },
  };
}
