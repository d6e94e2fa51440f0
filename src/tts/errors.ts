/**
 * Stable codes of {@link SpeechSynthesisError}; the CLI maps every one to exit code 2 (bad input).
 *
 * - `TTS_UNAVAILABLE`: the synthesizer is not installed, or its file cannot be read or compiled.
 * - `TTS_FAILED`: the synthesizer ran but gave no usable audio (it exited non-zero, trapped, or
 *   wrote no WAV).
 * - `TTS_INVALID`: the request itself is wrong: an unknown voice, a rate out of range, or text with
 *   nothing to say.
 */
import { RtbenchError } from '../errors.js';
export type SpeechSynthesisErrorCode = 'TTS_UNAVAILABLE' | 'TTS_FAILED' | 'TTS_INVALID';

/** Speech synthesis could not produce a user turn. The message is one line, ready to print. */
export class SpeechSynthesisError extends RtbenchError<SpeechSynthesisErrorCode> {
  static readonly codes = ['TTS_UNAVAILABLE', 'TTS_FAILED', 'TTS_INVALID'] as const satisfies readonly SpeechSynthesisErrorCode[];
  override readonly name = 'SpeechSynthesisError';

  constructor(code: SpeechSynthesisErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
