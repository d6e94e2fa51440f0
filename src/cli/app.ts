import yargs from 'yargs';
import { VERSION } from '../version.js';
import { annotateCommand } from './commands/annotate.js';
import { calibrateCommand } from './commands/calibrate.js';
import { compareCommand } from './commands/compare.js';
import { configCommand } from './commands/config.js';
import { initCommand } from './commands/init.js';
import { mergeCommand } from './commands/merge.js';
import { mockCommand } from './commands/mock.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { sayCommand } from './commands/say.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { describeError, EXIT } from './errors.js';
import { UsageError } from '../errors.js';

/** Entry point: parses argv, runs a command, exits with the code docs/errors.md lists. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.OK;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const cli = yargs(argv)
    .scriptName('rtbench')
    .version(VERSION)
    .usage('$0 <command> [options]\n\nHeadless test harness and latency benchmark for realtime speech-to-speech APIs.')
    .command(runCommand(setExit))
    .command(mockCommand(setExit))
    .command({
      command: 'fixtures <action>',
      describe: 'Work with audio fixtures (annotate their true speech segments, or synthesize one from text)',
      builder: (y) => y.command(annotateCommand(setExit)).command(sayCommand(setExit)).demandCommand(1, 'name an action: annotate or say'),
      handler: () => undefined,
    })
    .command(validateCommand(setExit))
    .command(reportCommand(setExit))
    .command(compareCommand(setExit))
    .command(mergeCommand(setExit))
    .command(calibrateCommand(setExit))
    .command(initCommand(setExit))
    .command(schemaCommand(setExit))
    .command(configCommand(setExit))
    .demandCommand(1, 'name a command (see --help)')
    .strict()
    .parserConfiguration({ 'camel-case-expansion': false })
    .completion('completion', 'Print a shell completion script (bash/zsh)')
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      // A handler's error comes with no message of yargs' own; a failed `check()` comes with one and is bad input.
      if (err && (msg === null || msg === undefined || typeof (err as { code?: unknown }).code === 'string')) throw err;
      if (err) msg = err.message;
      throw new UsageError(`rtbench: ${msg.replace(/\s*\n\s*/g, ' ')} (see rtbench --help)`);
    });
  try {
    await cli.parseAsync();
  } catch (err) {
    const { code, lines } = describeError(err);
    // Messages may quote a URL, a header or a server's reply: never print a secret.
    const { Redactor, secretsFromEnv } = await import('../util/redact.js');
    const redactor = new Redactor(secretsFromEnv(process.env));
    for (const line of lines) process.stderr.write(redactor.text(line) + '\n');
    return code;
  }
  return exitCode;
}
