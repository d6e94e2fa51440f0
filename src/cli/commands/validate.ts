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
      const { validateFiles } = await import('../../index.js');
      const problems = await validateFiles(a.files);
      for (const p of problems) process.stderr.write(`${p.file}:${p.line}:${p.col} ${p.message}\n`);
      if (problems.length === 0) process.stdout.write(`ok: ${a.files.join(', ')}\n`);
      setExit(problems.length ? EXIT.BAD_INPUT : EXIT.OK);
    },
  };
}
