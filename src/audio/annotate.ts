/**
 * Speech annotation sidecars: `fixtures/foo.wav` → `fixtures/foo.speech.json`, the ground truth of
 * when the user speaks in a fixture.
 *
 * Hand edits are respected. Without `force`, {@link annotateFile} rewrites a sidecar only when it
 * is missing, or when it is `source: "auto"` and its `sha256` no longer matches the WAV (the audio
 * changed, so the old boundaries are stale). A `source: "manual"` sidecar is never overwritten, and
 * neither is an `auto` one whose sha256 still matches: its boundaries are valid for this audio,
 * whether they came from the detector or from a person who adjusted them without changing `source`.
 * `force` re-detects in every case.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { DEFAULT_ANNOTATE_PARAMS, detectSpeech, type AnnotateParams } from './detect.js';
import { AudioFormatError } from './errors.js';
import { loadAudio, type LoadAudioOptions } from './load.js';

const SegmentSchema = z
  .object({ start_ms: z.number().nonnegative(), end_ms: z.number().nonnegative() })
  .refine((s) => s.end_ms > s.start_ms, { message: 'end_ms must be greater than start_ms' });

/**
 * Schema of a `*.speech.json` sidecar. Unknown keys are kept (people add notes). `sha256` is
 * optional so a hand-written manual annotation needs no hash.
 */
export const AnnotationSchema = z.looseObject({
  file: z.string(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits')
    .optional(),
  sample_rate: z.number().int().positive(),
  duration_ms: z.number().nonnegative(),
  speech: z.array(SegmentSchema).refine((segments) => segments.every((s, i) => i === 0 || s.start_ms >= segments[i - 1].end_ms), {
    message: 'segments must be in time order and must not overlap',
  }),
  transcript: z.string().optional(),
  source: z.enum(['auto', 'manual']),
  detector: z.record(z.string(), z.unknown()).optional(),
});

/** A validated speech annotation. */
export type Annotation = z.infer<typeof AnnotationSchema>;

/** `foo.wav` → `foo.speech.json` (any extension is replaced; none → appended). */
export function annotationPath(wav: string): string {
  const name = basename(wav);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? wav.slice(0, wav.length - (name.length - dot)) : wav;
  return `${stem}.speech.json`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Reads and validates the sidecar of `wav`.
 * @returns undefined when there is no sidecar
 * @throws AudioFormatError `ANNOTATION_INVALID` naming the JSON file (bad JSON or schema), or
 *   `AUDIO_UNREADABLE` when it exists but cannot be read
 */
export async function readAnnotation(wav: string): Promise<Annotation | undefined> {
  const path = annotationPath(wav);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AudioFormatError('AUDIO_UNREADABLE', path, `cannot read annotation (${(err as NodeJS.ErrnoException).code ?? err})`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AudioFormatError('ANNOTATION_INVALID', path, `invalid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = AnnotationSchema.safeParse(json);
  if (!parsed.success) {
    throw new AudioFormatError('ANNOTATION_INVALID', path, `invalid annotation: ${describeIssue(parsed.error.issues[0])}`);
  }
  return parsed.data;
}

/** Serialises with one segment per line, so hand edits and diffs stay readable. */
function formatAnnotation(annotation: Annotation): string {
  const { file, sha256, sample_rate, duration_ms, speech, transcript, source, detector, ...extra } = annotation;
  const ordered = { file, sha256, sample_rate, duration_ms, speech: '\u0000', transcript, source, detector, ...extra };
  const segments = speech.map((s) => `    ${JSON.stringify({ start_ms: s.start_ms, end_ms: s.end_ms })}`).join(',\n');
  const list = speech.length ? `[\n${segments}\n  ]` : '[]';
  return `${JSON.stringify(ordered, null, 2).replace('"\\u0000"', list)}\n`;
}

/** Writes the sidecar of `wav` (atomically: a reader never sees half a file). */
export async function writeAnnotation(wav: string, annotation: Annotation): Promise<void> {
  const path = annotationPath(wav);
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, formatAnnotation(annotation));
  await rename(temp, path);
}

/** Options of {@link computeAnnotation} and {@link annotateFile}. */
export interface AnnotateFileOptions {
  /** detector parameter overrides */
  params?: Partial<AnnotateParams>;
  /** transcript to record; default: the existing sidecar's */
  transcript?: string;
  /** passed to loadAudio (disk cache folder) */
  cacheDir?: LoadAudioOptions['cacheDir'];
}

/** Rate the detector analyses at: the session rate, i.e. the audio that is actually sent. */
const ANALYSIS_RATE = 24000;

/**
 * Detects the speech of `wav` and returns its annotation, without writing anything (for
 * `fixtures annotate --json` and on-the-fly ground truth). `sample_rate` and `duration_ms` describe
 * the WAV file itself.
 */
export async function computeAnnotation(wav: string, opts: AnnotateFileOptions = {}): Promise<Annotation> {
  const audio = await loadAudio(wav, { sampleRate: ANALYSIS_RATE, cacheDir: opts.cacheDir });
  const params = { ...DEFAULT_ANNOTATE_PARAMS, ...opts.params };
  const annotation: Annotation = {
    file: basename(wav),
    sha256: audio.sha256,
    sample_rate: audio.source.sampleRate,
    duration_ms: Math.round(audio.source.durationMs),
    speech: detectSpeech(audio.pcm, audio.sampleRate, params),
    source: 'auto',
    detector: { name: 'energy', ...params },
  };
  if (opts.transcript !== undefined) annotation.transcript = opts.transcript;
  return annotation;
}

/** Result of {@link annotateFile}: the annotation now in effect, and whether the file was written. */
export interface AnnotateFileResult {
  annotation: Annotation;
  written: boolean;
  /** why an existing sidecar was kept, or a warning about it */
  reason?: string;
}

/**
 * Annotates `wav` and writes its sidecar, unless an existing sidecar must be kept (see the module
 * comment). A sidecar that is invalid JSON or fails the schema is an error unless `force`.
 */
export async function annotateFile(wav: string, opts: AnnotateFileOptions & { force?: boolean } = {}): Promise<AnnotateFileResult> {
  let existing: Annotation | undefined;
  try {
    existing = await readAnnotation(wav);
  } catch (err) {
    if (!opts.force) throw err;
  }
  const computed = await computeAnnotation(wav, {
    ...opts,
    transcript: opts.transcript ?? existing?.transcript,
  });
  if (existing && !opts.force) {
    const sameAudio = existing.sha256 === undefined || existing.sha256 === computed.sha256;
    if ((existing.source === 'manual' || sameAudio) && existing.speech.length === 0) {
      throw new AudioFormatError('AUDIO_NO_SPEECH', wav, 'no speech in its annotation (speech: [])');
    }
    if (existing.source === 'manual') {
      const reason = sameAudio
        ? 'manual annotation kept (use force to re-detect)'
        : 'manual annotation kept, but its sha256 does not match the audio: check it, or use force to re-detect';
      return { annotation: existing, written: false, reason };
    }
    if (sameAudio) return { annotation: existing, written: false, reason: 'up to date: audio unchanged (use force to re-detect)' };
  }
  if (computed.speech.length === 0) throw new AudioFormatError('AUDIO_NO_SPEECH', wav, 'no speech detected in the audio (nothing written)');
  await writeAnnotation(wav, computed);
  return { annotation: computed, written: true };
}

/** Where an annotation in effect came from. */
export type AnnotationOrigin = 'sidecar' | 'detected';

/**
 * The ground truth for `wav`: its sidecar when it is manual or matches the audio, otherwise freshly
 * detected (not written). `stale` is set when an auto sidecar exists but describes other audio.
 */
export async function resolveAnnotation(
  wav: string,
  opts: AnnotateFileOptions = {},
): Promise<{ annotation: Annotation; origin: AnnotationOrigin; stale?: boolean }> {
  const existing = await readAnnotation(wav);
  if (existing?.source === 'manual') return { annotation: existing, origin: 'sidecar' };
  const audio = await loadAudio(wav, { sampleRate: ANALYSIS_RATE, cacheDir: opts.cacheDir });
  if (existing && (existing.sha256 === undefined || existing.sha256 === audio.sha256)) {
    return { annotation: existing, origin: 'sidecar' };
  }
  const annotation = await computeAnnotation(wav, { ...opts, transcript: opts.transcript ?? existing?.transcript });
  return existing ? { annotation, origin: 'detected', stale: true } : { annotation, origin: 'detected' };
}
