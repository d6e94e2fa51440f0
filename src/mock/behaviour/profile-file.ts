/**
 * Mock profiles from a profile file (`rtbench calibrate` output, or written by hand): the built-in
 * profile of the model supplies everything the file does not fit; the fitted distributions ride
 * along in `MockProfile.fitted` and the draws in fitted-draws.ts / fitted-speech.ts use them.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { medianOf, type Distribution } from '../../calibration/distribution.js';
import { entryForModel, parseProfileFile, ProfileFileError, type ProfileFile } from '../../calibration/profile-format.js';
import { resolveProfile, type MockProfile } from './profiles.js';

export interface LoadedProfileFile {
  path: string;
  file: ProfileFile;
}

/**
 * Reads and validates a profile file (synchronously: the mock must answer a handshake without
 * waiting on I/O, which matters with a virtual clock).
 * @throws {ProfileFileError} code `MOCK_BAD_PROFILE_FILE`: unreadable, not JSON, or invalid
 */
export function loadProfileFile(path: string): LoadedProfileFile {
  const abs = resolve(path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    throw new ProfileFileError(`${path}: cannot read profile file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ProfileFileError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  return { path: abs, file: parseProfileFile(json, path) };
}

/**
 * The mock profile for a model from a loaded file.
 * @throws {ProfileFileError} when the file has no entry for the model (and more than one entry)
 */
export function profileFromFile(loaded: LoadedProfileFile, model: string | undefined): MockProfile {
  const entry = entryForModel(loaded.file, model);
  if (!entry) {
    const have = loaded.file.profiles.map((p) => p.model).join(', ');
    throw new ProfileFileError(`${basename(loaded.path)}: no profile for model "${model ?? '(none)'}" (the file has: ${have})`);
  }
  const base = resolveProfile(entry.base, model ?? entry.model);
  const first = entry.first_audio;
  const profile: MockProfile = {
    ...base,
    name: `${basename(loaded.path)}#${entry.model}`,
    description: `Fitted from recorded runs (${loaded.path}), model ${entry.model}; the rest from "${base.name}".`,
    firstAudio: { medianMs: medianOf(first), sigma: logSigmaOf(first), minMs: first.minMs, maxMs: first.maxMs },
    ...(entry.response_created ? { responseCreatedMs: medianOf(entry.response_created) } : {}),
    ...(entry.stream_rate ? { streamRate: { median: medianOf(entry.stream_rate), sigma: logSigmaOf(entry.stream_rate) } } : {}),
    ...(entry.delta_ms ? { deltaMs: entry.delta_ms } : {}),
    ...(entry.transcription ? { transcription: { medianMs: medianOf(entry.transcription), sigma: logSigmaOf(entry.transcription) } } : {}),
    model: model ?? entry.model,
    fitted: entry,
  };
  // Fitted speech delays replace the built-in speech-timing knobs (where the profile has them):
  // fitted-speech.ts already draws the whole delay, so a built-in delay must not come on top.
  const knobs = profile as unknown as Record<string, unknown>;
  if ((entry.speech_started || entry.barge_in_speech_started) && 'speechStartedDelay' in knobs)
    knobs.speechStartedDelay = { medianMs: 0, sigma: 0, minMs: 0, maxMs: 0 };
  if (entry.speech_stopped?.length && 'speechStoppedJitterMs' in knobs) knobs.speechStoppedJitterMs = 0;
  return profile;
}

/** σ of log(value) near the median, for code that wants a plain lognormal (delta method). */
function logSigmaOf(d: Distribution): number {
  const total = d.shiftMs + d.medianMs;
  return total > 0 ? (d.sigma * d.medianMs) / total : d.sigma;
}

/** Profile files by path, each read once per mock. */
export class ProfileFileCache {
  private readonly byPath = new Map<string, LoadedProfileFile>();

  /** @throws {ProfileFileError} see {@link loadProfileFile} */
  get(path: string): LoadedProfileFile {
    const abs = resolve(path);
    let loaded = this.byPath.get(abs);
    if (!loaded) this.byPath.set(abs, (loaded = loadProfileFile(abs)));
    return loaded;
  }
}
