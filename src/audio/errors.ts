/**
 * Stable machine-readable codes of {@link AudioFormatError}. The CLI maps the class to exit code 2
 * ("bad input"); the code says which kind of bad input it was.
 *
 * - `AUDIO_UNREADABLE`: the file could not be read at all (missing, permission, a directory…).
 * - `AUDIO_NOT_WAV`: the bytes are not a RIFF/WAVE file.
 * - `AUDIO_UNSUPPORTED`: a valid WAV in an encoding rtbench does not decode (ADPCM, MP3…).
 * - `AUDIO_CORRUPT`: a WAV whose header or data chunk is inconsistent or truncated.
 * - `AUDIO_EMPTY`: a valid WAV with 0 frames of audio.
 * - `AUDIO_NO_SPEECH`: a speech fixture with no speech in its annotation (or none detected): no turn
 *   could ever end, so it is refused before anything runs.
 * - `ANNOTATION_INVALID`: a speech annotation sidecar (`*.speech.json`) is not valid JSON or does not
 *   match the annotation schema. `file` is then the JSON file, not the WAV.
 */
import { RtbenchError } from '../errors.js';
export type AudioErrorCode =
  'AUDIO_UNREADABLE' | 'AUDIO_NOT_WAV' | 'AUDIO_UNSUPPORTED' | 'AUDIO_CORRUPT' | 'AUDIO_EMPTY' | 'AUDIO_NO_SPEECH' | 'ANNOTATION_INVALID';

/**
 * A fixture that cannot be used, with the file and a one-line human reason.
 * The message is always `<file>: <reason>` so the CLI can print it as is, without a stack.
 */
export class AudioFormatError extends RtbenchError<AudioErrorCode> {
  static readonly codes = [
    'AUDIO_UNREADABLE',
    'AUDIO_NOT_WAV',
    'AUDIO_UNSUPPORTED',
    'AUDIO_CORRUPT',
    'AUDIO_EMPTY',
    'AUDIO_NO_SPEECH',
    'ANNOTATION_INVALID',
  ] as const satisfies readonly AudioErrorCode[];
  override readonly name = 'AudioFormatError';
  readonly file: string;
  readonly reason: string;

  constructor(code: AudioErrorCode, file: string, reason: string, options?: { cause?: unknown }) {
    super(code, `${file}: ${reason}`, options);
    this.file = file;
    this.reason = reason;
  }
}
