/**
 * One thing wrong with a scenario or a fixture it names, at the exact place it was written.
 * `line` and `col` are 1-based, as editors and `file:line:col` links expect.
 */
import { RtbenchError } from '../errors.js';
export interface Problem {
  /** The scenario file as the user named it (relative paths stay relative). */
  file: string;
  line: number;
  col: number;
  /** One line, human: `turns[1].barge_in.after_first_audio_ms: expected a number ≥ 0, got "soon"`. */
  message: string;
}

/**
 * Stable codes of {@link ScenarioError}; the CLI maps both to exit code 2 ("bad input").
 * - `SCENARIO_UNREADABLE`: a named file or folder could not be read (missing, permission, empty folder).
 * - `SCENARIO_INVALID`: everything could be read, but something in it is wrong.
 */
export type ScenarioErrorCode = 'SCENARIO_INVALID' | 'SCENARIO_UNREADABLE';

/**
 * Every problem found in a set of scenario files, thrown at once so the author fixes them in one go.
 * The message is the problems formatted `file:line:col message`, one per line, ready to print.
 */
export class ScenarioError extends RtbenchError<ScenarioErrorCode> {
  static readonly codes = ['SCENARIO_INVALID', 'SCENARIO_UNREADABLE'] as const satisfies readonly ScenarioErrorCode[];
  override readonly name = 'ScenarioError';
  readonly problems: Problem[];

  constructor(code: ScenarioErrorCode, problems: Problem[]) {
    super(code, formatProblems(problems));
    this.problems = problems;
  }
}

/** `file:line:col message`, the format compilers use, so terminals and editors link to the spot. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col} ${p.message}`;
}

/** All problems, one per line. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}

/** Orders problems by file, then position, so output reads top to bottom like the files. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}
