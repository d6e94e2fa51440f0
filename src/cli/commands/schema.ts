import type { CommandModule } from 'yargs';
import { scenarioJsonSchema } from '../../index.js';

/** `rtbench schema` */
export function schemaCommand(setExit: (code: number) => void): CommandModule {
  return {
    command: 'schema',
    describe: 'Print the JSON Schema of the scenario format (for editors)',
    handler: () => {
      process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
      setExit(0);
    },
  };
}
