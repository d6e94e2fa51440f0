import { exitClassOf, type ExitClass } from '../errors.js';

/**
 * The one place where errors become messages and exit codes (docs/errors.md): bad input → 2 with a
 * one-line reason per problem and no stack trace. The exit code follows the error's exit class.
 */
export const EXIT = { OK: 0, EXPECTATION: 1, BAD_INPUT: 2, TARGET: 3 } as const;

/** The exit code of each exit class. */
export const EXIT_OF_CLASS: Record<ExitClass, number> = {
  bad_input: EXIT.BAD_INPUT,
  expectation: EXIT.EXPECTATION,
  target: EXIT.TARGET,
  internal: EXIT.EXPECTATION,
};

/** Maps an error to its exit code and the lines to print on stderr. */
export function describeError(err: unknown): { code: number; lines: string[] } {
  const cls = exitClassOf(err);
  const e = err as { message?: string; problems?: Array<{ file: string; line: number; col: number; message: string }> };
  if (cls === 'internal') {
    const stack = process.env.RTBENCH_DEBUG ? `\n${(err as Error)?.stack ?? ''}` : '';
    return { code: EXIT_OF_CLASS.internal, lines: [`rtbench: internal error: ${(err as Error)?.message ?? String(err)}${stack}`] };
  }
  if (Array.isArray(e.problems) && e.problems.length) {
    return { code: EXIT_OF_CLASS[cls], lines: e.problems.map((p) => (p.line > 0 ? `${p.file}:${p.line}:${p.col} ${p.message}` : `${p.file}:${p.message}`)) };
  }
  return { code: EXIT_OF_CLASS[cls], lines: [String(e.message ?? err)] };
}
