/**
 * rtbench's one error model: every error it throws on purpose is an `RtbenchError` with a stable
 * machine-readable `code` and the exit class that code belongs to. The CLI maps the exit class to an
 * exit code (docs/errors.md); nothing else keeps a list of codes. A leaf module: it imports nothing.
 */

/**
 * What kind of failure an error is, which decides the CLI's exit code:
 * `bad_input` → 2 (nothing was run), `expectation` → 1, `target` → 3 (the target failed),
 * `internal` → 1 with "internal error" (a bug, or the machine refused).
 */
export type ExitClass = 'bad_input' | 'target' | 'expectation' | 'internal';

/**
 * Every error code rtbench throws, with its exit class. One style: upper-case words joined by `_`,
 * starting with the part that throws it (`AUDIO_…`, `MOCK_…`). Each code is declared by exactly one
 * error class (its static `codes`), which a test checks.
 */
export const ERROR_CODES = {
  // scenario/
  SCENARIO_INVALID: 'bad_input',
  SCENARIO_UNREADABLE: 'bad_input',
  // audio/
  AUDIO_UNREADABLE: 'bad_input',
  AUDIO_NOT_WAV: 'bad_input',
  AUDIO_UNSUPPORTED: 'bad_input',
  AUDIO_CORRUPT: 'bad_input',
  AUDIO_EMPTY: 'bad_input',
  AUDIO_NO_SPEECH: 'bad_input',
  ANNOTATION_INVALID: 'bad_input',
  // tts/
  TTS_UNAVAILABLE: 'bad_input',
  TTS_FAILED: 'bad_input',
  TTS_INVALID: 'bad_input',
  // config/, cli/, app/
  CONFIG_INVALID: 'bad_input',
  USAGE: 'bad_input',
  TARGET_CONFIG: 'bad_input',
  COST_LIMIT: 'bad_input',
  RUN_FOLDER_INVALID: 'bad_input',
  MERGE_INVALID: 'bad_input',
  // stats/, results/
  THRESHOLD_INVALID: 'bad_input',
  UNKNOWN_NAME: 'bad_input',
  NO_COMMON_CELL: 'bad_input',
  NOTHING_TO_COMPARE: 'bad_input',
  CONTENT_DIFFERS: 'bad_input',
  // calibration/
  CALIBRATION_INSUFFICIENT: 'bad_input',
  MOCK_BAD_PROFILE_FILE: 'bad_input',
  // mock/
  REPLAY_INVALID: 'bad_input',
  MOCK_UNKNOWN_PROFILE: 'bad_input',
  MOCK_BAD_FAULT: 'bad_input',
  MOCK_ASSISTANT_AUDIO: 'bad_input',
  MOCK_TLS_NO_OPENSSL: 'bad_input',
  MOCK_TLS_FAILED: 'internal',
  MOCK_WORKER_FAILED: 'internal',
  MOCK_REQUEST_TOO_LARGE: 'bad_input',
  // transport/
  CONNECT_FAILED: 'target',
  HANDSHAKE_REJECTED: 'target',
  CONNECT_TIMEOUT: 'target',
  WEBRTC_SETUP_FAILED: 'target',
  WEBRTC_UNAVAILABLE: 'bad_input',
  ABORTED: 'internal',
  // network/
  NETWORK_INVALID: 'bad_input',
  NETWORK_UNAVAILABLE: 'bad_input',
  // util/
  WORKER_MODULE_MISSING: 'internal',
} as const satisfies Record<string, ExitClass>;

/** A code rtbench's errors carry. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Whether `code` is one of rtbench's error codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/**
 * The base of every error rtbench throws on purpose. Subclasses name the codes they throw in a static
 * `codes` list; the exit class comes from the code, so a code cannot change class by accident.
 */
export class RtbenchError<C extends ErrorCode = ErrorCode> extends Error {
  /** The stable, machine-readable code. */
  readonly code: C;
  /** What kind of failure this is (decides the CLI's exit code). */
  readonly exitClass: ExitClass;

  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RtbenchError';
    this.code = code;
    this.exitClass = ERROR_CODES[code];
  }

  /**
   * Rebuilds an error that crossed a thread or process boundary as `{code, message}`; a code rtbench
   * does not know becomes `fallback`.
   */
  static revive(code: unknown, message: string, fallback: ErrorCode): RtbenchError {
    return new RtbenchError(isErrorCode(code) ? code : fallback, message);
  }
}

/** The exit class of anything thrown: an `RtbenchError`'s own, else `internal`. */
export function exitClassOf(err: unknown): ExitClass {
  return err instanceof RtbenchError ? err.exitClass : 'internal';
}

/** Bad command-line usage: an unknown flag, a malformed value, flags that do not go together. */
export class UsageError extends RtbenchError<'USAGE'> {
  static readonly codes = ['USAGE'] as const;
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
  }
}

/** The machine or the installation refused something rtbench needs (a worker module missing). */
export class InstallationError extends RtbenchError<'WORKER_MODULE_MISSING'> {
  static readonly codes = ['WORKER_MODULE_MISSING'] as const;
  constructor(code: 'WORKER_MODULE_MISSING', message: string) {
    super(code, message);
    this.name = 'InstallationError';
  }
}
