/**
 * Traces of real runs → a mock profile file: one fitted profile per model, with the goodness of fit
 * of every distribution. Pure: the caller reads the run folders.
 */
import type { TraceRecord } from '../metrics/trace.js';
import type { Distribution } from './distribution.js';
import { observeSession, turnDetectionLabel, type SessionObservations, type TurnObservation } from './extract.js';
import { fitDistribution, quantileOf } from './fit.js';
import { PROFILE_FILE_SCHEMA, type FittedModelProfile, type ProfileFile, type ProvenanceRun, type SpeechStoppedFit } from './profile-format.js';
import { RtbenchError } from '../errors.js';
import { TRACES_FILE } from '../run-folder/names.js';

/** Observations a distribution needs before it is fitted [30]. */
export const DEFAULT_MIN_N = 30;

export const PROVENANCE_NOTE =
  'Times are measured at the harness: every delay includes the network between the harness and the service ' +
  "(and the harness's own scheduling). The profile reproduces the service as seen from where these runs ran.";

export interface CalibrationRun {
  /** Folder as named on the command line. */
  dir: string;
  traces: readonly TraceRecord[];
  startedAt?: string | null;
  region?: string | null;
}

export interface CalibrateOptions {
  minN?: number;
  /** ISO date written into the file [omitted]. */
  createdAt?: string;
  version?: string;
}

/** One distribution's outcome, for the goodness-of-fit table. */
export interface FitRow {
  model: string;
  /** `first_audio`, `speech_stopped[server_vad/500ms]`, … */
  name: string;
  n: number;
  required: boolean;
  dist: Distribution | null;
  /** Why it was left out (too few observations). */
  skipped?: string;
  /** Observed values, ascending (for the quantile comparison). */
  observed: number[];
}

export interface CalibrationResult {
  file: ProfileFile;
  rows: FitRow[];
  warnings: string[];
}

/** Not enough data for a required distribution (exit 2). */
export class CalibrationError extends RtbenchError<'CALIBRATION_INSUFFICIENT'> {
  static readonly codes = ['CALIBRATION_INSUFFICIENT'] as const;
  constructor(message: string) {
    super('CALIBRATION_INSUFFICIENT', message);
    this.name = 'CalibrationError';
  }
}

/**
 * Fits a profile per model from the runs' traces.
 * @throws {CalibrationError} when a required distribution (first audio per model, end-of-speech delay
 *   per VAD setting) has fewer than `minN` observations, saying how many are needed
 */
export function calibrate(runs: readonly CalibrationRun[], opts: CalibrateOptions = {}): CalibrationResult {
  const minN = opts.minN ?? DEFAULT_MIN_N;
  const provenance: ProvenanceRun[] = [];
  const sessions: SessionObservations[] = [];
  for (const run of runs) {
    const obs = sessionsOf(run.traces);
    sessions.push(...obs);
    provenance.push({
      dir: run.dir,
      targets: unique(obs.map((s) => s.target)),
      hosts: unique(obs.map((s) => s.host).filter((h): h is string => h !== null)),
      region: run.region ?? null,
      started_at: run.startedAt ?? null,
      sessions: obs.length,
      turns: obs.reduce((n, s) => n + s.turns.length, 0),
    });
  }
  const rows: FitRow[] = [];
  const warnings: string[] = [];
  const shortfalls: string[] = [];
  const profiles: FittedModelProfile[] = [];
  const models = unique(sessions.map((s) => s.model));
  if (models.length === 0) throw new CalibrationError(`no sessions found in ${runs.map((r) => r.dir).join(', ')} (${TRACES_FILE} empty or missing)`);

  for (const model of models) {
    const mine = sessions.filter((s) => s.model === model);
    const turns = mine.flatMap((s) => s.turns);
    const targets = unique(mine.map((s) => s.target));
    if (targets.length > 1) warnings.push(`${model}: runs against several targets (${targets.join(', ')}) are pooled into one profile`);
    if (targets.includes('mock')) warnings.push(`${model}: fitted from runs against the bundled mock: this profile describes the mock, not a service`);
    const fit = (name: string, values: Array<number | null>, required: boolean): Distribution | undefined => {
      const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
      const row: FitRow = { model, name, n: xs.length, required, dist: null, observed: xs };
      rows.push(row);
      if (xs.length < minN) {
        row.skipped = `${xs.length} observation${xs.length === 1 ? '' : 's'}, need ${minN}`;
        if (required)
          shortfalls.push(`${model}: ${name}: ${xs.length} turn${xs.length === 1 ? '' : 's'} with data, need at least ${minN} (${minN - xs.length} more)`);
        return undefined;
      }
      row.dist = fitDistribution(xs);
      return row.dist;
    };
    // Kept apart (pooling them moved every answer of a fitted mock by +40 %): a tool turn's end of
    // turn → first audio holds the whole tool round trip; barge-in detection happens over the
    // assistant's audio.
    const answers = turns.filter((t) => t.kind !== 'tool');
    const tools = turns.filter((t) => t.kind === 'tool');
    const firstAudio = fit(
      'first_audio',
      answers.map((t) => t.vadToFirstAudioMs),
      true,
    );
    const speechStopped: SpeechStoppedFit[] = [];
    const vadSessions = mine.filter((s) => s.turnDetection.type !== 'none');
    for (const label of unique(vadSessions.map((s) => turnDetectionLabel(s.turnDetection)))) {
      const group = vadSessions.filter((s) => turnDetectionLabel(s.turnDetection) === label);
      const values = group.flatMap((s) => s.turns.filter((t) => t.trigger === 'vad').map((t) => t.vadStopDelayMs));
      const delay = fit(`speech_stopped[${label}]`, values, true);
      const key = group[0].turnDetection;
      if (delay && key.type !== 'none') {
        speechStopped.push({
          turn_detection: key.type,
          ...(key.silence_duration_ms !== undefined ? { silence_duration_ms: key.silence_duration_ms } : {}),
          ...(key.eagerness !== undefined ? { eagerness: key.eagerness } : {}),
          delay,
        });
      }
    }
    const pick = (f: (t: TurnObservation) => number | null) => turns.map(f);
    const entry: FittedModelProfile = { model, turns: turns.length, first_audio: firstAudio ?? placeholder() };
    if (speechStopped.length) entry.speech_stopped = speechStopped;
    const optional: Array<[keyof FittedModelProfile, string, Array<number | null>]> = [
      ['tool_call', 'tool_call', tools.map((t) => t.toolCallMs)],
      ['tool_answer', 'tool_answer', tools.map((t) => t.toolAnswerMs)],
      ['response_created', 'response_created', pick((t) => t.responseCreatedMs)],
      ['speech_started', 'speech_started', turns.filter((t) => t.kind !== 'barge_in').map((t) => t.speechStartedDelayMs)],
      ['barge_in_speech_started', 'barge_in_speech_started', turns.filter((t) => t.kind === 'barge_in').map((t) => t.speechStartedDelayMs)],
      ['stream_rate', 'stream_rate', pick((t) => t.streamRate)],
      ['delta_gap_ms', 'delta_gap_ms', turns.flatMap((t) => t.deltaGapMs)],
      ['delta_gap_ratio', 'delta_gap_ratio', turns.flatMap((t) => t.deltaGapRatio)],
      ['answer_audio_ms', 'answer_audio_ms', pick((t) => t.answerAudioMs)],
      ['transcription', 'transcription', pick((t) => t.transcriptionMs)],
    ];
    for (const [key, name, values] of optional) {
      const d = fit(name, values, false);
      if (d) (entry as unknown as Record<string, unknown>)[key] = d;
    }
    const deltas = turns.flatMap((t) => t.deltaMs).sort((a, b) => a - b);
    if (deltas.length) entry.delta_ms = round1(quantileOf(deltas, 0.5));
    const inTok = fit(
      'input_tokens',
      pick((t) => t.inputTokens),
      false,
    );
    const outTok = fit(
      'output_tokens',
      pick((t) => t.outputTokens),
      false,
    );
    const perS = pick((t) => t.outputAudioTokensPerS)
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    if (inTok || outTok || perS.length) {
      entry.tokens = {
        ...(inTok ? { input_tokens: inTok } : {}),
        ...(outTok ? { output_tokens: outTok } : {}),
        ...(perS.length ? { output_audio_tokens_per_s: round1(quantileOf(perS, 0.5)) } : {}),
      };
    }
    profiles.push(entry);
  }
  if (shortfalls.length) {
    throw new CalibrationError(`too little data to calibrate:\n  ${shortfalls.join('\n  ')}\nRun more turns (e.g. --repeat) and calibrate again.`);
  }
  const file: ProfileFile = {
    schema: PROFILE_FILE_SCHEMA,
    ...(opts.createdAt ? { created_at: opts.createdAt } : {}),
    ...(opts.version ? { rtbench_version: opts.version } : {}),
    provenance: { note: PROVENANCE_NOTE, runs: provenance },
    profiles,
  };
  return { file, rows, warnings };
}

/** Sessions of a run's traces, in the order they appear. */
function sessionsOf(traces: readonly TraceRecord[]): SessionObservations[] {
  const bySession = new Map<string, TraceRecord[]>();
  for (const r of traces) {
    let list = bySession.get(r.s);
    if (!list) bySession.set(r.s, (list = []));
    list.push(r);
  }
  const out: SessionObservations[] = [];
  for (const records of bySession.values()) {
    const obs = observeSession(records);
    if (obs) out.push(obs);
  }
  return out;
}

function placeholder(): Distribution {
  return { shiftMs: 0, medianMs: 0, sigma: 0, minMs: 0, maxMs: 0 };
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
