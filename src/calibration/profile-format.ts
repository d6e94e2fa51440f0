/**
 * The mock profile file (`rtbench calibrate --out profile.json`, `rtbench mock --profile-file`):
 * its types and its validation. A file holds one fitted profile per model, and where the runs came
 * from. It may also be written by hand (distributions without quantiles), e.g. to describe a known
 * service for a test.
 */
import { z } from 'zod';
import type { Distribution } from './distribution.js';
import { QUANTILE_POINTS } from './distribution.js';
import { RtbenchError } from '../errors.js';

export const PROFILE_FILE_SCHEMA = 'rtbench.mock-profile/v1';

/** The end-of-speech detection delay for one turn-detection setting. */
export interface SpeechStoppedFit {
  turn_detection: 'server_vad' | 'semantic_vad';
  /** server_vad: the silence duration it applies to (absent = the server's default). */
  silence_duration_ms?: number;
  /** semantic_vad: the eagerness it applies to. */
  eagerness?: string;
  /** True end of speech → `speech_stopped` arrival, ms. */
  delay: Distribution;
}

/** One model's fitted timing. Every distribution except `first_audio` is optional. */
export interface FittedModelProfile {
  model: string;
  /** Built-in profile supplying everything not fitted (default: the one the model name picks). */
  base?: string;
  /** Turns the fit used. */
  turns?: number;
  /** End of the user turn (speech_stopped or the client's commit) → first response audio delta, of plain answers (and barge-in turns' answers). */
  first_audio: Distribution;
  /** Tool turns: end of the user turn → the function call's first arguments (the mock's first content of a function-call response). */
  tool_call?: Distribution;
  /** Tool turns: the client's `function_call_output` (then `response.create`) → the answer's first audio. */
  tool_answer?: Distribution;
  /** Barge-in turns: true speech onset → `speech_started` arrival, while the assistant talks. */
  barge_in_speech_started?: Distribution;
  /** End of the user turn → `response.created`. */
  response_created?: Distribution;
  /** End-of-speech detection delay, per turn-detection setting. */
  speech_stopped?: SpeechStoppedFit[];
  /** True speech onset → `speech_started` arrival, in turns that are not barge-ins. */
  speech_started?: Distribution;
  /** Audio delivery, ms of audio per ms of wall time (× real time). */
  stream_rate?: Distribution;
  /** Audio per delta, ms (the median seen). */
  delta_ms?: number;
  /** Wall time between deltas, ms (printed, not drawn: it mixes speed and burstiness). */
  delta_gap_ms?: Distribution;
  /** Burstiness: each gap between deltas over its response's mean gap (mean 1); the mock draws every gap's factor. */
  delta_gap_ratio?: Distribution;
  /** Audio of a completed answer, ms (the mock clips its answer to a draw; its WAV caps the length). */
  answer_audio_ms?: Distribution;
  /** `committed` → input transcription `completed`. */
  transcription?: Distribution;
  /** Token usage seen (printed; the mock computes usage from what is in context). */
  tokens?: { input_tokens?: Distribution; output_tokens?: Distribution; output_audio_tokens_per_s?: number };
}

export interface ProvenanceRun {
  /** Run folder as given on the command line. */
  dir: string;
  /** Targets and URL hosts the sessions used. */
  targets: string[];
  hosts: string[];
  /** Region when known (`--region`; the service does not report it). */
  region: string | null;
  started_at: string | null;
  sessions: number;
  turns: number;
}

export interface ProfileFile {
  schema: typeof PROFILE_FILE_SCHEMA;
  created_at?: string;
  rtbench_version?: string;
  provenance?: { note: string; runs: ProvenanceRun[] };
  profiles: FittedModelProfile[];
}

const num = z.number().refine(Number.isFinite, 'a finite number');
const DistributionSchema = z
  .strictObject({
    shiftMs: num.default(0),
    medianMs: num.min(0),
    sigma: num.min(0),
    minMs: num,
    maxMs: num,
    sampler: z.enum(['lognormal', 'empirical']).optional(),
    quantiles: z.array(num).length(QUANTILE_POINTS).optional(),
    n: z.number().int().min(0).optional(),
    ks: num.optional(),
  })
  .refine((d) => d.minMs <= d.maxMs, 'minMs must be ≤ maxMs')
  .refine((d) => d.sampler !== 'empirical' || d.quantiles !== undefined, `the empirical sampler needs ${QUANTILE_POINTS} quantiles`)
  .refine((d) => !d.quantiles || d.quantiles.every((q, i, a) => i === 0 || a[i - 1] <= q), 'quantiles must ascend');

const ModelSchema = z.looseObject({
  model: z.string().min(1),
  base: z.string().optional(),
  turns: z.number().int().optional(),
  first_audio: DistributionSchema,
  tool_call: DistributionSchema.optional(),
  tool_answer: DistributionSchema.optional(),
  barge_in_speech_started: DistributionSchema.optional(),
  response_created: DistributionSchema.optional(),
  speech_stopped: z
    .array(
      z.strictObject({
        turn_detection: z.enum(['server_vad', 'semantic_vad']),
        silence_duration_ms: num.optional(),
        eagerness: z.string().optional(),
        delay: DistributionSchema,
      }),
    )
    .optional(),
  speech_started: DistributionSchema.optional(),
  stream_rate: DistributionSchema.optional(),
  delta_ms: num.positive().optional(),
  delta_gap_ms: DistributionSchema.optional(),
  delta_gap_ratio: DistributionSchema.optional(),
  answer_audio_ms: DistributionSchema.optional(),
  transcription: DistributionSchema.optional(),
  tokens: z.looseObject({}).optional(),
});

const FileSchema = z.looseObject({
  schema: z.literal(PROFILE_FILE_SCHEMA),
  profiles: z.array(ModelSchema).min(1),
});

/** A profile file that cannot be used (exit 2). */
export class ProfileFileError extends RtbenchError<'MOCK_BAD_PROFILE_FILE'> {
  static readonly codes = ['MOCK_BAD_PROFILE_FILE'] as const;
  constructor(message: string) {
    super('MOCK_BAD_PROFILE_FILE', message);
    this.name = 'ProfileFileError';
  }
}

/**
 * Validates parsed JSON as a profile file.
 * @throws {ProfileFileError} naming the first problem and where (`profiles.0.first_audio.sigma`)
 */
export function parseProfileFile(json: unknown, source: string): ProfileFile {
  const r = FileSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ProfileFileError(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return r.data as unknown as ProfileFile;
}

/** The entry for a model: exact name, else the longest entry name the model starts with, else the only entry. */
export function entryForModel(file: ProfileFile, model: string | undefined): FittedModelProfile | null {
  if (model) {
    const exact = file.profiles.find((p) => p.model === model);
    if (exact) return exact;
    const prefix = file.profiles.filter((p) => model.startsWith(p.model)).sort((a, b) => b.model.length - a.model.length)[0];
    if (prefix) return prefix;
  }
  return file.profiles.length === 1 ? file.profiles[0] : null;
}
