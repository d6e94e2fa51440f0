import type { CommandModule } from 'yargs';

/** `rtbench schema` */
export function schemaCommand(setExit: (code: number) => void): CommandModule {
  return {
    command: 'schema',
    describe: 'Print the JSON Schema of the scenario format (for editors)',
    handler: async () => {
      const { scenarioJsonSchema } = await import('../../scenario/index.js');
      process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
      setExit(0);
    },
  };
}
