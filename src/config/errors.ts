import { sortProblems, type Problem } from '../scenario/errors.js';
import { RtbenchError } from '../errors.js';

export type { Problem } from '../scenario/errors.js';

/**
 * Where a problem that has no line sits: `env` (a process environment variable) or `flag` (a
 * command-line flag). Such problems carry `line: 0, col: 0` and name the variable or flag at the
 * start of their message.
 */
export const ENV_FILE = 'env';
export const FLAG_FILE = 'flag';

/**
 * Stable code of {@link ConfigError}; the CLI maps it to exit code 2 ("bad input").
 * `CONFIG_INVALID`: a config file, an `RTBENCH_*` variable or a flag value is wrong, or an
 * explicitly named config file cannot be read.
 */
export type ConfigErrorCode = 'CONFIG_INVALID';

/**
 * Every configuration problem found, thrown at once. `problems` has the same shape as
 * `ScenarioError`'s, so the CLI prints them the same way; the message is already formatted.
 */
export class ConfigError extends RtbenchError<ConfigErrorCode> {
  static readonly codes = ['CONFIG_INVALID'] as const;
  override readonly name = 'ConfigError';
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    // Files first (top to bottom, like the text), then variables, then flags.
    const group = (p: Problem) => (p.line > 0 ? 0 : p.file === ENV_FILE ? 1 : 2);
    const sorted = [0, 1, 2].flatMap((g) => sortProblems(problems.filter((p) => group(p) === g)));
    super('CONFIG_INVALID', sorted.map(formatConfigProblem).join('\n'));
    this.problems = sorted;
  }
}

/**
 * `file:line:col message` for a file, and `env:RTBENCH_REPEAT: message` / `flag:--repeat: message`
 * for a value with no position (line 0), whose message starts with the variable or flag name.
 */
export function formatConfigProblem(p: Problem): string {
  return p.line > 0 ? `${p.file}:${p.line}:${p.col} ${p.message}` : `${p.file}:${p.message}`;
}

/** A problem at a variable or flag: `unlocatedProblem(ENV_FILE, 'RTBENCH_REPEAT', 'expected …')`. */
export function unlocatedProblem(file: string, name: string, message: string): Problem {
  return { file, line: 0, col: 0, message: `${name}: ${message}` };
}
