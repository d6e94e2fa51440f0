/**
 * The session configuration the mock keeps: defaults as the service's `session.created` shows them,
 * and `session.update` merged into it (checked first; a refused update changes nothing).
 */
import type { Dialect } from '../../protocol/codec.js';
import { isRecord } from '../../protocol/codec.js';
import { withVadDefaults, type SessionConfig, type TurnDetection } from '../../protocol/session.js';
import { errors, type ErrorTemplate } from '../errors.js';
import type { MockProfile } from '../behaviour/profiles.js';
import { unknownGaParam, validateSessionValues } from './session-validate.js';

export const DEFAULT_INSTRUCTIONS = 'You are a helpful assistant. This is the rtbench mock: answers are prerecorded audio, latencies follow a profile.';

/** Turn detection with every default filled in; server_vad's silence default comes from the profile. */
export function fillTurnDetection(td: TurnDetection | undefined, profile: MockProfile): TurnDetection {
  if (td && td.type === 'server_vad' && td.silence_duration_ms === undefined) {
    return withVadDefaults({ ...td, silence_duration_ms: profile.vadSilenceDurationMs });
  }
  return withVadDefaults(td);
}

/** Which kind of session a connection opened: with a model, or with `intent=transcription`. */
export type SessionKind = 'realtime' | 'transcription';

/** The default configuration of a transcription session: input settings only, nothing transcribed until set. */
export function defaultTranscriptionConfig(profile: MockProfile): SessionConfig {
  return {
    type: 'transcription',
    input_audio_format: 'pcm16',
    input_audio_transcription: null,
    input_audio_noise_reduction: null,
    turn_detection: fillTurnDetection({ type: 'server_vad' }, profile),
  };
}

export function defaultSessionConfig(model: string, profile: MockProfile): SessionConfig {
  return {
    model,
    instructions: DEFAULT_INSTRUCTIONS,
    voice: profile.voice,
    output_modalities: ['audio'],
    input_audio_format: 'pcm16',
    output_audio_format: 'pcm16',
    input_audio_transcription: null,
    input_audio_noise_reduction: null,
    turn_detection: fillTurnDetection({ type: 'server_vad' }, profile),
    tools: [],
    tool_choice: 'auto',
    temperature: 0.8,
    max_output_tokens: 'inf',
    speed: 1,
    tracing: null,
    truncation: 'auto',
  };
}

export type UpdateResult =
  { ok: true; config: SessionConfig; turnDetectionChanged: boolean; inputFormatChanged: boolean } | { ok: false; error: ErrorTemplate };

export interface UpdateContext {
  dialect: Dialect;
  strict: boolean;
  profile: MockProfile;
  /** The voice is fixed once assistant audio exists. */
  assistantAudioSent: boolean;
  /** The client frame as sent (strict mode checks the raw field names). */
  raw: string;
}

export function applySessionUpdate(current: SessionConfig, session: unknown, ctx: UpdateContext): UpdateResult {
  if (!isRecord(session)) return { ok: false, error: errors.missingParam('session') };
  const rawSession = ctx.dialect === 'ga' ? (JSON.parse(ctx.raw) as { session?: unknown }).session : undefined;
  const kind: SessionKind = current.type ?? 'realtime';
  const wantedType = isRecord(rawSession) ? rawSession.type : undefined;
  if (typeof wantedType === 'string' && wantedType !== kind) return { ok: false, error: errors.sessionTypeFixed(kind, wantedType) };
  if (ctx.strict && ctx.dialect === 'ga') {
    if (!isRecord(rawSession) || rawSession.type === undefined) return { ok: false, error: errors.missingParam('session.type') };
    const unknown = unknownGaParam(rawSession);
    if (unknown) return { ok: false, error: errors.unknownParameter(unknown) };
  }
  const update = session as SessionConfig;
  const invalid = validateSessionValues(update, ctx.dialect);
  if (invalid) return { ok: false, error: invalid };
  if (kind === 'transcription' && transcriptionModelOf(update, current) === WHISPER_REALTIME && effectiveTurnDetection(update, current)) {
    return { ok: false, error: errors.whisperNeedsNoVad() };
  }
  if (update.voice !== undefined && update.voice !== current.voice && ctx.assistantAudioSent) {
    return {
      ok: false,
      error: {
        type: 'invalid_request_error',
        code: 'cannot_update_voice',
        message: "Cannot update a conversation's voice if assistant audio is present.",
        param: 'session.voice',
      },
    };
  }
  const next: SessionConfig = { ...current };
  for (const [k, v] of Object.entries(update)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
  if (update.input_audio_noise_reduction) {
    // Omitted strength keeps the current one; 1 when noise reduction is first enabled (SDK 7.x doc).
    const strength = update.input_audio_noise_reduction.strength ?? current.input_audio_noise_reduction?.strength ?? DEFAULT_NOISE_STRENGTH;
    next.input_audio_noise_reduction = { ...update.input_audio_noise_reduction, strength };
  }
  const turnDetectionChanged = 'turn_detection' in update;
  if (turnDetectionChanged) next.turn_detection = fillTurnDetection(update.turn_detection, ctx.profile);
  return { ok: true, config: next, turnDetectionChanged, inputFormatChanged: next.input_audio_format !== current.input_audio_format };
}

/** "Defaults to 1 when noise reduction is first enabled" (openai 7.x types). */
export const DEFAULT_NOISE_STRENGTH = 1;
const WHISPER_REALTIME = 'gpt-realtime-whisper';

function transcriptionModelOf(update: SessionConfig, current: SessionConfig): string | undefined {
  const t = update.input_audio_transcription !== undefined ? update.input_audio_transcription : current.input_audio_transcription;
  return t?.model;
}

function effectiveTurnDetection(update: SessionConfig, current: SessionConfig): boolean {
  return ('turn_detection' in update ? update.turn_detection : current.turn_detection) != null;
}
