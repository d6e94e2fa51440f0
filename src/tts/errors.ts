/**
 * Stable codes of {@link SpeechSynthesisError}; the CLI maps every one to exit code 2 (bad input).
 *
 * - `TTS_UNAVAILABLE`: the synthesizer is not installed, or its file cannot be read or compiled.
 * - `TTS_FAILED`: the synthesizer ran but gave no usable audio (it exited non-zero, trapped, or
 *   wrote no WAV).
 * - `TTS_INVALID`: the request itself is wrong: an unknown voice, a rate out of range, or text with
 *   nothing to say.
 */
export type SpeechSynthesisErrorCode = 'TTS_UNAVAILABLE' | 'TTS_FAILED' | 'TTS_INVALID';

/** Speech synthesis could not produce a user turn. The message is one line, ready to print. */
export class SpeechSynthesisError extends Error {
  override readonly name = 'SpeechSynthesisError';
  readonly code: SpeechSynthesisErrorCode;

  constructor(code: SpeechSynthesisErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
