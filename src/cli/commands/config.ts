import type { CommandModule } from 'yargs';

interface ConfigArgs {
  config?: string;
}

/** `rtbench config` — the effective configuration, each value's source, secrets redacted. */
export function configCommand(setExit: (code: number) => void): CommandModule<object, ConfigArgs> {
  return {
    command: 'config',
    describe: 'Print the effective configuration (flags > RTBENCH_* env > config file > defaults), secrets redacted',
    builder: (y) =>
      y.option('config', { type: 'string', describe: 'Config file (default: rtbench.config.{yaml,yml,json,mjs} found upward from here)' }) as never,
    handler: async (a) => {
      const { formatEffectiveConfig, resolveConfig } = await import('../../config/index.js');
      const resolved = await resolveConfig({ cwd: process.cwd(), env: process.env, configPath: a.config });
      for (const w of resolved.warnings) process.stderr.write(`warning: ${w}\n`);
      process.stdout.write(formatEffectiveConfig(resolved));
      setExit(0);
    },
  };
}
