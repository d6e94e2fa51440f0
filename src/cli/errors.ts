/**
 * The one place where errors become messages and exit codes (CONTRACT.md): bad input → 2 with a
 * one-line reason per problem and no stack trace.
 */
export const EXIT = { OK: 0, EXPECTATION: 1, BAD_INPUT: 2, TARGET: 3 } as const;

const BAD_INPUT_CODES = new Set([
  'SCENARIO_INVALID',
  'SCENARIO_UNREADABLE',
  'AUDIO_UNREADABLE',
  'AUDIO_NOT_WAV',
  'AUDIO_UNSUPPORTED',
  'AUDIO_CORRUPT',
  'AUDIO_EMPTY',
  'AUDIO_NO_SPEECH',
  'ANNOTATION_INVALID',
  'USAGE',
  'TARGET_CONFIG',
  'CONFIG_INVALID',
  'COST_LIMIT',
  'RUN_FOLDER_INVALID',
  'E_THRESHOLD',
  'E_UNKNOWN_NAME',
  'E_NO_COMMON_CELL',
  'E_NOTHING_TO_COMPARE',
  'MERGE_INVALID',
  'CALIBRATION_INSUFFICIENT',
  'MOCK_BAD_PROFILE_FILE',
  'REPLAY_INVALID',
  'TTS_UNAVAILABLE',
  'TTS_FAILED',
  'TTS_INVALID',
  'NETWORK_INVALID',
  'NETWORK_UNAVAILABLE',
]);

/** Maps an error to its exit code and the lines to print on stderr. */
export function describeError(err: unknown): { code: number; lines: string[] } {
  const e = err as { code?: string; message?: string; problems?: Array<{ file: string; line: number; col: number; message: string }> };
  if (e && typeof e.code === 'string' && BAD_INPUT_CODES.has(e.code)) {
    if (Array.isArray(e.problems) && e.problems.length) {
      return { code: EXIT.BAD_INPUT, lines: e.problems.map((p) => (p.line > 0 ? `${p.file}:${p.line}:${p.col} ${p.message}` : `${p.file}:${p.message}`)) };
    }
    return { code: EXIT.BAD_INPUT, lines: [String(e.message ?? err)] };
  }
  // A target that cannot be reached at all (e.g. its name does not resolve): no session could run.
  if (e && e.code === 'TARGET_UNREACHABLE') return { code: EXIT.TARGET, lines: [String(e.message ?? err)] };
  const stack = process.env.RTBENCH_DEBUG ? `\n${(err as Error)?.stack ?? ''}` : '';
  return { code: EXIT.EXPECTATION, lines: [`rtbench: internal error: ${(err as Error)?.message ?? String(err)}${stack}`] };
}
